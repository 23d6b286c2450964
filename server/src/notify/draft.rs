//! A mail's parts before it is written out as text and as HTML: what `letters` and `digests`
//! both compose.

/// The parts of a mail before it is written out as text and as HTML.
pub struct Draft {
    pub subject: String,
    pub paragraphs: Vec<String>,
    /// Shown as buttons in HTML, as `label: address` lines in text.
    pub links: Vec<(String, String)>,
}
