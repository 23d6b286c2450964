//! Cutting the widget's wasm into the first view's module and the files fetched on first use
//! (`src/views/on_demand.rs`), then naming them by content.
//!
//! wasm-split reads the linked module (built with `--emit-relocs`) and writes the main module,
//! one file per split point, files of code shared between split points, and a small JavaScript
//! module that fetches them. The main module then goes through wasm-bindgen like an unsplit one,
//! keeping the exports the other files link against.
//!
//! The glue imports the split loader and the split loader imports the glue, so the two cannot be
//! named after their own content each: they share one name hash, taken over both.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::cmd;

/// The stem of the glue and the main wasm, before their content hash.
pub const OUT_NAME: &str = "pentahelix";
/// Written last into `pkg/`: without it the step counts as not done, so an interrupted build is
/// redone rather than shipping half-optimised files.
pub const DONE: &str = "done";
/// Beside the split files: each split point's name and the files (stems) it needs.
pub const VIEWS_MANIFEST: &str = "views.json";
/// The split loader's file, as the main module imports it and as the glue names it.
pub const LINK_NAME: &str = "pentahelix_split.js";

/// Splits `built` into `pkg/`: the glue and main wasm (`pentahelix.js`, `pentahelix_bg.wasm`),
/// the split loader, and the on-demand wasm files, every wasm shrunk by `wasm-opt -Oz`.
pub fn split_bind_and_optimise(
    wasm_bindgen: &Path,
    wasm_opt: &Path,
    built: &Path,
    pkg: &Path,
) -> Result<()> {
    // Start from an empty directory so files of an older build do not linger.
    if pkg.exists() {
        fs::remove_dir_all(pkg).with_context(|| format!("could not remove {}", pkg.display()))?;
    }
    // The main module before wasm-bindgen stays here, with its symbol names, for `twiggy`.
    let scratch = pkg.with_extension("split");
    fs::create_dir_all(&scratch)?;
    let main = scratch.join("main.wasm");
    let input = fs::read(built).with_context(|| format!("could not read {}", built.display()))?;
    let link_name = format!("./{LINK_NAME}");
    let main_module = format!("./{OUT_NAME}.js");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = pkg;
        options.main_out_path = &main;
        options.link_name = &link_name;
        options.main_module = &main_module;
        options
    })
    .map_err(|err| anyhow::anyhow!("wasm-split could not split {}: {err:?}", built.display()))?;
    // Which files each view needs, for the size report (`dist::on_demand`).
    let views: BTreeMap<_, _> = split.prefetch_map.iter().collect();
    fs::write(
        pkg.join(VIEWS_MANIFEST),
        serde_json::to_string_pretty(&views)?,
    )?;

    let mut bindgen = Command::new(wasm_bindgen);
    bindgen
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
        .arg("--out-dir")
        .arg(pkg)
        .args(["--out-name", OUT_NAME])
        .arg(&main);
    cmd::run(&mut bindgen)?;

    let main_wasm = pkg.join(format!("{OUT_NAME}_bg.wasm"));
    for wasm in std::iter::once(&main_wasm).chain(&split.split_modules) {
        let mut opt = Command::new(wasm_opt);
        opt.arg("-Oz").arg("-o").arg(wasm).arg(wasm);
        cmd::run(&mut opt)?;
    }
    fs::write(pkg.join(DONE), b"")?;
    Ok(())
}

/// The on-demand wasm files wasm-split wrote into `pkg/`.
pub fn on_demand_files(pkg: &Path) -> Result<Vec<PathBuf>> {
    let main = format!("{OUT_NAME}_bg.wasm");
    let mut files: Vec<PathBuf> = fs::read_dir(pkg)
        .with_context(|| format!("could not list {}", pkg.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|path| {
        path.extension().is_some_and(|ext| ext == "wasm")
            && path.file_name().is_some_and(|name| name != main.as_str())
    });
    files.sort();
    Ok(files)
}

/// The glue and the split loader, renamed by content and pointing at each other's new names and
/// at the on-demand files' (given as `(name in pkg, fingerprinted name)`).
#[derive(Debug, PartialEq, Eq)]
pub struct Linked {
    pub glue_name: String,
    pub glue: String,
    pub loader_name: String,
    pub loader: String,
}

pub fn link(glue: &str, loader: &str, on_demand: &[(String, String)]) -> Result<Linked> {
    let mut loader = loader.to_owned();
    for (name, fingerprinted) in on_demand {
        loader = replace_quoted(
            &loader,
            "URL(",
            &format!("./{name}"),
            &format!("./{fingerprinted}"),
        )
        .with_context(|| format!("the split loader does not fetch {name}"))?;
    }
    let mut hasher = Sha256::new();
    hasher.update(glue.as_bytes());
    hasher.update([0]);
    hasher.update(loader.as_bytes());
    let hash: String = hasher.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let glue_name = format!("{OUT_NAME}.{hash}.js");
    let loader_name = LINK_NAME.replace(".js", &format!(".{hash}.js"));
    // Only the import statements: the main module still imports the loader under its first name.
    let glue = replace_quoted(
        glue,
        "from ",
        &format!("./{LINK_NAME}"),
        &format!("./{loader_name}"),
    )
    .context("the wasm-bindgen glue does not import the split loader")?;
    let loader = replace_quoted(
        &loader,
        "from ",
        &format!("./{OUT_NAME}.js"),
        &format!("./{glue_name}"),
    )
    .context("the split loader does not import the glue")?;
    Ok(Linked {
        glue_name,
        glue,
        loader_name,
        loader,
    })
}

/// The files a split loader fetches (`new URL("./NAME.wasm", …)`), by name.
pub fn fetched_files(loader: &str) -> Vec<String> {
    loader
        .split("URL(\"./")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name.to_owned()))
        .collect()
}

