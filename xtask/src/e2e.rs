//! The end-to-end journeys (`tests/e2e`): the real server, started here on a free loopback port
//! with a fresh SQLite file, the demo data and a local mail catcher, driven through headless
//! Chromium by playwright-core under Node's own test runner.

use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd;
use crate::mail_catcher::MailCatcher;
use crate::server::TestServer;
use crate::tools;
use crate::workspace::Workspace;

/// The server listed in `--other-apis` for the embedding tests (`PENTAHELIX_OTHER_API`).
const OTHER_API: &str = "https://kabupaten.example";

/// The officials the journeys sign in as, where they work and in which role.
const OFFICIALS: [(&str, &str, &str); 4] = [
    ("petugas.ekraf@bandung.go.id", "32.73", "moderator"),
    ("petugas.ekraf@depok.go.id", "32.76", "manager"),
    ("petugas.aksesibilitas@bandung.go.id", "32.73", "manager"),
    ("pengelola.ekraf@bandung.go.id", "32.73", "manager"),
];

pub fn run(ws: &Workspace) -> Result<()> {
    tools::ensure_chromium()?;
    let e2e = ws.root.join("tests/e2e");
    let mut npm = Command::new("npm");
    npm.current_dir(&e2e)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    cmd::run(&mut npm).context("could not install playwright-core for the browser journeys; it needs network access to the npm registry")?;

    let server = TestServer::prepare(ws, "e2e")?;
    // Admin tokens for a Bandung and a Depok system, made as an operator would; and the named
    // officials who sign in with a mailed code (one address per journey: a code a minute).
    let bandung = server.admin_token(&["32.73"], "Hub manager Bandung")?;
    let depok = server.admin_token(&["32.76"], "Hub manager Depok")?;
    for (email, region, role) in OFFICIALS {
        server.invite(email, region, role)?;
    }
    // Mail goes to a real SMTP server the journeys read: the sign-in codes and notifications.
    let mail = MailCatcher::start_anywhere(ws)?;
    let running = server.start(
        ws,
        &[
            "--smtp-url",
            &mail.smtp_url,
            "--smtp-timeout-seconds",
            "10",
            "--mail-retry-seconds",
            "1",
            // Another city's server, which a page's markup may name: the embedding tests play
            // it by answering its requests from this server.
            "--other-apis",
            OTHER_API,
            // The seed cities and Kota Semarang, which the widget knows only by asking.
            "--cities",
            "32.73,32.76,36.74,18.72,35.73,33.74",
        ],
    )?;
    let url = running.url.clone();
    println!("xtask: journeys against {url}, mail in {}", mail.inbox_url);

    let artifacts = ws.target_dir.join("e2e-artifacts");
    let mut node = Command::new("node");
    node.current_dir(&e2e)
        .args(["--test", "--test-reporter=spec"])
        .env("PENTAHELIX_URL", &url)
        .env("PENTAHELIX_ADMIN_BANDUNG", &bandung)
        .env("PENTAHELIX_ADMIN_DEPOK", &depok)
        .env("PENTAHELIX_OFFICIAL_BANDUNG", OFFICIALS[0].0)
        .env("PENTAHELIX_OFFICIAL_DEPOK", OFFICIALS[1].0)
        .env("PENTAHELIX_OFFICIAL_A11Y", OFFICIALS[2].0)
        .env("PENTAHELIX_MANAGER_BANDUNG", OFFICIALS[3].0)
        .env("PENTAHELIX_MAIL_INBOX", &mail.inbox_url)
        .env("PENTAHELIX_OTHER_API", OTHER_API)
        .env("PENTAHELIX_E2E_ARTIFACTS", &artifacts)
        .env("CHROMIUM", tools::CHROMIUM);
    let result = cmd::run(&mut node).with_context(|| {
        format!(
            "a browser journey failed; screenshots and console logs are in {}",
            artifacts.display()
        )
    });
    drop(running);
    drop(mail);
    result
}
