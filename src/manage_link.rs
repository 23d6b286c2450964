//! The private manage link shown once after a proposal or a registration: the host page with
//! the record's manage token in the fragment (`#pentahelix-manage=initiative.12.phm_…`), which
//! browsers never send to any server. Opened on another device or after the browser's storage
//! was cleared, it makes that browser the record's manager again.

use leptos::prelude::*;

use crate::config::View;
use crate::context::Ctx;

const PREFIX: &str = "#pentahelix-manage=";

pub fn manage_link(kind: &str, id: i64, token: &str) -> String {
    let page = window()
        .location()
        .href()
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{page}{PREFIX}{kind}.{id}.{token}")
}

/// What a manage link names, if `hash` is one: the kind of record, its id and its token.
fn parse(hash: &str) -> Option<(&'static str, i64, &str)> {
    let mut parts = hash.strip_prefix(PREFIX)?.splitn(3, '.');
    let kind = match parts.next()? {
        "initiative" => "initiative",
        "stakeholder" => "stakeholder",
        _ => return None,
    };
    let id = parts.next()?.parse().ok()?;
    let token = parts.next()?;
    let well_formed = token.len() <= 100
        && token.starts_with("phm_")
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    well_formed.then_some((kind, id, token))
}

/// Takes a manage link opened on this page: keeps its token in this browser, takes it out of
/// the address bar and the history entry (a shared screen or a synced history does not pass it
/// on), and opens the record as its manager sees it.
pub fn claim_from_address(ctx: Ctx) {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let Some((kind, id, token)) = parse(&hash) else {
        return;
    };
    ctx.credentials().keep_linked_token(kind, id, token);
    if let (Ok(href), Ok(history)) = (location.href(), window().history()) {
        let page = href.split('#').next().unwrap_or_default();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(page));
    }
    ctx.view.set(if kind == "initiative" {
        View::Initiative(id)
    } else {
        View::Partners
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manage_link_names_its_record_and_token() {
        let token = format!("phm_{}", "ab12".repeat(16));
        let hash = format!("#pentahelix-manage=initiative.12.{token}");
        assert_eq!(parse(&hash), Some(("initiative", 12, token.as_str())));
        let hash = format!("#pentahelix-manage=stakeholder.7.{token}");
        assert_eq!(parse(&hash), Some(("stakeholder", 7, token.as_str())));
    }

    #[test]
    fn anything_else_is_left_alone() {
        for hash in [
            "",
            "#kontak",
            "#pentahelix/initiative/12",
            "#pentahelix-manage=pledge.3.phm_ab",
            "#pentahelix-manage=initiative.x.phm_ab",
            "#pentahelix-manage=initiative.12.pha_admin",
            "#pentahelix-manage=initiative.12.phm_<script>",
        ] {
            assert_eq!(parse(hash), None, "{hash}");
        }
    }
}
