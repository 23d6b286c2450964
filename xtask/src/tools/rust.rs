//! The Rust side: the wasm target, the `wasm-bindgen` CLI matching the crate, cargo-fuzz.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::workspace::Workspace;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Formats the markup inside `view!`, which rustfmt leaves alone.
pub const LEPTOSFMT_VERSION: &str = "0.1.33";

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

/// Returns the path of `leptosfmt`, installed from crates.io.
pub fn ensure_leptosfmt(ws: &Workspace) -> Result<PathBuf> {
    let leptosfmt = ws.tools_dir().join("bin/leptosfmt");
    let installed = cmd::probe(Command::new(&leptosfmt).arg("--version"));
    let wanted = format!("leptosfmt {LEPTOSFMT_VERSION}");
    if installed.is_some_and(|out| out.trim() == wanted) {
        return Ok(leptosfmt);
    }
    cargo_install(ws, "leptosfmt", LEPTOSFMT_VERSION)?;
    Ok(leptosfmt)
}

fn installed_wasm_bindgen(tool: &WasmBindgen) -> Option<String> {
    let out = cmd::probe(Command::new(tool.cli()).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_owned)
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
        let lock = include_str!("../../../Cargo.lock");
        assert!(wasm_bindgen_version(lock).is_ok());
    }
}
