//! The widget's release build: wasm → wasm-split → `wasm-bindgen` → `wasm-opt` → `dist/`, with static assets
//! and pre-compressed copies beside every text asset so the server never compresses at request
//! time.
//!
//! Each step after `cargo build` is skipped when its outputs are newer than its inputs, so a
//! second `cargo xtask run` with nothing changed starts in seconds.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

use crate::cmd;
use crate::split::{self, OUT_NAME};
use crate::tools::{self, WASM_TARGET};
use crate::workspace::Workspace;

const WIDGET_PACKAGE: &str = "pentahelix-widget";
/// Defined in the root `Cargo.toml`: optimised for size, not speed.
const WASM_PROFILE: &str = "wasm-release";
/// The widget's feature that splits the views other than the list into files fetched on demand.
const SPLIT_FEATURE: &str = "split";
const COMPRESSED_EXTENSIONS: [&str; 6] = ["js", "wasm", "css", "html", "svg", "json"];
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW_BITS: u32 = 22;

pub fn build(ws: &Workspace) -> Result<()> {
    tools::ensure_wasm_target()?;
    let bindgen = tools::ensure_wasm_bindgen(ws)?;
    let wasm_opt = tools::ensure_wasm_opt(ws)?;
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
             teach xtask/src/dist.rs to hash them, or drop the inline JS"
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
        glue: write_asset(&dist, &linked.glue_name, &linked.glue)?,
        split: write_asset(&dist, &linked.loader_name, &linked.loader)?,
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
    let embed = fill_loader(&template, &assets)?;
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
/// The loader keeps its name (it is what city sites paste) and is cached briefly; it is the one
/// file that knows the fingerprinted names.
const LOADER: &str = "embed.js";
/// The line of `public/embed.js` the build replaces with the fingerprinted names.
const LOADER_ASSETS_LINE: &str = "const ASSETS = {";

/// The shipped names, relative to `dist/`, of the files the first view needs besides the loader,
/// and of the files fetched when another view is first shown.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Assets {
    glue: String,
    split: String,
    wasm: String,
    style: String,
    on_demand: Vec<String>,
}

impl Assets {
    fn names(&self) -> Vec<&str> {
        let first_view = [&self.glue, &self.split, &self.wasm, &self.style];
        first_view
            .into_iter()
            .chain(&self.on_demand)
            .map(String::as_str)
            .collect()
    }
}

/// Writes `text` to `dist/assets/name`. The name's hash covers the file before its references
/// were renamed, so the content is compared rather than trusted.
fn write_asset(dist: &Path, name: &str, text: &str) -> Result<String> {
    let target = dist.join(ASSETS_DIR).join(name);
    if fs::read_to_string(&target).ok().as_deref() != Some(text) {
        fs::create_dir_all(dist.join(ASSETS_DIR))?;
        write_atomically(&target, |out| out.write_all(text.as_bytes()))?;
    }
    Ok(format!("{ASSETS_DIR}/{name}"))
}

/// Copies `file` to `dist/assets/<stem>.<hash>.<ext>` and returns that path relative to `dist`.
fn fingerprint(file: &Path, dist: &Path) -> Result<String> {
    let data = fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
    let name = fingerprinted_name(file, &data)?;
    let target = dist.join(ASSETS_DIR).join(&name);
    if !target.exists() {
        fs::create_dir_all(dist.join(ASSETS_DIR))?;
        write_atomically(&target, |out| out.write_all(&data))?;
    }
    Ok(format!("{ASSETS_DIR}/{name}"))
}

fn fingerprinted_name(file: &Path, data: &[u8]) -> Result<String> {
    let stem = file.file_stem().and_then(|s| s.to_str());
    let ext = file.extension().and_then(|s| s.to_str());
    let (Some(stem), Some(ext)) = (stem, ext) else {
        bail!(
            "{} has no name and extension to fingerprint",
            file.display()
        );
    };
    let digest = Sha256::digest(data);
    let hash: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("{stem}.{hash}.{ext}"))
}

/// Drops the fingerprinted files of older builds (and their compressed copies), so `dist/` holds
/// one build and a deployment copies only what the loader names.
fn remove_stale_assets(dir: &Path, keep: &[&str]) -> Result<()> {
    for file in files_under(dir)? {
        let name = file
            .strip_prefix(dir.parent().unwrap_or(dir))
            .unwrap_or(&file);
        let name = name.to_string_lossy().replace('\\', "/");
        let base = name
            .strip_suffix(".br")
            .or_else(|| name.strip_suffix(".gz"))
            .unwrap_or(&name);
        if !keep.contains(&base) {
            fs::remove_file(&file)
                .with_context(|| format!("could not remove {}", file.display()))?;
        }
    }
    Ok(())
}

