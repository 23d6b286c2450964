//! What the widget keeps in the browser (`localStorage`): form drafts, the manage tokens of the
//! records this browser created, and the session of an address signed in here (an official's
//! too: admin tokens are for automation and never kept here), the last two per API origin
//! ([`Credentials`]). Nothing here is needed to browse; when storage is unavailable (private
//! mode, blocked cookies) the widget still works and forgets.

use pentahelix_core::api::OfficialGrant;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// One prefix for every key, so the widget never collides with the host page's own keys.
const PREFIX: &str = "pentahelix:";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = local()?
        .get_item(&format!("{PREFIX}{key}"))
        .ok()
        .flatten()?;
    crate::json::from_str(&text).ok()
}

/// Saves `value`; false when the browser refused (full or disabled), so the UI can say so.
pub fn save<T: Serialize>(key: &str, value: &T) -> bool {
    let Some(storage) = local() else { return false };
    let Ok(text) = serde_json::to_string(value) else {
        return false;
    };
    storage.set_item(&format!("{PREFIX}{key}"), &text).is_ok()
}

pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(&format!("{PREFIX}{key}"));
    }
}

/// What this browser holds to act on one API's records: the manage tokens of the records it
/// created or was given a link to, and the address signed in here. Kept per API origin, so a
/// page embedding two cities' widgets never sends one city's token to the other, and a widget
/// pointed at another API finds nothing there to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    origin: String,
}

impl Credentials {
    /// The credentials for `api` (a base address; empty for the page's own origin).
    pub fn of(api: &str) -> Credentials {
        let origin = if api.is_empty() {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        } else {
            origin_of(api).to_owned()
        };
        Credentials { origin }
    }

    /// The key under which a record's manage token is kept: `token:https://kota.id:initiative:12`.
    fn token_key(&self, kind: &str, id: i64) -> String {
        format!("token:{}:{kind}:{id}", self.origin)
    }

    /// The token that manages a record here: its manage token, or the session of the address
    /// that is its contact.
    pub fn token(&self, kind: &str, id: i64) -> Option<String> {
        load(&self.token_key(kind, id)).or_else(|| {
            self.session()
                .filter(|s| s.manages(kind, id))
                .map(|s| s.token)
        })
    }

    pub fn save_token(&self, kind: &str, id: i64, token: &str) -> bool {
        let saved = save(&self.token_key(kind, id), &token);
        if kind == "stakeholder" {
            let mut mine: Vec<i64> = load("my-stakeholders").unwrap_or_default();
            if !mine.contains(&id) {
                mine.push(id);
                save("my-stakeholders", &mine);
            }
        }
        saved
    }

    /// Keeps a token that came in a manage link. Written as the JSON string [`Self::token`]
    /// reads, without a serializer: this runs at mount, in the first view's code, where every
    /// byte is downloaded by every citizen. `token` is checked to be letters, digits and `_` by
    /// its caller.
    pub fn keep_linked_token(&self, kind: &str, id: i64, token: &str) {
        if let Some(storage) = local() {
            let key = format!("{PREFIX}{}", self.token_key(kind, id));
            let _ = storage.set_item(&key, &format!("\"{token}\""));
        }
    }

    /// Gives this API the tokens an older version kept without saying for which API
    /// (`token:initiative:12`). Those versions talked to whatever API a page named; the first
    /// API a widget now mounts with on this page takes them (the loader only lets markup name
    /// its own origin, and a host's own script could read this storage anyway).
    pub fn adopt_unscoped_tokens(&self) {
        let Some(storage) = local() else { return };
        let unscoped: Vec<(String, String, i64)> = (0..storage.length().unwrap_or(0))
            .filter_map(|n| storage.key(n).ok().flatten())
            .filter_map(|key| {
                let rest = key.strip_prefix(PREFIX)?.strip_prefix("token:")?;
                let (kind, id) = rest.split_once(':')?;
                let kind = ["initiative", "stakeholder"]
                    .into_iter()
                    .find(|k| *k == kind)?;
                let id = id.parse().ok()?;
                Some((key.clone(), kind.to_owned(), id))
            })
            .collect();
        for (key, kind, id) in unscoped {
            if let Ok(Some(token)) = storage.get_item(&key) {
                let _ = storage.set_item(&format!("{PREFIX}{}", self.token_key(&kind, id)), &token);
            }
            let _ = storage.remove_item(&key);
        }
    }

