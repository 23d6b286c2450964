//! The JavaScript-facing entry points. The loader (`public/embed.js`) calls `mount` once per
//! element with the element's attributes, and `Instance.unmount` when the element is removed.

use std::any::Any;

use leptos::prelude::*;
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
/// by `options`, a plain object of attribute values (`{ region: "32.73", lang: "en" }`).
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
    let handle = leptos::mount::mount_to(container, move || view! { <App config=config /> });
    Instance {
        handle: Some(Box::new(handle)),
    }
}
