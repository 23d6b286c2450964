//! Fingerprinted names (`<stem>.<hash>.<ext>`): a changed file gets a new name, so the server can
//! let browsers keep each one for a year, and the files of older builds can be told apart.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use super::ASSETS_DIR;
use super::files::{files_under, write_atomically};
use super::loader::loader_assets;
use crate::split;

/// Writes `text` to `dist/assets/name`. The name's hash covers the file before its references
/// were renamed, so the content is compared rather than trusted.
pub(super) fn write_asset(dist: &Path, name: &str, text: &str) -> Result<String> {
    let target = dist.join(ASSETS_DIR).join(name);
    if fs::read_to_string(&target).ok().as_deref() != Some(text) {
        fs::create_dir_all(dist.join(ASSETS_DIR))?;
        write_atomically(&target, |out| out.write_all(text.as_bytes()))?;
    }
    Ok(format!("{ASSETS_DIR}/{name}"))
}

/// Copies `file` to `dist/assets/<stem>.<hash>.<ext>` and returns that path relative to `dist`.
pub(super) fn fingerprint(file: &Path, dist: &Path) -> Result<String> {
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
pub(super) fn remove_stale_assets(dir: &Path, keep: &[&str]) -> Result<()> {
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

/// The asset names (relative to `dist/`) of the build now in `dist/`: what its loader names, and
/// the on-demand files its split loader fetches. Empty when there is none.
pub(super) fn previous_build(dist: &Path) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::loader::tests::assets;

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
