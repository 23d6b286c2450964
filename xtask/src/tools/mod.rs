//! The tools the widget build and its tests need, their pinned versions, and how to install them.
//!
//! Everything is installed under `<target dir>/tools`, never globally, so a fresh machine needs no
//! setup and CI (which keeps its target directory) installs each tool once.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::workspace::Workspace;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// binaryen from npm rather than Debian: Debian 12 ships binaryen 108, whose `wasm-opt` breaks
/// the module current `wasm-bindgen` emits.
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";
pub const BOOTSTRAP_VERSION: &str = "5.3.9";
/// The OpenAPI linter city integrators meet first (`redocly lint`, its recommended rules).
pub const REDOCLY_VERSION: &str = "2.77.0";
/// The API contract fuzzer, from PyPI. A new release brings new checks, so a bump is a decision
/// made here, with the fixes it asks for, rather than a surprise in someone's test run.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM_PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];

/// The `wasm-bindgen` CLI must match the `wasm-bindgen` crate exactly, so its version is read
/// from `Cargo.lock` rather than pinned here: bumping the crate bumps the tool.
pub fn wasm_bindgen_version(cargo_lock: &str) -> Result<String> {
    let mut versions = Vec::new();
    for package in cargo_lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            package.lines().find_map(|line| {
                let (name, value) = line.split_once('=')?;
                (name.trim() == key).then(|| value.trim().trim_matches('"').to_owned())
            })
        };
        if field("name").as_deref() == Some("wasm-bindgen") {
            versions.extend(field("version"));
        }
    }
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!("Cargo.lock has no `wasm-bindgen` package; is the widget's dependency gone?"),
        _ => bail!(
            "Cargo.lock has several `wasm-bindgen` versions ({}); the CLI can match only one, so \
             pin a single version in Cargo.toml",
            versions.join(", ")
        ),
    }
}

pub fn ensure_wasm_target() -> Result<()> {
    let installed = cmd::probe(Command::new("rustup").args(["target", "list", "--installed"]))
        .with_context(|| {
            format!(
                "could not ask rustup for the installed targets; the widget needs the \
                 {WASM_TARGET} target. Fix: install rustup (https://rustup.rs), or add the target \
                 to your toolchain by hand"
            )
        })?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("xtask: installing the Rust target {WASM_TARGET}");
    cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET])).with_context(|| {
        format!(
            "could not add the Rust target {WASM_TARGET} (rustup needs network access to \
             static.rust-lang.org). Fix: check the network, then run `rustup target add \
             {WASM_TARGET}`"
        )
    })
}

/// Where `wasm-bindgen` and `wasm-bindgen-test-runner` are.
pub struct WasmBindgen {
    pub bin_dir: PathBuf,
}

impl WasmBindgen {
    pub fn cli(&self) -> PathBuf {
        self.bin_dir.join("wasm-bindgen")
    }

    pub fn test_runner(&self) -> PathBuf {
        self.bin_dir.join("wasm-bindgen-test-runner")
    }
}

pub fn ensure_wasm_bindgen(ws: &Workspace) -> Result<WasmBindgen> {
    let lock_path = ws.root.join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .with_context(|| format!("could not read {}", lock_path.display()))?;
    let version = wasm_bindgen_version(&lock)?;
    let root = ws.tools_dir();
    let tool = WasmBindgen {
        bin_dir: root.join("bin"),
    };
    if installed_wasm_bindgen(&tool).as_deref() == Some(version.as_str())
        && tool.test_runner().is_file()
    {
        return Ok(tool);
    }

    cargo_install(ws, "wasm-bindgen-cli", &version)?;
    match installed_wasm_bindgen(&tool) {
        Some(found) if found == version => Ok(tool),
        found => bail!(
            "installed wasm-bindgen-cli {version}, but {} reports {found:?}",
            tool.cli().display()
        ),
    }
}

/// `cargo install NAME --version VERSION` into the tools directory: `--locked` first, then
/// without it when the registry lacks a locked dependency (seen here with webpki-roots).
fn cargo_install(ws: &Workspace, name: &str, version: &str) -> Result<()> {
    let root = ws.tools_dir();
    println!(
        "xtask: installing {name} {version} into {} (a few minutes, once)",
        root.display()
    );
    let install = |locked: bool| {
        let mut cargo = ws.cargo();
        cargo
            .args(["install", name, "--version", version, "--root"])
            .arg(&root)
            // Build in cargo's own temporary directory: sharing the workspace target directory
            // would hold its lock for minutes and mix an unrelated release build into it.
            .env_remove("CARGO_TARGET_DIR");
        if locked {
            cargo.arg("--locked");
        }
        cmd::run(&mut cargo)
    };
    if install(true).is_ok() {
        return Ok(());
    }
    println!("xtask: `cargo install --locked` failed; retrying without --locked");
    install(false).with_context(|| {
        format!(
            "could not install {name} {version}: `cargo install` failed (see its output above). \
             It needs network access to crates.io and a C linker. Fix the cause and rerun, or \
             install it by hand: cargo install {name} --version {version} --root {}",
            root.display()
        )
    })
}

