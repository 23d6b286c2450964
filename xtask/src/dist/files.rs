//! Copying, listing and writing files, so that an interrupted build leaves nothing half written.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::fresh::is_stale;

/// Copies the files under `from` that `keep` accepts, skipping those already copied; a missing
/// `from` is empty rather than an error, so the build works before anyone adds assets.
pub(super) fn copy_tree(from: &Path, to: &Path, keep: impl Fn(&Path) -> bool + Copy) -> Result<()> {
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

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes beside `path` and renames, so an interrupted build never leaves a truncated file whose
/// fresh mtime would make it look up to date.
pub(super) fn write_atomically(
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

pub(super) fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_copies_sit_beside_the_file() {
        assert_eq!(
            with_suffix(Path::new("dist/embed.js"), "br"),
            Path::new("dist/embed.js.br")
        );
    }
}
