//! A throwaway PostgreSQL cluster for the server's tests: `initdb` into a temporary folder, a free
//! port on 127.0.0.1 (and the Unix socket inside that folder, so it never meets a system
//! server's), stopped and deleted when dropped — also when a test failed or panicked.
//!
//! PostgreSQL refuses to run as root. As root (a CI container) the cluster runs as the `postgres`
//! user that Debian's package creates, through `runuser`; otherwise as the current user.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::tools;

/// What the server's test suites read to run on PostgreSQL as well (see
/// `server/tests/common/mod.rs`).
pub const TEST_ENV: &str = "PENTAHELIX_TEST_POSTGRES";

const SYSTEM_USER: &str = "postgres";

pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    run_as: Option<&'static str>,
}

impl Cluster {
    /// Starts a new cluster, installing PostgreSQL first if it is missing.
    pub fn start() -> Result<Cluster> {
        let bin = ensure_installed()?;
        let run_as = tools::is_root().then_some(SYSTEM_USER);
        let dir = std::env::temp_dir().join(format!("pentahelix-pg-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .with_context(|| format!("could not remove the old {}", dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("could not create {}", dir.display()))?;
        // From here on, dropping the cluster cleans up whatever was made.
        let mut cluster = Cluster {
            bin,
            dir,
            port: 0,
            run_as,
        };
        if let Some(user) = run_as {
            give_to(&cluster.dir, user)?;
        }
        let data = cluster.data_dir();
        let mut initdb = cluster.command("initdb");
        initdb
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ])
            // A cluster that lives for one test run need not survive a power cut.
            .arg("--no-sync");
        cmd::output(&mut initdb).context("initdb could not create the test cluster")?;

        // The port is free when asked, but another program may take it before the server binds
        // it; then try another.
        let mut last_error = None;
        for _ in 0..3 {
            cluster.port = free_port()?;
            let mut pg_ctl = cluster.command("pg_ctl");
            pg_ctl
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(cluster.dir.join("server.log"))
                .args(["-w", "-t", "60", "-o"])
                .arg(format!(
                    "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200 \
                     -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    cluster.port,
                    cluster.dir.display()
                ))
                .arg("start");
            match cmd::output(&mut pg_ctl) {
                Ok(_) => {
                    println!(
                        "xtask: PostgreSQL test cluster at {} (data in {})",
                        cluster.url(),
                        cluster.dir.display()
                    );
                    return Ok(cluster);
                }
                Err(err) => last_error = Some(err),
            }
        }
        let log = fs::read_to_string(cluster.dir.join("server.log")).unwrap_or_default();
        Err(last_error
            .unwrap_or_else(|| anyhow::anyhow!("pg_ctl did not run"))
            .context(format!(
                "the PostgreSQL test cluster did not start; its log:\n{log}"
            )))
    }

    /// The URL the tests connect with: the `postgres` superuser, which may create databases.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        match self.run_as {
            Some(user) => {
                let mut runuser = Command::new("runuser");
                runuser.args(["-u", user, "--"]).arg(program);
                runuser
            }
            None => Command::new(program),
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.port != 0 {
            let mut pg_ctl = self.command("pg_ctl");
            pg_ctl
                .arg("-D")
                .arg(self.data_dir())
                .args(["-m", "immediate", "-w", "stop"]);
            if let Err(err) = cmd::output(&mut pg_ctl) {
                eprintln!("xtask: stopping the PostgreSQL test cluster: {err:#}");
            }
        }
        if let Err(err) = fs::remove_dir_all(&self.dir) {
            eprintln!("xtask: could not remove {}: {err}", self.dir.display());
        }
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("no free port on 127.0.0.1")?;
    Ok(listener.local_addr()?.port())
}

/// Hands the cluster's folder to `user`, who runs the server in it.
fn give_to(dir: &Path, user: &str) -> Result<()> {
    let id = |flag: &str| -> Result<u32> {
        let out = cmd::output(Command::new("id").args([flag, user])).with_context(|| {
            format!(
                "PostgreSQL refuses to run as root, and there is no `{user}` user to run it as. \
                 Fix: `apt-get install -y postgresql` (which creates it), or run as another user"
            )
        })?;
        out.trim()
            .parse()
            .with_context(|| format!("`id {flag} {user}` printed {out:?}"))
    };
    std::os::unix::fs::chown(dir, Some(id("-u")?), Some(id("-g")?))
        .with_context(|| format!("could not give {} to {user}", dir.display()))
}

/// The folder with `initdb` and `pg_ctl`: Debian's newest `/usr/lib/postgresql/N/bin`, else
/// wherever `PATH` has them. Installed with apt-get when missing (as root).
pub fn ensure_installed() -> Result<PathBuf> {
    if let Some(bin) = find_bin_dir() {
        return Ok(bin);
    }
    if !tools::is_root() {
        bail!(
            "the server's PostgreSQL tests need PostgreSQL's programs (initdb, pg_ctl), and \
             installing them needs root. Fix: `sudo apt-get install -y postgresql`, then rerun"
        );
    }
    println!("xtask: installing postgresql with apt-get (for the server's PostgreSQL tests)");
    tools::apt_install(&["postgresql"])?;
    find_bin_dir().context("apt-get installed postgresql, but initdb is still not to be found")
}

fn find_bin_dir() -> Option<PathBuf> {
    let debian = fs::read_dir("/usr/lib/postgresql")
        .ok()
        .and_then(|entries| {
            entries
                .filter_map(|entry| {
                    let entry = entry.ok()?;
                    let version: u32 = entry.file_name().to_str()?.parse().ok()?;
                    let bin = entry.path().join("bin");
                    bin.join("initdb").is_file().then_some((version, bin))
                })
                .max_by_key(|(version, _)| *version)
                .map(|(_, bin)| bin)
        });
    debian.or_else(|| {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
    })
}
