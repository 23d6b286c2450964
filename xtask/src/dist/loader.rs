//! The loader, `embed.js`: the one file city sites paste. It keeps its name, so the build writes
//! into it what changes between builds: the fingerprinted names of the files it fetches.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The loader keeps its name (it is what city sites paste) and is cached briefly; it is the one
/// file that knows the fingerprinted names.
pub(super) const LOADER: &str = "embed.js";
/// The line of `public/embed.js` the build replaces with the fingerprinted names.
const LOADER_ASSETS_LINE: &str = "const ASSETS = {";

/// The shipped names, relative to `dist/`, of the files the first view needs besides the loader,
/// and of the files fetched when another view is first shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Assets {
    pub(super) glue: String,
    pub(super) split: String,
    pub(super) wasm: String,
    pub(super) style: String,
    pub(super) on_demand: Vec<String>,
}

impl Assets {
    pub(super) fn names(&self) -> Vec<&str> {
        let first_view = [&self.glue, &self.split, &self.wasm, &self.style];
        first_view
            .into_iter()
            .chain(&self.on_demand)
            .map(String::as_str)
            .collect()
    }
}

/// The asset names (relative to `dist/`) the built loader in `dist/` names.
pub(super) fn loader_assets(dist: &Path) -> Result<Vec<String>> {
    let loader = fs::read_to_string(dist.join(LOADER)).with_context(|| {
        format!(
            "{} is missing: build the widget first",
            dist.join(LOADER).display()
        )
    })?;
    let line = loader
        .lines()
        .find(|line| line.starts_with(LOADER_ASSETS_LINE))
        .context("the built loader names no assets")?;
    // `const ASSETS = { glue: "…", split: "…", … };`: the names are every other quoted part.
    Ok(line
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect())
}

/// Writes the fingerprinted names into the loader's `const ASSETS = {…};` line.
pub(super) fn fill_loader(template: &str, assets: &Assets) -> Result<String> {
    let lines: Vec<&str> = template
        .lines()
        .filter(|line| line.starts_with(LOADER_ASSETS_LINE))
        .collect();
    let [line] = lines.as_slice() else {
        bail!(
            "public/{LOADER} must hold exactly one line starting with `{LOADER_ASSETS_LINE}`, found {}",
            lines.len()
        );
    };
    let filled = format!(
        "{LOADER_ASSETS_LINE} glue: {:?}, split: {:?}, wasm: {:?}, style: {:?} }};",
        assets.glue, assets.split, assets.wasm, assets.style
    );
    Ok(template.replacen(line, &filled, 1))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::dist) fn assets() -> Assets {
        Assets {
            glue: "assets/pentahelix.aaaaaaaaaaaa.js".into(),
            split: "assets/pentahelix_split.aaaaaaaaaaaa.js".into(),
            wasm: "assets/pentahelix_bg.bbbbbbbbbbbb.wasm".into(),
            style: "assets/widget.cccccccccccc.css".into(),
            on_demand: vec!["assets/split_admin.dddddddddddd.wasm".into()],
        }
    }

    #[test]
    fn the_loader_learns_the_fingerprinted_names() {
        let template =
            "const base = 1;\nconst ASSETS = { glue: \"assets/pentahelix.js\" };\nrest();\n";
        let filled = fill_loader(template, &assets()).unwrap();
        assert_eq!(
            filled,
            "const base = 1;\nconst ASSETS = { glue: \"assets/pentahelix.aaaaaaaaaaaa.js\", split: \"assets/pentahelix_split.aaaaaaaaaaaa.js\", wasm: \"assets/pentahelix_bg.bbbbbbbbbbbb.wasm\", style: \"assets/widget.cccccccccccc.css\" };\nrest();\n"
        );
    }

    #[test]
    fn a_loader_without_its_assets_line_fails_the_build() {
        let err = fill_loader("import(\"x\");\n", &assets()).unwrap_err();
        assert!(err.to_string().contains("const ASSETS = {"), "{err}");
    }
}