/// Replaces every `"from"` and `'from'` that follows `after` in `text`; none at all is an error,
/// since a reference missed here would fetch a file that is never deployed.
fn replace_quoted(text: &str, after: &str, from: &str, to: &str) -> Result<String> {
    let mut out = text.to_owned();
    let mut found = false;
    for quote in ['"', '\''] {
        let quoted = format!("{after}{quote}{from}{quote}");
        if out.contains(&quoted) {
            found = true;
            out = out.replace(&quoted, &format!("{after}{quote}{to}{quote}"));
        }
    }
    if !found {
        bail!("`{from}` is not referenced");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "import * as import1 from \"./pentahelix_split.js\"\nconst imports = { \"./pentahelix_split.js\": import1 };\nexport function initSync() {}\n";
    const LOADER: &str = "import { initSync } from \"./pentahelix.js\";\nconst a = fetch(new URL(\"./split_admin.wasm\", import.meta.url));\nconst b = fetch(new URL(\"./chunk_3.wasm\", import.meta.url));\n";

    fn on_demand() -> Vec<(String, String)> {
        vec![
            (
                "split_admin.wasm".into(),
                "split_admin.111111111111.wasm".into(),
            ),
            ("chunk_3.wasm".into(), "chunk_3.222222222222.wasm".into()),
        ]
    }

    #[test]
    fn the_glue_and_the_loader_point_at_each_others_fingerprinted_names() {
        let linked = link(GLUE, LOADER, &on_demand()).unwrap();
        assert!(linked.glue_name.starts_with("pentahelix.") && linked.glue_name.ends_with(".js"));
        assert!(
            linked
                .glue
                .contains(&format!("from \"./{}\"", linked.loader_name)),
            "{}",
            linked.glue
        );
        // The wasm imports the loader by its first name, which the glue's import object keeps.
        assert!(
            linked
                .glue
                .contains("{ \"./pentahelix_split.js\": import1 }"),
            "{}",
            linked.glue
        );
        assert!(
            linked
                .loader
                .contains(&format!("from \"./{}\"", linked.glue_name))
        );
        assert!(
            linked
                .loader
                .contains("\"./split_admin.111111111111.wasm\"")
        );
        assert!(linked.loader.contains("\"./chunk_3.222222222222.wasm\""));
        assert!(!linked.loader.contains("\"./chunk_3.wasm\""));
    }

    #[test]
    fn a_changed_on_demand_file_renames_the_glue_too() {
        let one = link(GLUE, LOADER, &on_demand()).unwrap();
        let mut changed = on_demand();
        changed[1].1 = "chunk_3.333333333333.wasm".into();
        let two = link(GLUE, LOADER, &changed).unwrap();
        assert_ne!(one.glue_name, two.glue_name);
        assert_ne!(one.loader_name, two.loader_name);
        assert_eq!(one, link(GLUE, LOADER, &on_demand()).unwrap());
    }

    #[test]
    fn the_files_a_loader_fetches_are_read_back_from_it() {
        let linked = link(GLUE, LOADER, &on_demand()).unwrap();
        assert_eq!(
            fetched_files(&linked.loader),
            ["split_admin.111111111111.wasm", "chunk_3.222222222222.wasm"]
        );
    }

    #[test]
    fn a_file_the_loader_does_not_fetch_fails_the_build() {
        let mut extra = on_demand();
        extra.push((
            "split_ghost.wasm".into(),
            "split_ghost.444444444444.wasm".into(),
        ));
        let err = link(GLUE, LOADER, &extra).unwrap_err();
        assert!(format!("{err:#}").contains("split_ghost.wasm"), "{err:#}");
    }

    #[test]
    fn a_glue_that_does_not_import_the_loader_fails_the_build() {
        assert!(link("export function initSync() {}\n", LOADER, &on_demand()).is_err());
    }
}
