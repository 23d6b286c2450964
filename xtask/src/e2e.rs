//! The end-to-end journeys (`tests/e2e`): the real server, started here on a free loopback port
//! with a fresh SQLite file and the demo data, driven through headless Chromium by
//! playwright-core under Node's own test runner.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::tools;
use crate::workspace::Workspace;

/// Stops the server however the journeys end.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads the server's first line, "Pentahelix is running at http://…/", for its address.
pub fn url_from_banner(line: &str) -> Option<String> {
    let url = line.trim().rsplit(' ').next()?;
    (url.starts_with("http://") && url.ends_with('/')).then(|| url.to_owned())
}

pub fn run(ws: &Workspace) -> Result<()> {
    tools::ensure_chromium()?;
    let e2e = ws.root.join("tests/e2e");
    let mut npm = Command::new("npm");
    npm.current_dir(&e2e)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    cmd::run(&mut npm).context("could not install playwright-core for the browser journeys; it needs network access to the npm registry")?;

    let mut cargo = ws.cargo();
    cargo.args(["build", "-p", "pentahelix-server"]);
    cmd::run(&mut cargo)?;

    let data = ws.target_dir.join("e2e");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data)
        .with_context(|| format!("could not create {}", data.display()))?;
    let binary = ws
        .target_dir
        .join("debug")
        .join(format!("pentahelix-server{}", std::env::consts::EXE_SUFFIX));
    let database = format!("sqlite://{}/e2e.db", data.display());
    // Admin tokens for a Bandung hub manager and for Depok's, made as an operator would.
    let token = |region: &str| -> Result<String> {
        let mut admin = Command::new(&binary);
        admin.args([
            "admin",
            "create-token",
            "--region",
            region,
            "--database-url",
            &database,
        ]);
        Ok(cmd::output(&mut admin)?.trim().to_owned())
    };
    let (bandung, depok) = (token("32.73")?, token("32.76")?);
    let mut child = Command::new(&binary)
        .current_dir(&ws.root)
        .args(["serve", "--listen", "127.0.0.1:0", "--demo"])
        // The journeys play several citizens from one machine, told apart by X-Forwarded-For.
        .arg("--trust-forwarded-for")
        .args([
            "--rate-limit-reads",
            "1000000",
            "--rate-limit-writes",
            "1000000",
        ])
        .arg("--database-url")
        .arg(&database)
        .arg("--static-dir")
        .arg(ws.dist_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("could not start {}", binary.display()))?;
    let stdout = child.stdout.take().context("no stdout from the server")?;
    let server = Server(child);
    let mut banner = String::new();
    BufReader::new(stdout)
        .read_line(&mut banner)
        .context("the server printed nothing")?;
    let Some(url) = url_from_banner(&banner) else {
        bail!("the server did not print its address (it printed {banner:?})");
    };
    println!("xtask: journeys against {url}");

    let artifacts = ws.target_dir.join("e2e-artifacts");
    let mut node = Command::new("node");
    node.current_dir(&e2e)
        .args(["--test", "--test-reporter=spec"])
        .env("PENTAHELIX_URL", &url)
        .env("PENTAHELIX_ADMIN_BANDUNG", &bandung)
        .env("PENTAHELIX_ADMIN_DEPOK", &depok)
        .env("PENTAHELIX_E2E_ARTIFACTS", &artifacts)
        .env("CHROMIUM", tools::CHROMIUM);
    let result = cmd::run(&mut node).with_context(|| {
        format!(
            "a browser journey failed; screenshots and console logs are in {}",
            artifacts.display()
        )
    });
    drop(server);
    result
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