    /// The stakeholder profiles this browser manages here (ids), oldest first; then those it
    /// was given through a manage link, known by their token alone.
    pub fn my_stakeholders(&self) -> Vec<i64> {
        let mut mine: Vec<i64> = load("my-stakeholders").unwrap_or_default();
        if let Some(storage) = local() {
            let prefix = format!("{PREFIX}{}", self.token_key("stakeholder", 0));
            let prefix = prefix.trim_end_matches('0');
            for n in 0..storage.length().unwrap_or(0) {
                let linked = storage.key(n).ok().flatten().and_then(|key| {
                    key.strip_prefix(prefix)
                        .and_then(|id| id.parse::<i64>().ok())
                });
                if let Some(id) = linked.filter(|id| !mine.contains(id)) {
                    mine.push(id);
                }
            }
        }
        for id in self.session().map(|s| s.stakeholders).unwrap_or_default() {
            if !mine.contains(&id) {
                mine.push(id);
            }
        }
        mine.into_iter()
            .filter(|id| self.token("stakeholder", *id).is_some())
            .collect()
    }

    fn session_key(&self) -> String {
        format!("session:{}", self.origin)
    }

    pub fn session(&self) -> Option<Session> {
        load(&self.session_key())
    }

    pub fn save_session(&self, session: &Session) -> bool {
        save(&self.session_key(), session)
    }

    pub fn forget_session(&self) {
        remove(&self.session_key());
    }
}

/// The name of a record this browser manages, to show in pickers instead of a bare number.
pub fn name(kind: &str, id: i64) -> Option<String> {
    load(&format!("name:{kind}:{id}"))
}

pub fn save_name(kind: &str, id: i64, name: &str) {
    save(&format!("name:{kind}:{id}"), &name);
}

/// An address signed in through this browser, with the records it managed when last asked
/// (`GET /me`), so every view knows them without asking again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub email: String,
    #[serde(default)]
    pub initiatives: Vec<i64>,
    #[serde(default)]
    pub stakeholders: Vec<i64>,
    /// Where the address works as a city official: the Admin tab shows when there is any.
    #[serde(default)]
    pub official: Vec<OfficialGrant>,
}

impl Session {
    pub fn manages(&self, kind: &str, id: i64) -> bool {
        match kind {
            "initiative" => self.initiatives.contains(&id),
            "stakeholder" => self.stakeholders.contains(&id),
            _ => false,
        }
    }
}

/// `https://kota.id` of `https://kota.id/pentahelix/`: what the browser's same-origin rule
/// compares, so two spellings of one API share their credentials.
fn origin_of(api: &str) -> &str {
    // A `char` pattern, not `split_once("://")`: a `&str` pattern brings its two-way searcher
    // (1.5 KB) into the first view for this one call.
    let Some(host) = api
        .find(':')
        .filter(|&colon| api[colon..].starts_with("://"))
        .map(|colon| colon + 3)
    else {
        return api;
    };
    match api[host..].find(['/', '?', '#']) {
        Some(end) => &api[..host + end],
        None => api,
    }
}

/// The language the person chose with the switch, which outlasts a reload and wins over the
/// host page's `lang` attribute. Kept as its bare tag (`en`), not JSON: the loader reads it too,
/// and a serde reader for it alone cost the first view 1 KiB.
pub fn chosen_lang() -> Option<pentahelix_core::Lang> {
    let tag = local()?.get_item(&format!("{PREFIX}lang")).ok().flatten()?;
    pentahelix_core::Lang::from_tag(&tag)
}

pub fn choose_lang(lang: pentahelix_core::Lang) {
    if let Some(storage) = local() {
        let _ = storage.set_item(&format!("{PREFIX}lang"), lang.tag());
    }
}

/// Removes what older versions kept and this one must not: an admin token typed into the
/// widget stayed in the storage of what may be a shared kelurahan computer.
pub fn forget_legacy() {
    remove("admin-token");
}

/// A new random key (a UUID from the browser's crypto), for Idempotency-Key headers.
pub fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}", js_sys::Math::random().to_bits()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_is_known_by_its_origin() {
        assert_eq!(origin_of("https://kota.id/pentahelix/"), "https://kota.id");
        assert_eq!(origin_of("https://kota.id"), "https://kota.id");
        assert_eq!(
            origin_of("http://127.0.0.1:8080/?x#y"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            Credentials::of("https://evil.example/api").token_key("initiative", 3),
            "token:https://evil.example:initiative:3"
        );
    }
}
