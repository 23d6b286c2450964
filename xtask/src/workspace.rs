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
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
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