/// Returns the path of `cargo-fuzz`, installed from crates.io.
pub fn ensure_cargo_fuzz(ws: &Workspace) -> Result<PathBuf> {
    let cargo_fuzz = ws.tools_dir().join("bin/cargo-fuzz");
    let installed = cmd::probe(Command::new(&cargo_fuzz).arg("--version"));
    let wanted = format!("cargo-fuzz {CARGO_FUZZ_VERSION}");
    if installed.is_some_and(|out| out.trim() == wanted) {
        return Ok(cargo_fuzz);
    }
    cargo_install(ws, "cargo-fuzz", CARGO_FUZZ_VERSION)?;
    Ok(cargo_fuzz)
}

fn installed_wasm_bindgen(tool: &WasmBindgen) -> Option<String> {
    let out = cmd::probe(Command::new(tool.cli()).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_owned)
}

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

/// Returns the path of schemathesis's `st`, installed with pip into a virtual environment of its
/// own, so it needs nothing from the system's Python but `venv`.
pub fn ensure_schemathesis(ws: &Workspace) -> Result<PathBuf> {
    let venv = ws.tools_dir().join("schemathesis");
    let st = venv.join("bin").join("st");
    let installed = cmd::probe(Command::new(&st).arg("--version"));
    if installed.as_deref().and_then(st_version) == Some(SCHEMATHESIS_VERSION) {
        return Ok(st);
    }

    println!(
        "xtask: installing schemathesis {SCHEMATHESIS_VERSION} into {}",
        venv.display()
    );
    let mut python = Command::new("python3");
    python.args(["-m", "venv", "--clear"]).arg(&venv);
    cmd::run(&mut python).context(
        "could not create a Python virtual environment for schemathesis. It needs Python 3.10 or \
         newer with venv (fix: `apt-get install python3-venv`)",
    )?;
    let mut pip = Command::new(venv.join("bin").join("pip"));
    pip.args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}"));
    cmd::run(&mut pip).with_context(|| {
        format!(
            "could not install schemathesis {SCHEMATHESIS_VERSION} from PyPI (needs network \
             access to pypi.org). Fix the cause and rerun"
        )
    })?;
    match cmd::probe(Command::new(&st).arg("--version")) {
        Some(out) if st_version(&out) == Some(SCHEMATHESIS_VERSION) => Ok(st),
        out => bail!(
            "installed schemathesis {SCHEMATHESIS_VERSION}, but `{} --version` printed {out:?}",
            st.display()
        ),
    }
}

/// Reads `st, version 4.32.5`.
fn st_version(out: &str) -> Option<&str> {
    out.trim().strip_prefix("st, version ")
}

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

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "wasm-bindgen-macro",
]

[[package]]
name = "xtask"
version = "0.1.0"
"#;

    #[test]
    fn wasm_bindgen_version_is_read_from_the_lock_file() {
        assert_eq!(wasm_bindgen_version(LOCK).unwrap(), "0.2.130");
    }

    #[test]
    fn similarly_named_crates_do_not_count() {
        let lock = LOCK.replace(
            "name = \"wasm-bindgen\"\n",
            "name = \"wasm-bindgen-shared\"\n",
        );
        assert!(wasm_bindgen_version(&lock).is_err());
    }

    #[test]
    fn two_wasm_bindgen_versions_are_an_error() {
        let lock = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        let err = wasm_bindgen_version(&lock).unwrap_err().to_string();
        assert!(err.contains("0.2.130, 0.2.99"), "{err}");
    }

    #[test]
    fn the_workspace_lock_file_pins_one_wasm_bindgen() {
        let lock = include_str!("../../Cargo.lock");
        assert!(wasm_bindgen_version(lock).is_ok());
    }

    #[test]
    fn the_schemathesis_version_is_read_from_its_banner() {
        assert_eq!(st_version("st, version 4.32.5\n"), Some("4.32.5"));
        assert_eq!(st_version("Python 3.11.2"), None);
    }

    #[test]
    fn npm_package_version_reads_the_manifest() {
        let json = r#"{"name":"binaryen","version":"132.0.0","bin":{"wasm-opt":"bin/wasm-opt"}}"#;
        assert_eq!(npm_package_version(json).as_deref(), Some("132.0.0"));
        assert_eq!(npm_package_version("not json"), None);
    }
}
