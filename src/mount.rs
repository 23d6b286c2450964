//! The JavaScript-facing entry points. The loader (`public/embed.js`) calls `mount` once per
//! element with the element's attributes, and `Instance.unmount` when the element is removed.

use std::any::Any;

use leptos::prelude::*;
use pentahelix_core::api::FirstPage;
use wasm_bindgen::prelude::*;

use crate::app::App;
use crate::config::Config;

/// A mounted widget. Dropping its handle tears down the view and every reactive owner and
/// listener it created, which is what lets a host page remove the element without leaks.
#[wasm_bindgen]
pub struct Instance {
    handle: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl Instance {
    /// Removes the widget's DOM and releases everything it held. Safe to call twice.
    pub fn unmount(&mut self) {
        self.handle.take();
    }
}

/// Mounts a widget into `container` (an element inside the instance's shadow root), configured
/// by `options`, a plain object of attribute values (`{ region: "32.73", lang: "en" }`) and,
/// when the loader painted the list's first page, `first`: the server's `FirstPage` as JSON.
#[wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, options: &JsValue) -> Instance {
    console_error_panic_hook::set_once();
    let config = Config::from_pairs(
        [
            "api", "region", "lang", "view", "theme", "limit", "deeplink", "preview",
        ]
        .into_iter()
        .filter_map(|key| {
            let value = js_sys::Reflect::get(options, &JsValue::from_str(key)).ok()?;
            Some((key, value.as_string()?))
        }),
    );
    // What the loader painted (`public/embed.js`), as the server sent it (its markup left out).
    let first_page = js_sys::Reflect::get(options, &JsValue::from_str("first"))
        .ok()
        .and_then(|first| first.as_string())
        .and_then(|text| crate::json::from_str::<FirstPage>(&text).ok());
    let handle = leptos::mount::mount_to(
        container,
        move || view! { <App config=config first_page=first_page /> },
    );
    Instance {
        handle: Some(Box::new(handle)),
    }
}
