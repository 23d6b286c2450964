//! `pentahelix-server backup` and `restore`: a city's data copied out of a running server and put
//! back after a disk failure or a bad migration.
//!
//! The backup is `VACUUM INTO`: one read transaction, so it is consistent while the server keeps
//! writing, and compact, since it is written afresh. Restoring is a file swap done only while the
//! server is stopped; the database it replaces is kept beside it, never deleted.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::Utc;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteLockingMode};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use crate::cli::{BackupArgs, RestoreArgs};
use crate::error::Error;

/// What a backup or restore reports: enough for an operator to see the copy is the city's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    pub stakeholders: i64,
    pub initiatives: i64,
    pub pledges: i64,
}

impl std::fmt::Display for Contents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} stakeholders, {} initiatives, {} pledges",
            self.stakeholders, self.initiatives, self.pledges
        )
    }
}

pub async fn backup(args: BackupArgs) -> Result<(), Error> {
    let source = sqlite_path(&args.database_url)?;
    if !source.exists() {
        return Err(Error::Config(format!(
            "there is no database at {}",
            source.display()
        )));
    }
    if args.to.exists() {
        return Err(Error::Config(format!(
            "{} already exists; choose a new file so no earlier backup is overwritten",
            args.to.display()
        )));
    }
    let to = args
        .to
        .to_str()
        .ok_or_else(|| Error::Config(format!("{} is not a UTF-8 path", args.to.display())))?;
    let mut db = open(&source, false).await?;
    sqlx::query("VACUUM INTO ?")
        .bind(to)
        .execute(&mut db)
        .await?;
    db.close().await?;
    let contents = check(&args.to).await?;
    let size = std::fs::metadata(&args.to).map_or(0, |m| m.len());
    println!(
        "Backed up {} to {} ({:.1} KiB): {contents}, integrity ok",
        source.display(),
        args.to.display(),
        size as f64 / 1024.0
    );
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> Result<(), Error> {
    let target = sqlite_path(&args.database_url)?;
    let contents = check(&args.from).await?;
    let kept = if target.exists() {
        ensure_unused(&target).await?;
        Some(set_aside(&target)?)
    } else {
        None
    };
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
    }
    let partial = with_suffix(&target, "restoring");
    std::fs::copy(&args.from, &partial).map_err(|e| io_error("copy", &args.from, e))?;
    std::fs::File::open(&partial)
        .and_then(|file| file.sync_all())
        .map_err(|e| io_error("sync", &partial, e))?;
    std::fs::rename(&partial, &target).map_err(|e| io_error("rename", &partial, e))?;
    let restored = check(&target).await?;
    debug_assert_eq!(restored, contents);
    println!(
        "Restored {} from {}: {restored}, integrity ok",
        target.display(),
        args.from.display()
    );
    if let Some(kept) = kept {
        println!("The database it replaced is kept as {}", kept.display());
    }
    Ok(())
}

/// The file behind a `sqlite://PATH` URL. PostgreSQL has its own tools for this (`pg_dump`,
/// point-in-time recovery), which an operator of a shared database already runs.
fn sqlite_path(url: &str) -> Result<PathBuf, Error> {
    let unsupported = || {
        Error::Config(format!(
            "--database-url `{url}`: backup and restore work on SQLite files (sqlite://PATH); \
             for PostgreSQL use pg_dump and pg_restore"
        ))
    };
    if !url.starts_with("sqlite:") {
        return Err(unsupported());
    }
    let options = SqliteConnectOptions::from_str(url).map_err(|_| unsupported())?;
    let path = options.get_filename();
    if url.contains(":memory:") || path.as_os_str().is_empty() {
        return Err(Error::Config(format!(
            "--database-url `{url}` is not a file"
        )));
    }
    Ok(path.to_path_buf())
}

async fn open(path: &Path, read_only: bool) -> Result<SqliteConnection, Error> {
    Ok(SqliteConnectOptions::new()
        .filename(path)
        .read_only(read_only)
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await?)
}

/// Opens a backup (or a restored file), checks it page by page and counts what it holds.
async fn check(path: &Path) -> Result<Contents, Error> {
    if !path.exists() {
        return Err(Error::Config(format!("{} does not exist", path.display())));
    }
    let mut db = open(path, true).await?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut db)
        .await?;
    if integrity != "ok" {
        return Err(Error::Config(format!(
            "{} is damaged: {integrity}",
            path.display()
        )));
    }
    let not_ours = |_| Error::Config(format!("{} is not a Pentahelix database", path.display()));
    let contents = Contents {
        stakeholders: count(&mut db, "stakeholders").await.map_err(not_ours)?,
        initiatives: count(&mut db, "initiatives").await.map_err(not_ours)?,
        pledges: count(&mut db, "pledges").await.map_err(not_ours)?,
    };
    db.close().await?;
    Ok(contents)
}

/// `table` is one of ours, never input.
async fn count(db: &mut SqliteConnection, table: &'static str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(db)
        .await
}

/// A running server keeps its connections open, and every connection to a database in WAL mode
/// holds a shared lock on the file: taking the exclusive lock fails until the server stops.
async fn ensure_unused(path: &Path) -> Result<(), Error> {
    let in_use = || {
        Error::Config(format!(
            "{} is in use: stop the server before restoring",
            path.display()
        ))
    };
    let mut db = SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::from_millis(500))
        .connect()
        .await
        .map_err(|_| in_use())?;
    let locked = sqlx::query("BEGIN EXCLUSIVE").execute(&mut db).await;
    let _ = sqlx::query("ROLLBACK").execute(&mut db).await;
    db.close().await?;
    locked.map(drop).map_err(|_| in_use())
}

/// Moves the database and its log files to `NAME.before-restore-TIMESTAMP*`.
fn set_aside(path: &Path) -> Result<PathBuf, Error> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let kept = with_suffix(path, &format!("before-restore-{stamp}"));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", kept.display()));
            std::fs::rename(&from, &to).map_err(|e| io_error("move", &from, e))?;
        }
    }
    Ok(kept)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn io_error(action: &str, path: &Path, err: std::io::Error) -> Error {
    Error::Config(format!("could not {action} {}: {err}", path.display()))
}
