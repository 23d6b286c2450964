//! The loader, `embed.js`: the one file city sites paste. It keeps its name, so the build writes
//! into it what changes between builds: the fingerprinted names of the files it fetches, and the
//! widget's words for the stand-in it draws until the wasm arrives.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use pentahelix_core::Lang;
use pentahelix_core::words;
use serde_json::json;

/// The loader keeps its name (it is what city sites paste) and is cached briefly; it is the one
/// file that knows the fingerprinted names.
pub(super) const LOADER: &str = "embed.js";
/// The line of `public/embed.js` the build replaces with the fingerprinted names.
const LOADER_ASSETS_LINE: &str = "const ASSETS = {";
/// The line of `public/embed.js` the build replaces with the widget's words, from the catalogue.
const LOADER_WORDS_LINE: &str = "const WORDS = ";

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
    // `{ glue: "…", split: "…", … }`, minified or not (esbuild renames `ASSETS`): the names are
    // every other quoted part.
    let start = loader
        .find("{ glue:")
        .or_else(|| loader.find("{glue:"))
        .context("the built loader names no assets")?;
    let object = &loader[start..];
    let object = &object[..object.find('}').unwrap_or(object.len())];
    Ok(object
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect())
}

/// Writes into the loader what changes between builds: the fingerprinted names on its
/// `const ASSETS = {…};` line, and the widget's words for its stand-in on its `const WORDS = …;`
/// line.
pub(super) fn fill_loader(template: &str, assets: &Assets) -> Result<String> {
    let names = format!(
        "{LOADER_ASSETS_LINE} glue: {:?}, split: {:?}, wasm: {:?}, style: {:?} }};",
        assets.glue, assets.split, assets.wasm, assets.style
    );
    let words = format!("{LOADER_WORDS_LINE}{};", stand_in_words());
    let filled = replace_line(template, LOADER_ASSETS_LINE, &names)?;
    replace_line(&filled, LOADER_WORDS_LINE, &words)
}

/// The words of what the loader draws before the wasm arrives (`shell()` in `public/embed.js`:
/// the header, the tabs, the loading state and the failure), by language tag, taken from the
/// widget's part of the catalogue so that the stand-in and the widget replacing it never differ.
fn stand_in_words() -> serde_json::Value {
    let by_language = Lang::ALL.into_iter().map(|lang| {
        let t = words::widget(lang);
        let stand_in = json!({
            "app_name": t.app_name,
            "tagline": t.tagline,
            "switch_language": t.switch_language,
            "tabs": [t.tab_initiatives, t.tab_propose, t.tab_partners, t.tab_dashboard, t.tab_mine],
            "loading": t.loading,
            "error_network": t.error_network,
            "retry": t.retry,
        });
        (lang.tag().to_owned(), stand_in)
    });
    serde_json::Value::Object(by_language.collect())
}

/// Replaces the template's one line that starts with `start` by `filled`.
fn replace_line(template: &str, start: &str, filled: &str) -> Result<String> {
    let lines: Vec<&str> = template
        .lines()
        .filter(|line| line.starts_with(start))
        .collect();
    let [line] = lines.as_slice() else {
        bail!(
            "public/{LOADER} must hold exactly one line starting with `{start}`, found {}",
            lines.len()
        );
    };
    Ok(template.replacen(line, filled, 1))
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

    const TEMPLATE: &str = "const base = 1;\nconst ASSETS = { glue: \"assets/pentahelix.js\" };\nconst WORDS = {};\nrest();\n";

    #[test]
    fn the_loader_learns_the_fingerprinted_names() {
        let filled = fill_loader(TEMPLATE, &assets()).unwrap();
        let lines: Vec<&str> = filled.lines().collect();
        assert_eq!(lines[0], "const base = 1;");
        assert_eq!(
            lines[1],
            "const ASSETS = { glue: \"assets/pentahelix.aaaaaaaaaaaa.js\", split: \"assets/pentahelix_split.aaaaaaaaaaaa.js\", wasm: \"assets/pentahelix_bg.bbbbbbbbbbbb.wasm\", style: \"assets/widget.cccccccccccc.css\" };"
        );
        assert!(lines[2].starts_with("const WORDS = {\""), "{}", lines[2]);
        assert_eq!(lines[3..], ["rest();"]);
    }

    #[test]
    fn a_loader_without_its_assets_line_fails_the_build() {
        let err = fill_loader("const WORDS = {};\n", &assets()).unwrap_err();
        assert!(err.to_string().contains("const ASSETS = {"), "{err}");
    }

    #[test]
    fn a_loader_without_its_words_line_fails_the_build() {
        let err = fill_loader("const ASSETS = {};\n", &assets()).unwrap_err();
        assert!(err.to_string().contains("const WORDS = "), "{err}");
    }

    /// The stand-in's words exist only in the catalogue: the built loader carries them, for every
    /// key its `shell()` reads, in every language the widget speaks.
    #[test]
    fn the_built_loader_speaks_the_catalogues_words() {
        let template = include_str!("../../../public/embed.js");
        let placeholder = template
            .lines()
            .find(|line| line.starts_with(LOADER_WORDS_LINE));
        assert_eq!(
            placeholder,
            Some("const WORDS = {};"),
            "the words are the build's to write"
        );

        let built = fill_loader(template, &assets()).unwrap();
        let line = built
            .lines()
            .find_map(|line| line.strip_prefix(LOADER_WORDS_LINE))
            .unwrap();
        let written: serde_json::Value =
            serde_json::from_str(line.strip_suffix(';').unwrap()).unwrap();
        let read: Vec<&str> = template
            .split("words.")
            .skip(1)
            .map(|rest| {
                rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .next()
                    .unwrap()
            })
            .filter(|key| !key.is_empty())
            .collect();
        assert!(
            read.contains(&"tagline") && read.contains(&"tabs"),
            "{read:?}"
        );
        for lang in Lang::ALL {
            let (t, words) = (words::widget(lang), &written[lang.tag()]);
            for key in &read {
                assert!(
                    !words[key].is_null(),
                    "the {} stand-in has no `{key}`",
                    lang.tag()
                );
            }
            assert_eq!(words["app_name"], t.app_name);
            assert_eq!(words["tagline"], t.tagline);
            assert_eq!(words["switch_language"], t.switch_language);
            assert_eq!(words["loading"], t.loading);
            assert_eq!(words["error_network"], t.error_network);
            assert_eq!(words["retry"], t.retry);
            assert_eq!(
                words["tabs"],
                json!([
                    t.tab_initiatives,
                    t.tab_propose,
                    t.tab_partners,
                    t.tab_dashboard,
                    t.tab_mine
                ])
            );
        }
    }
}
