//! A view's heading, which takes the keyboard focus when a person has just opened the view (see
//! `navigation`).

use leptos::html::H3;
use leptos::prelude::*;

use crate::context::use_ctx;
use crate::navigation::{Navigation, focus_without_scrolling};

/// A view's heading (an `h3` with `tabindex="-1"`) that takes the keyboard focus when a person
/// has just opened the view, so they hear where they are and the next Tab starts at its top.
///
/// A function rather than a component: each view keeps its own `h3` (its classes, its test id),
/// and the first view's module gets no extra view type for it.
pub fn heading_focus() -> NodeRef<H3> {
    let ctx = use_ctx();
    let heading = NodeRef::<H3>::new();
    Effect::new(move |_| {
        if let Some(element) = heading.get() {
            focus_once_connected(ctx.nav, element.into(), 0);
        }
    });
    heading
}

/// A view fetched on demand is built before it is put in the page (its `Transition` swaps it in
/// a frame later), and a detached element cannot take the focus: so wait for the page, a few
/// frames at most.
fn focus_once_connected(nav: StoredValue<Navigation>, element: web_sys::HtmlElement, frame: u8) {
    if !nav.with_value(Navigation::heading_due) {
        return;
    }
    if element.is_connected() {
        nav.update_value(|n| {
            n.take_heading();
        });
        focus_without_scrolling(&element);
    } else if frame < 30 {
        request_animation_frame(move || focus_once_connected(nav, element, frame + 1));
    }
}
