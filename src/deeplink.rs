//! Hash deep links (`#pentahelix/initiative/12`), only for hosts that set the `deeplink`
//! attribute: the URL belongs to the host page, so by default the widget never touches it. With
//! it, a citizen can share the initiative they are looking at, and the browser's back button
//! walks back through the widget's views.

use leptos::ev;
use leptos::prelude::*;

use crate::config::View;

const PREFIX: &str = "#pentahelix/";

/// The view a page hash names, if the hash is one of ours (the host's own anchors are not).
pub fn view_of(hash: &str) -> Option<View> {
    hash.strip_prefix(PREFIX).and_then(View::from_slug)
}

pub fn hash_of(view: View) -> String {
    format!("{PREFIX}{}", view.slug())
}

/// The view a page hash asks for after a Back or Forward: an empty hash is the page as it was
/// first opened, so it shows the instance's first view.
pub fn view_after_move(hash: &str, first: View) -> Option<View> {
    if hash.is_empty() || hash == "#" {
        Some(first)
    } else {
        view_of(hash)
    }
}

/// Keeps `view` and the page's hash in step, both ways, until the instance unmounts. `first` is
/// the view the instance's attributes open.
pub fn follow_hash(view: RwSignal<View>, first: View) {
    let current_hash = || window().location().hash().unwrap_or_default();
    if let Some(linked) = view_of(&current_hash()) {
        view.set(linked);
    }
    // A view set because the hash changed must not write the hash again: that would add an
    // entry in the middle of the history and break Forward.
    let from_hash = StoredValue::new(false);
    // The first run only subscribes: opening the page must not add a history entry.
    Effect::new(move |subscribed: Option<()>| {
        let wanted = hash_of(view.get());
        if std::mem::replace(&mut *from_hash.write_value(), false) {
            return;
        }
        if subscribed.is_some() && current_hash() != wanted {
            // Setting the hash (not replacing the entry) is what lets Back return to the last view.
            let _ = window().location().set_hash(&wanted);
        }
    });
    let listener = window_event_listener(ev::hashchange, move |_| {
        if let Some(linked) = view_after_move(&current_hash(), first)
            && view.get_untracked() != linked
        {
            from_hash.set_value(true);
            view.set(linked);
        }
    });
    on_cleanup(move || listener.remove());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_hashes_name_a_view() {
        assert_eq!(
            view_of("#pentahelix/initiative/7"),
            Some(View::Initiative(7))
        );
        assert_eq!(view_of("#pentahelix/dashboard"), Some(View::Dashboard));
        assert_eq!(view_of("#kontak"), None);
        assert_eq!(view_of("#pentahelix/nonsense"), None);
        assert_eq!(view_of(""), None);
    }

    #[test]
    fn back_to_the_page_as_opened_shows_the_first_view() {
        assert_eq!(view_after_move("", View::Dashboard), Some(View::Dashboard));
        assert_eq!(
            view_after_move("#pentahelix/propose", View::Dashboard),
            Some(View::Propose)
        );
        assert_eq!(view_after_move("#kontak", View::Dashboard), None);
    }

    #[test]
    fn a_view_and_its_hash_round_trip() {
        let hash = hash_of(View::Initiative(12));
        assert_eq!(hash, "#pentahelix/initiative/12");
        assert_eq!(view_of(&hash), Some(View::Initiative(12)));
    }
}
