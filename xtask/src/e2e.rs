//! The end-to-end journeys (`tests/e2e`): the real server, started here on a free loopback port
//! with a fresh SQLite file and the demo data, driven through headless Chromium by
//! playwright-core under Node's own test runner.

use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd;
use crate::server::TestServer;
use crate::tools;
use crate::workspace::Workspace;

pub fn run(ws: &Workspace) -> Result<()> {
    tools::ensure_chromium()?;
    let e2e = ws.root.join("tests/e2e");
    let mut npm = Command::new("npm");
    npm.current_dir(&e2e)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    cmd::run(&mut npm).context("could not install playwright-core for the browser journeys; it needs network access to the npm registry")?;

    let server = TestServer::prepare(ws, "e2e")?;
    // Admin tokens for a Bandung hub manager and for Depok's, made as an operator would.
    let bandung = server.admin_token(&["32.73"], "Hub manager Bandung")?;
    let depok = server.admin_token(&["32.76"], "Hub manager Depok")?;
    let running = server.start(ws)?;
    let url = running.url.clone();
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
    drop(running);
    result
}
