//! Where things live: the workspace, cargo's target directory, our tools and `dist/`.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd;

pub struct Workspace {
    pub root: PathBuf,
    /// Cargo's target directory. Tools live inside it so that CI, which keeps
    /// `CARGO_TARGET_DIR` between runs, keeps them too.
    pub target_dir: PathBuf,
}

impl Workspace {
    pub fn locate() -> Result<Self> {
        let root = checkout(&env::current_dir()?)
            .or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).parent())
            .context("xtask is not inside the workspace")?
            .to_path_buf();
        let target_dir = match env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
            Some(dir) => env::current_dir()?.join(dir),
            None => metadata_target_dir(&root)?,
        };
        Ok(Self { root, target_dir })
    }

    /// A `cargo` command run from the workspace root with the cargo that started us, so a
    /// toolchain picked by `rustup` or `+toolchain` stays the same for every step.
    pub fn cargo(&self) -> Command {
        let mut cmd = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.current_dir(&self.root);
        cmd
    }

    pub fn tools_dir(&self) -> PathBuf {
        self.target_dir.join("tools")
    }

    pub fn dist_dir(&self) -> PathBuf {
        self.root.join("dist")
    }
}

/// The checkout a command was started in: the nearest folder at or above `dir` that holds
/// `xtask/Cargo.toml`. Not the one this binary was compiled from: two checkouts sharing a target
/// directory share `target/debug/xtask`, and the one built last would otherwise test itself
/// whichever checkout ran it.
fn checkout(dir: &Path) -> Option<&Path> {
    dir.ancestors()
        .find(|dir| dir.join("xtask/Cargo.toml").is_file())
}

fn metadata_target_dir(root: &Path) -> Result<PathBuf> {
    let mut cmd = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root)
        .args(["metadata", "--format-version", "1", "--no-deps"]);
    let json = cmd::output(&mut cmd)?;
    target_dir_from_metadata(&json)
}

fn target_dir_from_metadata(json: &str) -> Result<PathBuf> {
    let metadata: serde_json::Value =
        serde_json::from_str(json).context("`cargo metadata` printed invalid JSON")?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("`cargo metadata` printed no target_directory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checkout_is_the_one_the_command_runs_in() {
        let base = env::temp_dir().join(format!("xtask-checkout-{}", std::process::id()));
        for name in ["main", "clone"] {
            std::fs::create_dir_all(base.join(name).join("xtask")).unwrap();
            std::fs::create_dir_all(base.join(name).join("core/src")).unwrap();
            std::fs::write(base.join(name).join("xtask/Cargo.toml"), "").unwrap();
        }
        let found = checkout(&base.join("clone/core/src")).map(Path::to_path_buf);
        std::fs::remove_dir_all(&base).unwrap();
        assert_eq!(found, Some(base.join("clone")));
    }

    #[test]
    fn target_dir_is_read_from_cargo_metadata() {
        let json = r#"{"packages":[],"target_directory":"/w/target","version":1}"#;
        assert_eq!(
            target_dir_from_metadata(json).unwrap(),
            PathBuf::from("/w/target")
        );
    }

    #[test]
    fn metadata_without_target_dir_is_an_error() {
        assert!(target_dir_from_metadata(r#"{"version":1}"#).is_err());
    }
}
