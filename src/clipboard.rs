//! Copying a link or a snippet for the person to paste elsewhere.

/// Asks the browser to copy `text`; false where the page has no clipboard (an old browser, an
/// insecure origin), so the view says "copied" only when it was asked.
pub fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let _ = window.navigator().clipboard().write_text(text);
    true
}