/// The asset names (relative to `dist/`) the built loader in `dist/` names.
fn loader_assets(dist: &Path) -> Result<Vec<String>> {
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

/// The asset names (relative to `dist/`) of the build now in `dist/`: what its loader names, and
/// the on-demand files its split loader fetches. Empty when there is none.
fn previous_build(dist: &Path) -> Vec<String> {
    let Ok(mut names) = loader_assets(dist) else {
        return Vec::new();
    };
    let fetched: Vec<String> = names
        .iter()
        .filter(|name| name.contains(split::LINK_NAME.trim_end_matches(".js")))
        .filter_map(|name| fs::read_to_string(dist.join(name)).ok())
        .flat_map(|split_loader| split::fetched_files(&split_loader))
        .map(|file| format!("{ASSETS_DIR}/{file}"))
        .collect();
    names.extend(fetched);
    names
}

/// Writes the fingerprinted names into the loader's `const ASSETS = {…};` line.
fn fill_loader(template: &str, assets: &Assets) -> Result<String> {
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

/// Copies the files under `from` that `keep` accepts, skipping those already copied; a missing
/// `from` is empty rather than an error, so the build works before anyone adds assets.
fn copy_tree(from: &Path, to: &Path, keep: impl Fn(&Path) -> bool + Copy) -> Result<()> {
    let Ok(entries) = fs::read_dir(from) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("could not list {}", from.display()))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            copy_tree(&source, &target, keep)?;
        } else if keep(&source) && is_stale(&[&source], &[&target]) {
            fs::create_dir_all(to).with_context(|| format!("could not create {}", to.display()))?;
            fs::copy(&source, &target).with_context(|| {
                format!(
                    "could not copy {} to {}",
                    source.display(),
                    target.display()
                )
            })?;
        }
    }
    Ok(())
}

