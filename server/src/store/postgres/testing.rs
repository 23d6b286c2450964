//! Throwaway databases for test suites: each test gets its own, copied from a migrated template,
//! so the same scenarios run on PostgreSQL as on an in-memory SQLite store, concurrently and
//! without seeing each other's data. Not used by the server itself.

use std::sync::atomic::{AtomicU32, Ordering};

use sha2::{Digest, Sha256};
use sqlx::{Connection, Executor, PgConnection};

use super::{MIGRATOR, connect_options};
use crate::error::Error;

/// The environment variable that turns the PostgreSQL runs of the test suites on: the URL of a
/// server (and a database to connect to first, such as `postgres`) whose user may create
/// databases. `cargo xtask test` starts a throwaway cluster and sets it.
pub const ENV: &str = "PENTAHELIX_TEST_POSTGRES";

/// The server URL from [`ENV`], when set.
pub fn server_url() -> Option<String> {
    std::env::var(ENV).ok().filter(|url| !url.trim().is_empty())
}

/// `url` with its database name replaced by `database`.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut result = format!("{}/{database}", &base[..path_start]);
    if let Some(query) = query {
        result.push('?');
        result.push_str(query);
    }
    result
}

/// The template's name changes with the migrations, so a changed schema gets a new template
/// instead of copies of a stale one.
fn template_name() -> String {
    let mut hasher = Sha256::new();
    for migration in MIGRATOR.iter() {
        hasher.update(migration.version.to_be_bytes());
        hasher.update(&*migration.checksum);
    }
    let digest = hasher.finalize();
    format!("pentahelix_template_{}", crate::auth::hex(&digest[..6]))
}

/// Creates a new, empty, migrated database on the server at `server_url` and returns its URL.
pub async fn fresh_database(server_url: &str) -> Result<String, Error> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let mut admin = PgConnection::connect_with(&connect_options(server_url)?).await?;
    let template = template_name();
    ensure_template(&mut admin, server_url, &template).await?;
    let mut suffix = [0u8; 4];
    getrandom::fill(&mut suffix).map_err(|e| Error::Internal(format!("random name: {e}")))?;
    let name = format!(
        "pentahelix_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        crate::auth::hex(&suffix)
    );
    admin
        .execute(format!("CREATE DATABASE {name} TEMPLATE {template}").as_str())
        .await?;
    admin.close().await?;
    Ok(with_database(server_url, &name))
}

/// Builds the template once per schema. Test processes start in parallel, so they take turns
/// under an advisory lock; the template is built under another name and renamed when complete,
/// so a run that died half-way leaves nothing that looks finished.
async fn ensure_template(
    admin: &mut PgConnection,
    server_url: &str,
    template: &str,
) -> Result<(), Error> {
    const LOCK: i64 = 0x7065_6e74_6168_656c; // "pentahel"
    admin
        .execute(format!("SELECT pg_advisory_lock({LOCK})").as_str())
        .await?;
    let result = async {
        let exists: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
                .bind(template)
                .fetch_optional(&mut *admin)
                .await?;
        if exists.is_some() {
            return Ok(());
        }
        let building = format!("{template}_building");
        admin
            .execute(format!("DROP DATABASE IF EXISTS {building}").as_str())
            .await?;
        admin
            .execute(format!("CREATE DATABASE {building}").as_str())
            .await?;
        let mut conn =
            PgConnection::connect_with(&connect_options(&with_database(server_url, &building))?)
                .await?;
        MIGRATOR.run(&mut conn).await?;
        conn.close().await?;
        admin
            .execute(format!("ALTER DATABASE {building} RENAME TO {template}").as_str())
            .await?;
        Ok::<(), Error>(())
    }
    .await;
    admin
        .execute(format!("SELECT pg_advisory_unlock({LOCK})").as_str())
        .await?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced_and_the_rest_kept() {
        assert_eq!(
            with_database(
                "postgres://u:p@127.0.0.1:5433/postgres?sslmode=disable",
                "t1"
            ),
            "postgres://u:p@127.0.0.1:5433/t1?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "t2"), "postgres://h/t2");
        assert_eq!(
            with_database("postgresql://h:1/", "t3"),
            "postgresql://h:1/t3"
        );
    }
}
