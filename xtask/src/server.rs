//! The real server as the test steps meet it: the debug build, started on a free loopback port
//! with a fresh SQLite file, the demo data and rate limits no test reaches, and stopped however
//! the step ends.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::workspace::Workspace;

/// A built server and its empty database, ready to be given admin tokens and started.
pub struct TestServer {
    binary: PathBuf,
    database: String,
}

/// A running server, stopped when dropped.
pub struct Running {
    child: Child,
    pub url: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl TestServer {
    /// Builds the debug server and gives it an empty database in `<target dir>/<name>`.
    pub fn prepare(ws: &Workspace, name: &str) -> Result<TestServer> {
        let mut cargo = ws.cargo();
        cargo.args(["build", "-p", "pentahelix-server"]);
        cmd::run(&mut cargo)?;

        let data = ws.target_dir.join(name);
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(&data)
            .with_context(|| format!("could not create {}", data.display()))?;
        Ok(TestServer {
            binary: ws
                .target_dir
                .join("debug")
                .join(format!("pentahelix-server{}", std::env::consts::EXE_SUFFIX)),
            database: format!("sqlite://{}/{name}.db", data.display()),
        })
    }

    /// An admin token for `regions`, made with the command line as an operator would.
    pub fn admin_token(&self, regions: &[&str], label: &str) -> Result<String> {
        let mut admin = Command::new(&self.binary);
        admin.args(["admin", "create-token", "--label", label]);
        for region in regions {
            admin.args(["--region", region]);
        }
        admin.args(["--database-url", &self.database]);
        Ok(cmd::output(&mut admin)?.trim().to_owned())
    }

    /// Invites `email` as an official of `region` in `role`, with the command line as an
    /// operator would; they sign in with a mailed code.
    pub fn invite(&self, email: &str, region: &str, role: &str) -> Result<()> {
        let mut invite = Command::new(&self.binary);
        invite.args([
            "admin", "invite", "--email", email, "--region", region, "--role", role,
        ]);
        invite.args(["--database-url", &self.database]);
        cmd::output(&mut invite)?;
        Ok(())
    }

    /// Starts `serve` with the demo data, serving the widget from `dist/`, with `extra` options
    /// (its mail server, say).
    pub fn start(&self, ws: &Workspace, extra: &[&str]) -> Result<Running> {
        let mut child = Command::new(&self.binary)
            .current_dir(&ws.root)
            .args(["serve", "--listen", "127.0.0.1:0", "--demo"])
            // Tests play several clients from one machine, told apart by X-Forwarded-For, which
            // is believed from this machine only.
            .args(["--trusted-proxies", "127.0.0.1,::1"])
            .args([
                "--rate-limit-reads",
                "1000000",
                "--rate-limit-writes",
                "1000000",
            ])
            .arg("--database-url")
            .arg(&self.database)
            .arg("--static-dir")
            .arg(ws.dist_dir())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("could not start {}", self.binary.display()))?;
        let stdout = child.stdout.take().context("no stdout from the server")?;
        let mut running = Running {
            child,
            url: String::new(),
        };
        let mut banner = String::new();
        BufReader::new(stdout)
            .read_line(&mut banner)
            .context("the server printed nothing")?;
        let Some(url) = url_from_banner(&banner) else {
            bail!("the server did not print its address (it printed {banner:?})");
        };
        running.url = url;
        Ok(running)
    }
}

/// Reads the server's first line, "Pentahelix is running at http://…/", for its address.
pub fn url_from_banner(line: &str) -> Option<String> {
    let url = line.trim().rsplit(' ').next()?;
    (url.starts_with("http://") && url.ends_with('/')).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_read_from_the_servers_banner() {
        assert_eq!(
            url_from_banner("Pentahelix is running at http://127.0.0.1:41234/\n").as_deref(),
            Some("http://127.0.0.1:41234/")
        );
        assert_eq!(url_from_banner("error: cannot listen"), None);
    }
}
