//! What the build weighs: the first view's transfer and what each view fetches on first use.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use super::ASSETS_DIR;
use super::files::{files_under, with_suffix};
use super::loader::{LOADER, loader_assets};
use crate::split;

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

pub(super) fn print_sizes(dist: &Path, pkg: &Path) -> Result<()> {
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

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_in_kib() {
        assert_eq!(kib(1536), "1.5 KiB");
    }
}
