//! Tools from the npm registry, each under its own prefix.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::workspace::Workspace;

/// binaryen from npm rather than Debian: Debian 12 ships binaryen 108, whose `wasm-opt` breaks
/// the module current `wasm-bindgen` emits.
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const BOOTSTRAP_VERSION: &str = "5.3.9";
/// The local mail catcher of `cargo xtask run` and of the browser journeys: a real SMTP server
/// with an inbox page and a JSON API (2.x runs on the Node.js 20 of Debian 12; 3.x wants 22).
pub const MAILDEV_VERSION: &str = "2.2.1";
/// The minifier of the widget's JavaScript (the loader, the wasm-bindgen glue, the split loader).
pub const ESBUILD_VERSION: &str = "0.28.2";
/// The OpenAPI linter city integrators meet first (`redocly lint`, its recommended rules).
pub const REDOCLY_VERSION: &str = "2.77.0";

/// Returns the path of `wasm-opt`.
pub fn ensure_wasm_opt(ws: &Workspace) -> Result<PathBuf> {
    let package = ensure_npm_package(ws, "binaryen", BINARYEN_VERSION)?;
    let wasm_opt = package.with_file_name(".bin").join("wasm-opt");
    if !wasm_opt.exists() {
        bail!(
            "npm installed binaryen@{BINARYEN_VERSION}, but {} is missing",
            wasm_opt.display()
        );
    }
    Ok(wasm_opt)
}

/// Returns the `esbuild` command.
pub fn ensure_esbuild(ws: &Workspace) -> Result<PathBuf> {
    let package = ensure_npm_package(ws, "esbuild", ESBUILD_VERSION)?;
    let esbuild = package.with_file_name(".bin").join("esbuild");
    if !esbuild.exists() {
        bail!(
            "npm installed esbuild@{ESBUILD_VERSION}, but {} is missing",
            esbuild.display()
        );
    }
    Ok(esbuild)
}

/// Returns the `redocly` command of `@redocly/cli`.
pub fn ensure_redocly(ws: &Workspace) -> Result<PathBuf> {
    let package = ensure_npm_package(ws, "@redocly/cli", REDOCLY_VERSION)?;
    let redocly = package
        .parent()
        .and_then(Path::parent)
        .map(|modules| modules.join(".bin").join("redocly"))
        .context("the npm package has no node_modules folder")?;
    if !redocly.exists() {
        bail!(
            "npm installed @redocly/cli@{REDOCLY_VERSION}, but {} is missing",
            redocly.display()
        );
    }
    Ok(redocly)
}

/// Returns the `maildev` command.
pub fn ensure_maildev(ws: &Workspace) -> Result<PathBuf> {
    let package = ensure_npm_package(ws, "maildev", MAILDEV_VERSION)?;
    let maildev = package.with_file_name(".bin").join("maildev");
    if !maildev.exists() {
        bail!(
            "npm installed maildev@{MAILDEV_VERSION}, but {} is missing",
            maildev.display()
        );
    }
    Ok(maildev)
}

/// Returns Bootstrap's compiled stylesheet: the hostile demo page loads the real thing, because
/// a widget that survives only hand-written hostile rules has not met a real city site.
pub fn ensure_bootstrap_css(ws: &Workspace) -> Result<PathBuf> {
    let package = ensure_npm_package(ws, "bootstrap", BOOTSTRAP_VERSION)?;
    let css = package.join("dist/css/bootstrap.min.css");
    if !css.exists() {
        bail!(
            "npm installed bootstrap@{BOOTSTRAP_VERSION}, but {} is missing",
            css.display()
        );
    }
    Ok(css)
}

/// Installs `name@version` from the npm registry and returns its package directory. Each
/// package gets its own prefix: `npm install --no-save` into a shared one prunes the others.
pub fn ensure_npm_package(ws: &Workspace, name: &str, version: &str) -> Result<PathBuf> {
    let prefix = ws.tools_dir().join("npm").join(name);
    let package = prefix.join("node_modules").join(name);
    let installed = fs::read_to_string(package.join("package.json"))
        .ok()
        .and_then(|json| npm_package_version(&json));
    if installed.as_deref() == Some(version) {
        return Ok(package);
    }

    println!("xtask: installing npm {name}@{version}");
    fs::create_dir_all(&prefix)
        .with_context(|| format!("could not create {}", prefix.display()))?;
    let mut npm = Command::new("npm");
    npm.arg("install")
        .arg("--prefix")
        .arg(&prefix)
        .args(["--no-save", "--no-audit", "--no-fund"])
        .arg(format!("{name}@{version}"));
    cmd::run(&mut npm).with_context(|| {
        format!(
            "could not install the npm package {name}@{version}. It needs Node.js with npm (fix: \
             `apt-get install nodejs npm`, or Node.js 20 from nodejs.org) and network access to \
             the npm registry"
        )
    })?;
    Ok(package)
}

fn npm_package_version(package_json: &str) -> Option<String> {
    let manifest: serde_json::Value = serde_json::from_str(package_json).ok()?;
    manifest["version"].as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_package_version_reads_the_manifest() {
        let json = r#"{"name":"binaryen","version":"132.0.0","bin":{"wasm-opt":"bin/wasm-opt"}}"#;
        assert_eq!(npm_package_version(json).as_deref(), Some("132.0.0"));
        assert_eq!(npm_package_version("not json"), None);
    }
}
