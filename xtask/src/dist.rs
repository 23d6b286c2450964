//! The widget's release build: wasm → `wasm-bindgen` → `wasm-opt` → `dist/`, with static assets
//! and pre-compressed copies beside every text asset so the server never compresses at request
//! time.
//!
//! Each step after `cargo build` is skipped when its outputs are newer than its inputs, so a
//! second `cargo xtask run` with nothing changed starts in seconds.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::cmd;
use crate::tools::{self, WASM_TARGET};
use crate::workspace::Workspace;

const WIDGET_PACKAGE: &str = "pentahelix-widget";
/// Defined in the root `Cargo.toml`: optimised for size, not speed.
const WASM_PROFILE: &str = "wasm-release";
/// The name the page loads (`pkg/pentahelix.js`); `public/embed.js` depends on it.
const OUT_NAME: &str = "pentahelix";
const COMPRESSED_EXTENSIONS: [&str; 6] = ["js", "wasm", "css", "html", "svg", "json"];
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW_BITS: u32 = 22;

pub fn build(ws: &Workspace) -> Result<()> {
    tools::ensure_wasm_target()?;
    let bindgen = tools::ensure_wasm_bindgen(ws)?;
    let wasm_opt = tools::ensure_wasm_opt(ws)?;

    let mut cargo = ws.cargo();
    cargo.args(["build", "-p", WIDGET_PACKAGE, "--lib"]).args([
        "--target",
        WASM_TARGET,
        "--profile",
        WASM_PROFILE,
    ]);
    cmd::run(&mut cargo)?;

    let dist = ws.dist_dir();
    let built = ws
        .target_dir
        .join(WASM_TARGET)
        .join(WASM_PROFILE)
        .join(format!("{}.wasm", WIDGET_PACKAGE.replace('-', "_")));
    let pkg = dist.join("pkg");
    let wasm = pkg.join(format!("{OUT_NAME}_bg.wasm"));
    let glue = pkg.join(format!("{OUT_NAME}.js"));

    if is_stale(&[&built, &bindgen.cli()], &[&wasm, &glue]) {
        bind_and_optimise(&bindgen.cli(), &wasm_opt, &built, &pkg, &wasm)?;
    } else {
        println!("xtask: {} is up to date", pkg.display());
    }

    copy_tree(&ws.root.join("public"), &dist, |_| true)?;
    copy_tree(&ws.root.join("style"), &dist.join("style"), |path| {
        path.extension().is_some_and(|ext| ext == "css")
    })?;
    compress_tree(&dist)?;
    print_sizes(&dist, &[&wasm, &glue])
}

fn bind_and_optimise(
    wasm_bindgen: &Path,
    wasm_opt: &Path,
    built: &Path,
    pkg: &Path,
    wasm: &Path,
) -> Result<()> {
    // Start from an empty directory so snippets of an older build do not linger.
    if pkg.exists() {
        fs::remove_dir_all(pkg).with_context(|| format!("could not remove {}", pkg.display()))?;
    }
    let mut bindgen = Command::new(wasm_bindgen);
    bindgen
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(pkg)
        .args(["--out-name", OUT_NAME])
        .arg(built);
    cmd::run(&mut bindgen)?;

    let mut opt = Command::new(wasm_opt);
    opt.arg("-Oz").arg("-o").arg(wasm).arg(wasm);
    if let Err(err) = cmd::run(&mut opt) {
        // The unoptimised file is newer than its input and would look up to date next time.
        let _ = fs::remove_file(wasm);
        return Err(err);
    }
    Ok(())
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

fn print_sizes(dist: &Path, shipped: &[&Path]) -> Result<()> {
    let mut files: Vec<PathBuf> = shipped.iter().map(|path| path.to_path_buf()).collect();
    files.extend(
        files_under(dist)?
            .into_iter()
            .filter(|path| path.extension().is_some_and(|ext| ext == "css")),
    );
    println!("xtask: widget built into {}", dist.display());
    println!(
        "  {:<28} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for file in files {
        let size = |path: &Path| fs::metadata(path).map(|meta| meta.len());
        let raw = size(&file).with_context(|| format!("{} is missing", file.display()))?;
        let name = file
            .strip_prefix(dist)
            .unwrap_or(&file)
            .display()
            .to_string();
        let compressed = |suffix| size(&with_suffix(&file, suffix)).map_or("-".into(), kib);
        println!(
            "  {name:<28} {:>10} {:>10} {:>10}",
            kib(raw),
            compressed("gz"),
            compressed("br")
        );
    }
    Ok(())
}

fn kib(bytes: u64) -> String {
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
        assert!(is_compressible(Path::new("dist/pkg/pentahelix_bg.wasm")));
        assert!(is_compressible(Path::new("dist/style/widget.css")));
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
}
