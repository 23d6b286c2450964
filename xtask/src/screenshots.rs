//! `cargo xtask screenshots`: the README's pictures of every view of the widget, at 360 px and
//! 1280 px, in Indonesian and English, taken from the release build against the real server with
//! a fresh SQLite file and the demo data, by `tests/e2e/screenshots.mjs` in headless Chromium.
//! Signing in (the owner's Milik saya, the officials' workspace) goes through a local mail
//! catcher, as in the browser journeys.
//!
//! The pictures are taken into `<target>/screenshots/png` and replace those in
//! `docs/screenshots/` only when every view rendered, so a failed run never leaves the README
//! with half a gallery. They are committed, so they are made small: scale 1, and 256 colours
//! by pngquant (Debian's package), which takes the 44 from 9.2 MiB to 3.5 MiB with no difference
//! a reader sees, and gives the same bytes for the same picture.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::dist;
use crate::mail_catcher::MailCatcher;
use crate::server::TestServer;
use crate::tools;
use crate::workspace::Workspace;

/// Where the pictures are committed, from the workspace root.
const FOLDER: &str = "docs/screenshots";
/// The official whose workspace is pictured (the address `cargo xtask run` invites too).
const OFFICIAL: (&str, &str, &str) = ("petugas.demo@contoh.id", "32.73", "manager");

const PNGQUANT: &str = "pngquant";

pub fn run(ws: &Workspace) -> Result<()> {
    let started = Instant::now();
    dist::build(ws)?;
    tools::ensure_chromium()?;
    ensure_pngquant()?;
    let e2e = ws.root.join("tests/e2e");
    let mut npm = Command::new("npm");
    npm.current_dir(&e2e)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    cmd::run(&mut npm).context(
        "could not install playwright-core for the screenshots; it needs network access to the \
         npm registry",
    )?;

    let server = TestServer::prepare(ws, "screenshots")?;
    let (email, region, role) = OFFICIAL;
    server.invite(email, region, role)?;
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
        ],
    )?;
    // Inside the folder `prepare` empties, so no picture of an earlier run is mistaken for one
    // of this run.
    let taken = ws.target_dir.join("screenshots").join("png");
    let mut node = Command::new("node");
    node.current_dir(&e2e)
        .arg("screenshots.mjs")
        .env("PENTAHELIX_URL", &running.url)
        .env("PENTAHELIX_MAIL_INBOX", &mail.inbox_url)
        .env("PENTAHELIX_OFFICIAL", email)
        .env("PENTAHELIX_SCREENSHOTS", &taken)
        .env("CHROMIUM", tools::CHROMIUM);
    let shot = cmd::run(&mut node);
    drop(running);
    drop(mail);
    shot.with_context(|| {
        format!(
            "not every view was pictured, so {FOLDER} is unchanged; what the browser showed is \
             in {}",
            taken.display()
        )
    })?;

    let mut quantize = Command::new(PNGQUANT);
    quantize
        .args(["--speed", "1", "--strip", "--force", "--ext", ".png"])
        .args(pictures(&taken)?);
    cmd::output(&mut quantize)?;
    let folder = ws.root.join(FOLDER);
    let bytes = replace_pictures(&taken, &folder)?;
    println!(
        "xtask: {} pictures, {} KiB in all, in {} ({} s)",
        pictures(&folder)?.len(),
        bytes.div_ceil(1024),
        folder.display(),
        started.elapsed().as_secs()
    );
    Ok(())
}

/// pngquant from Debian's packages, like Chromium: installed when missing and this is root.
fn ensure_pngquant() -> Result<()> {
    if cmd::probe(Command::new(PNGQUANT).arg("--version")).is_some() {
        return Ok(());
    }
    if !tools::is_root() {
        bail!(
            "the screenshots are made small with {PNGQUANT}, and installing it needs root. Fix: \
             `sudo apt-get install -y {PNGQUANT}`, then rerun"
        );
    }
    tools::apt_install(&[PNGQUANT])
}

/// Replaces the pictures in `folder` with those in `taken` (a view that is gone loses its
/// pictures too) and returns their total size.
fn replace_pictures(taken: &Path, folder: &Path) -> Result<u64> {
    let new = pictures(taken)?;
    if new.is_empty() {
        bail!(
            "the screenshot script wrote no picture into {}",
            taken.display()
        );
    }
    fs::create_dir_all(folder).with_context(|| format!("could not create {}", folder.display()))?;
    for old in pictures(folder)? {
        fs::remove_file(&old).with_context(|| format!("could not remove {}", old.display()))?;
    }
    let mut bytes = 0;
    for picture in new {
        let to = folder.join(picture.file_name().context("a picture without a name")?);
        bytes += fs::copy(&picture, &to)
            .with_context(|| format!("could not copy {} to {}", picture.display(), to.display()))?;
    }
    Ok(bytes)
}

/// The PNG files in `folder`, by name, leaving out what a failed view left for inspection.
fn pictures(folder: &Path) -> Result<Vec<PathBuf>> {
    if !folder.exists() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in
        fs::read_dir(folder).with_context(|| format!("could not read {}", folder.display()))?
    {
        let path = entry?.path();
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_picture)
        {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn is_picture(name: &str) -> bool {
    name.ends_with(".png") && !name.ends_with("-failed.png")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_failed_view_leaves_is_not_a_picture() {
        assert!(is_picture("initiatives-id-360.png"));
        assert!(!is_picture("admin-en-1280-failed.png"));
        assert!(!is_picture("admin-en-1280.log"));
    }
}
