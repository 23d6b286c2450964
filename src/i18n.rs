//! The widget's words: its part of the catalogue in `pentahelix_core::words`, where every
//! language's words are one struct literal (a missing one does not compile) beside the validation
//! messages and labels the widget also shows. The views read them as `ctx.t().name`; the sentences
//! with numbers or names are filled by `pentahelix_core::words::sentences`.

use pentahelix_core::Lang;
use pentahelix_core::words;
pub use pentahelix_core::words::sentences::{activated, pentagon_label, shown};

/// The views' name for the widget's part of the catalogue.
pub use pentahelix_core::words::Widget as Messages;

/// The widget's part alone: through `words::widget` the wasm links no other part, such as the
/// server's problem details.
pub fn messages(lang: Lang) -> &'static Messages {
    words::widget(lang)
}
