//! One module per view of the widget.

pub mod admin;
pub mod dashboard;
pub mod edit;
pub mod fetched;
pub mod initiative;
pub mod initiatives;
pub mod mine;
pub mod on_demand;
pub mod partners;
pub mod propose;

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use web_sys::{AbortController, AbortSignal};

/// An abort signal for requests started by the current reactive owner (a view, a resource's
/// run): aborted when that owner is cleaned up, so a view that goes away cancels its requests.
pub fn abort_on_cleanup() -> Option<AbortSignal> {
    let controller = AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}
