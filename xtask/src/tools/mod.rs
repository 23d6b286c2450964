//! The tools the widget build and its tests need, their pinned versions, and how to install them.
//!
//! Everything is installed under `<target dir>/tools`, never globally, so a fresh machine needs no
//! setup and CI (which keeps its target directory) installs each tool once.

mod npm;
mod python;
mod rust;

pub use npm::*;
pub use python::*;
pub use rust::*;

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM_PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];

/// Chromium comes from apt, not npm: the npm packages download a browser from Google's CDN,
/// which these machines cannot reach, and Debian's chromium-driver always matches its chromium.
pub fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    let packages = CHROMIUM_PACKAGES.join(" ");
    if !is_root() {
        bail!(
            "the widget's browser tests need {CHROMIUM} and {CHROMEDRIVER}, and installing them \
             needs root. Fix: `sudo apt-get install -y {packages}`, then rerun"
        );
    }
    println!("xtask: installing {packages} with apt-get (for the widget's browser tests)");
    apt_install(&CHROMIUM_PACKAGES)?;
    if !Path::new(CHROMEDRIVER).exists() {
        bail!("apt-get installed {packages}, but {CHROMEDRIVER} is still missing");
    }
    Ok(())
}

pub fn is_root() -> bool {
    cmd::probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// Installs Debian packages (as root).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    let apt = |args: &[&str]| {
        let mut apt = Command::new("apt-get");
        apt.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd::run(&mut apt)
    };
    let installed = apt(&["update"]).and_then(|()| {
        let mut args = vec!["install", "-y"];
        args.extend(packages);
        apt(&args)
    });
    let packages = packages.join(" ");
    installed.with_context(|| {
        format!(
            "could not install {packages} with apt-get (needs network access to the Debian \
             mirrors). Fix the cause, then run `apt-get update && apt-get install -y {packages}`"
        )
    })
}
