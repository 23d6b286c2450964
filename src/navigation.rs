//! Where a person lands when they move between views. Opening a view brings the widget's top
//! into sight and gives the view's heading the focus (a screen reader reads where they are, the
//! next Tab starts at the top of the view); going back to the list puts the card they came from
//! where it was on the screen and gives it the focus.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::config::View;

/// The card a person opened, and how far from the viewport's top it was when they did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReturnPoint {
    pub id: i64,
    pub top: f64,
}

/// The instance's navigation state, shared through [`crate::context::Ctx`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Navigation {
    /// Set when a person opens a view (never on the first one, which must not steal the host
    /// page's focus); the first heading of `components::heading` to mount takes it.
    heading_due: bool,
    return_to: Option<ReturnPoint>,
    current: Option<View>,
    previous: Option<View>,
}

impl Navigation {
    /// Called by the shell each time it renders a new view.
    pub fn opened(&mut self) {
        self.heading_due = true;
    }

    /// Called by the shell with every view it shows, the first included.
    pub fn shown(&mut self, view: View) {
        self.previous = self.current.replace(view);
    }

    /// The view shown before this one: where a page's "Back" button leads.
    pub fn previous(&self) -> Option<View> {
        self.previous
    }

    pub fn heading_due(&self) -> bool {
        self.heading_due
    }

    pub fn take_heading(&mut self) -> bool {
        std::mem::take(&mut self.heading_due)
    }

    pub fn leave_list_at(&mut self, point: ReturnPoint) {
        self.return_to = Some(point);
    }

    pub fn take_return(&mut self) -> Option<ReturnPoint> {
        self.return_to.take()
    }
}

/// Scrolls the page so `element`'s top is in sight, unless it already is.
pub fn bring_into_sight(element: &web_sys::Element) {
    let top = element.get_bounding_client_rect().top();
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if top < 0.0 || top > height {
        element.scroll_into_view();
    }
}

/// How far `element`'s top is from the viewport's.
pub fn top_of(element: &web_sys::Element) -> f64 {
    element.get_bounding_client_rect().top()
}

/// Puts the card of `point` (found under `root`) back where it was on screen and focuses its
/// link. Runs on the next frame, once the list is laid out again.
pub fn return_to_card(root: web_sys::Element, point: ReturnPoint) {
    request_animation_frame(move || {
        let selector = format!("[data-card=\"{}\"] .ph-card__title button", point.id);
        let Some(link) = root
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            bring_into_sight(&root);
            return;
        };
        let moved = top_of(&link) - point.top;
        window().scroll_by_with_x_and_y(0.0, moved);
        focus_without_scrolling(&link);
    });
}

pub fn focus_without_scrolling(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}
