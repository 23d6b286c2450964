//! The shipped JavaScript without its comments and long names: the loader is commented for the
//! people who read `public/embed.js`, and wasm-bindgen's glue is written to be read too. Minified
//! by esbuild, which keeps them ES modules (`import.meta.url`, the dynamic imports) as they are.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// `source`, an ES module, minified.
pub(super) fn minify(esbuild: &Path, source: &str) -> Result<String> {
    let mut child = Command::new(esbuild)
        .args([
            "--minify",
            "--format=esm",
            "--loader=js",
            "--log-level=warning",
        ])
        // wasm-bindgen's glue names the split loader once per import, all the same module.
        .arg("--log-override:duplicate-object-key=silent")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not run {}", esbuild.display()))?;
    child
        .stdin
        .take()
        .context("esbuild has no input")?
        .write_all(source.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("esbuild could not minify a module ({})", out.status);
    }
    String::from_utf8(out.stdout).context("esbuild wrote something other than UTF-8")
}
