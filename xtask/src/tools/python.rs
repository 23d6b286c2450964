//! Tools from PyPI, each in a virtual environment of its own.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::workspace::Workspace;

/// The API contract fuzzer, from PyPI. A new release brings new checks, so a bump is a decision
/// made here, with the fixes it asks for, rather than a surprise in someone's test run.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schemathesis_version_is_read_from_its_banner() {
        assert_eq!(st_version("st, version 4.32.5\n"), Some("4.32.5"));
        assert_eq!(st_version("Python 3.11.2"), None);
    }
}