fn compress_tree(dir: &Path) -> Result<()> {
    for file in files_under(dir)? {
        if !is_compressible(&file) {
            continue;
        }
        let (brotli, gzip) = (with_suffix(&file, "br"), with_suffix(&file, "gz"));
        if !is_stale(&[&file], &[&brotli, &gzip]) {
            continue;
        }
        let data = fs::read(&file).with_context(|| format!("could not read {}", file.display()))?;
        write_atomically(&brotli, |out| {
            let mut encoder =
                brotli::CompressorWriter::new(out, 4096, BROTLI_QUALITY, BROTLI_WINDOW_BITS);
            encoder.write_all(&data)?;
            encoder.flush()
        })?;
        write_atomically(&gzip, |out| {
            let mut encoder = GzEncoder::new(out, Compression::best());
            encoder.write_all(&data)?;
            encoder.finish().map(drop)
        })?;
    }
    Ok(())
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| COMPRESSED_EXTENSIONS.contains(&ext))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes beside `path` and renames, so an interrupted build never leaves a truncated file whose
/// fresh mtime would make it look up to date.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<()> {
    let partial = with_suffix(path, "partial");
    let written = File::create(&partial).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.into_inner().map_err(|err| err.into_error())?.sync_all()
    });
    written
        .and_then(|()| fs::rename(&partial, path))
        .with_context(|| format!("could not write {}", path.display()))
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            fs::read_dir(&dir).with_context(|| format!("could not list {}", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("could not list {}", dir.display()))?;
            if entry.file_type()?.is_dir() {
                pending.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    Ok(files)
}

fn mtime(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

fn is_stale(inputs: &[&Path], outputs: &[&Path]) -> bool {
    let inputs: Vec<_> = inputs.iter().map(|path| mtime(path)).collect();
    let outputs: Vec<_> = outputs.iter().map(|path| mtime(path)).collect();
    stale_by_mtime(&inputs, &outputs)
}

/// Outputs must all exist and be newer than every input. A missing input counts as stale so the
/// step runs and its tool reports the missing file.
fn stale_by_mtime(inputs: &[Option<SystemTime>], outputs: &[Option<SystemTime>]) -> bool {
    if outputs.is_empty() || inputs.contains(&None) || outputs.contains(&None) {
        return true;
    }
    inputs.iter().flatten().max() > outputs.iter().flatten().min()
}

/// One shipped file's size: raw, and as sent gzip- and brotli-compressed.
pub struct Transfer {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The first view's transfer, read from a built `dist/`: the loader and the files it names.
pub fn first_view(dist: &Path) -> Result<Vec<Transfer>> {
    let names = loader_assets(dist)?;
    let size = |path: &Path| fs::metadata(path).map(|meta| meta.len());
    std::iter::once(LOADER)
        .chain(names.iter().map(String::as_str))
        .map(|name| {
            let file = dist.join(name);
            let raw = size(&file).with_context(|| format!("{} is missing", file.display()))?;
            Ok(Transfer {
                name: name.to_owned(),
                raw,
                gzip: size(&with_suffix(&file, "gz")).unwrap_or(raw),
                brotli: size(&with_suffix(&file, "br")).unwrap_or(raw),
            })
        })
        .collect()
}

/// What each view split off the first one fetches when first shown: its files in `dist/`, from
/// the manifest the split step wrote into `pkg/`.
pub fn on_demand(dist: &Path, pkg: &Path) -> Result<Vec<(String, Vec<Transfer>)>> {
    let manifest = pkg.join(split::VIEWS_MANIFEST);
    let text = fs::read_to_string(&manifest)
        .with_context(|| format!("could not read {}", manifest.display()))?;
    let views: std::collections::BTreeMap<String, Vec<String>> = serde_json::from_str(&text)?;
    let shipped = files_under(&dist.join(ASSETS_DIR))?;
    let size = |path: &Path| fs::metadata(path).map(|meta| meta.len());
    views
        .into_iter()
        .map(|(view, stems)| {
            let files = stems
                .iter()
                .map(|stem| {
                    let file = shipped
                        .iter()
                        .find(|path| {
                            path.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|name| {
                                    name.starts_with(&format!("{stem}.")) && name.ends_with(".wasm")
                                })
                        })
                        .with_context(|| format!("{stem}.wasm of `{view}` is not in dist/"))?;
                    let raw = size(file)?;
                    Ok(Transfer {
                        name: format!(
                            "{ASSETS_DIR}/{}",
                            file.file_name().unwrap_or_default().to_string_lossy()
                        ),
                        raw,
                        gzip: size(&with_suffix(file, "gz")).unwrap_or(raw),
                        brotli: size(&with_suffix(file, "br")).unwrap_or(raw),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok((view, files))
        })
        .collect()
}

fn print_sizes(dist: &Path, pkg: &Path) -> Result<()> {
    println!("xtask: widget built into {}", dist.display());
    println!(
        "  {:<40} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let files = first_view(dist)?;
    for file in &files {
        println!(
            "  {:<40} {:>10} {:>10} {:>10}",
            file.name,
            kib(file.raw),
            kib(file.gzip),
            kib(file.brotli)
        );
    }
    let sum = |field: fn(&Transfer) -> u64| files.iter().map(field).sum::<u64>();
    println!(
        "  {:<40} {:>10} {:>10} {:>10}",
        "first view, total",
        kib(sum(|f| f.raw)),
        kib(sum(|f| f.gzip)),
        kib(sum(|f| f.brotli))
    );
    println!(
        "  fetched when a view is first shown (brotli, files shared between views counted in each):"
    );
    for (view, files) in on_demand(dist, pkg)? {
        let brotli: u64 = files.iter().map(|f| f.brotli).sum();
        println!("  {view:<40} {:>32}", kib(brotli));
    }
    Ok(())
}

pub fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(secs: u64) -> Option<SystemTime> {
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn outputs_newer_than_every_input_are_fresh() {
        assert!(!stale_by_mtime(&[at(1), at(2)], &[at(3), at(4)]));
    }

    #[test]
    fn an_input_newer_than_any_output_is_stale() {
        assert!(stale_by_mtime(&[at(1), at(5)], &[at(3), at(9)]));
    }

    #[test]
    fn a_missing_output_is_stale() {
        assert!(stale_by_mtime(&[at(1)], &[at(3), None]));
    }

    #[test]
    fn a_missing_input_is_stale() {
        assert!(stale_by_mtime(&[None], &[at(3)]));
    }

    #[test]
    fn only_text_and_wasm_assets_are_compressed() {
        assert!(is_compressible(Path::new(
            "dist/assets/pentahelix_bg.0a1b2c3d4e5f.wasm"
        )));
        assert!(is_compressible(Path::new(
            "dist/assets/widget.0a1b2c3d4e5f.css"
        )));
        assert!(!is_compressible(Path::new("dist/logo.png")));
        assert!(!is_compressible(Path::new("dist/embed.js.br")));
    }

    #[test]
    fn compressed_copies_sit_beside_the_file() {
        assert_eq!(
            with_suffix(Path::new("dist/embed.js"), "br"),
            Path::new("dist/embed.js.br")
        );
    }

    #[test]
    fn sizes_are_in_kib() {
        assert_eq!(kib(1536), "1.5 KiB");
    }

    #[test]
    fn the_pipeline_copies_compresses_and_then_skips_fresh_files() {
        let root = std::env::temp_dir().join(format!("xtask-dist-test-{}", std::process::id()));
        let (public, dist) = (root.join("public"), root.join("dist"));
        fs::create_dir_all(public.join("img")).unwrap();
        fs::write(
            public.join("index.html"),
            "<p>hello hello hello</p>".repeat(50),
        )
        .unwrap();
        fs::write(public.join("img/logo.png"), [0u8; 16]).unwrap();

        copy_tree(&public, &dist, |_| true).unwrap();
        compress_tree(&dist).unwrap();

        let html = dist.join("index.html");
        let original = fs::read(&html).unwrap();
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(
            &mut &fs::read(with_suffix(&html, "br")).unwrap()[..],
            &mut unbrotli,
        )
        .unwrap();
        assert_eq!(unbrotli, original);
        let mut ungzip = Vec::new();
        io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&fs::read(with_suffix(&html, "gz")).unwrap()[..]),
            &mut ungzip,
        )
        .unwrap();
        assert_eq!(ungzip, original);
        assert!(dist.join("img/logo.png").exists());
        assert!(!dist.join("img/logo.png.br").exists());
        assert!(!is_stale(&[&html], &[&with_suffix(&html, "br")]));

        fs::remove_dir_all(&root).unwrap();
    }

    fn assets() -> Assets {
        Assets {
            glue: "assets/pentahelix.aaaaaaaaaaaa.js".into(),
            split: "assets/pentahelix_split.aaaaaaaaaaaa.js".into(),
            wasm: "assets/pentahelix_bg.bbbbbbbbbbbb.wasm".into(),
            style: "assets/widget.cccccccccccc.css".into(),
            on_demand: vec!["assets/split_admin.dddddddddddd.wasm".into()],
        }
    }

    #[test]
    fn a_fingerprint_changes_with_the_content_and_keeps_the_extension() {
        let one = fingerprinted_name(Path::new("pkg/pentahelix_bg.wasm"), b"one").unwrap();
        let two = fingerprinted_name(Path::new("pkg/pentahelix_bg.wasm"), b"two").unwrap();
        assert!(
            one.starts_with("pentahelix_bg.") && one.ends_with(".wasm"),
            "{one}"
        );
        assert_eq!(one.len(), "pentahelix_bg..wasm".len() + 12);
        assert_ne!(one, two);
        assert_eq!(
            one,
            fingerprinted_name(Path::new("other/pentahelix_bg.wasm"), b"one").unwrap()
        );
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

    #[test]
    fn older_builds_assets_are_removed_with_their_compressed_copies() {
        let root = std::env::temp_dir().join(format!("xtask-assets-test-{}", std::process::id()));
        let dir = root.join(ASSETS_DIR);
        fs::create_dir_all(&dir).unwrap();
        let current = assets();
        let old = [
            "pentahelix.000000000000.js",
            "pentahelix.000000000000.js.br",
        ];
        for name in current
            .names()
            .iter()
            .map(|n| n.trim_start_matches("assets/"))
            .chain(old)
        {
            fs::write(dir.join(name), b"x").unwrap();
        }
        fs::write(root.join("assets/widget.cccccccccccc.css.gz"), b"x").unwrap();

        remove_stale_assets(&dir, &current.names()).unwrap();

        let mut left: Vec<_> = files_under(&dir)
            .unwrap()
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "pentahelix.aaaaaaaaaaaa.js",
                "pentahelix_bg.bbbbbbbbbbbb.wasm",
                "pentahelix_split.aaaaaaaaaaaa.js",
                "split_admin.dddddddddddd.wasm",
                "widget.cccccccccccc.css",
                "widget.cccccccccccc.css.gz"
            ]
        );
        fs::remove_dir_all(&root).unwrap();
    }
}
