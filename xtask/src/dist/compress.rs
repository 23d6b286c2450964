//! Pre-compressed copies (`.br`, `.gz`) beside every text and wasm file, so the server never
//! compresses at request time.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;

use super::files::{files_under, with_suffix, write_atomically};
use super::fresh::is_stale;

const COMPRESSED_EXTENSIONS: [&str; 6] = ["js", "wasm", "css", "html", "svg", "json"];
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW_BITS: u32 = 22;

pub(super) fn compress_tree(dir: &Path) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;
    use crate::dist::files::copy_tree;

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
