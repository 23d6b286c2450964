//! The widget's release build: wasm → wasm-split → `wasm-bindgen` → `wasm-opt` → `dist/` (the
//! JavaScript minified by esbuild, `minify.rs`), with static assets
//! and pre-compressed copies beside every text asset so the server never compresses at request
//! time.
//!
//! Each step after `cargo build` is skipped when its outputs are newer than its inputs
//! (`fresh.rs`), so a second `cargo xtask run` with nothing changed starts in seconds.
//!
//! This file is the pipeline; beside it: `fingerprint.rs` (content-hashed names, and the files of
//! older builds), `loader.rs` (what the build writes into `embed.js`), `compress.rs`, `files.rs`
//! (copying and writing safely) and `sizes.rs` (the size report).

mod compress;
mod files;
mod fingerprint;
mod fresh;
mod loader;
mod minify;
mod sizes;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::split::{self, OUT_NAME};
use crate::tools::{self, WASM_TARGET};
use crate::workspace::Workspace;

use compress::compress_tree;
use files::{copy_tree, write_atomically};
use fingerprint::{fingerprint, previous_build, remove_stale_assets, write_asset};
use fresh::is_stale;
use loader::{Assets, LOADER, fill_loader};
use minify::minify;
use sizes::print_sizes;
pub use sizes::{Transfer, first_view, on_demand};

const WIDGET_PACKAGE: &str = "pentahelix-widget";
/// Defined in the root `Cargo.toml`: optimised for size, not speed.
const WASM_PROFILE: &str = "wasm-release";
/// The widget's feature that splits the views other than the list into files fetched on demand.
const SPLIT_FEATURE: &str = "split";

pub fn build(ws: &Workspace) -> Result<()> {
    tools::ensure_wasm_target()?;
    let bindgen = tools::ensure_wasm_bindgen(ws)?;
    let wasm_opt = tools::ensure_wasm_opt(ws)?;
    let esbuild = tools::ensure_esbuild(ws)?;
    let bootstrap = tools::ensure_bootstrap_css(ws)?;

    let mut cargo = ws.cargo();
    cargo.args(["build", "-p", WIDGET_PACKAGE, "--lib"]).args([
        "--target",
        WASM_TARGET,
        "--profile",
        WASM_PROFILE,
        "--features",
        SPLIT_FEATURE,
    ]);
    cmd::run(&mut cargo)?;

    let dist = ws.dist_dir();
    let built = ws
        .target_dir
        .join(WASM_TARGET)
        .join(WASM_PROFILE)
        .join(format!("{}.wasm", WIDGET_PACKAGE.replace('-', "_")));
    // The unhashed output stays in the target directory; only fingerprinted copies ship.
    let pkg = pkg_dir(ws);
    let wasm = pkg.join(format!("{OUT_NAME}_bg.wasm"));
    let glue = pkg.join(format!("{OUT_NAME}.js"));

    if is_stale(
        &[&built, &bindgen.cli()],
        &[&wasm, &glue, &pkg.join(split::DONE)],
    ) {
        split::split_bind_and_optimise(&bindgen.cli(), &wasm_opt, &built, &pkg)?;
    } else {
        println!("xtask: {} is up to date", pkg.display());
    }
    if pkg.join("snippets").exists() {
        bail!(
            "the wasm-bindgen glue imports snippets, which fingerprinting does not rename yet: \
             teach xtask/src/dist/fingerprint.rs to hash them, or drop the inline JS"
        );
    }

    let loader = ws.root.join("public").join(LOADER);
    copy_tree(&ws.root.join("public"), &dist, |path| {
        path != loader.as_path()
    })?;
    copy_tree(
        bootstrap
            .parent()
            .context("Bootstrap's stylesheet has no folder")?,
        &dist.join("vendor"),
        |path| path == bootstrap.as_path(),
    )?;
    let mut on_demand = Vec::new();
    let mut renames = Vec::new();
    for file in split::on_demand_files(&pkg)? {
        let shipped = fingerprint(&file, &dist)?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let fingerprinted = shipped
            .trim_start_matches(&format!("{ASSETS_DIR}/"))
            .to_owned();
        renames.push((name.unwrap_or_default(), fingerprinted));
        on_demand.push(shipped);
    }
    let read = |path: &Path| {
        fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))
    };
    let linked = split::link(&read(&glue)?, &read(&pkg.join(split::LINK_NAME))?, &renames)?;
    let assets = Assets {
        glue: write_asset(&dist, &linked.glue_name, &minify(&esbuild, &linked.glue)?)?,
        split: write_asset(
            &dist,
            &linked.loader_name,
            &minify(&esbuild, &linked.loader)?,
        )?,
        wasm: fingerprint(&wasm, &dist)?,
        style: fingerprint(&ws.root.join("style/widget.css"), &dist)?,
        on_demand,
    };
    // The build being replaced stays too: a page opened before a deployment still holds the old
    // loader and asks for the old files when it opens another view.
    let previous = previous_build(&dist);
    let mut keep = assets.names();
    keep.extend(previous.iter().map(String::as_str));
    remove_stale_assets(&dist.join(ASSETS_DIR), &keep)?;
    let template = fs::read_to_string(&loader)
        .with_context(|| format!("could not read {}", loader.display()))?;
    let embed = minify(&esbuild, &fill_loader(&template, &assets)?)?;
    if fs::read_to_string(dist.join(LOADER)).ok().as_deref() != Some(embed.as_str()) {
        write_atomically(&dist.join(LOADER), |out| out.write_all(embed.as_bytes()))?;
    }
    compress_tree(&dist)?;
    print_sizes(&dist, &pkg)
}

/// Where wasm-bindgen and wasm-split write, before fingerprinting.
pub fn pkg_dir(ws: &Workspace) -> PathBuf {
    ws.target_dir.join("widget-pkg")
}

/// Where the fingerprinted files go, relative to `dist/`: the server caches this folder for a
/// year, since a changed file gets a new name.
pub const ASSETS_DIR: &str = "assets";
