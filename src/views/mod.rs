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

use leptos::prelude::{LocalResource, on_cleanup};
use pentahelix_core::api::endpoint::Endpoint;
use send_wrapper::SendWrapper;
use web_sys::{AbortController, AbortSignal};

use crate::api::{ApiError, Call};
use crate::context::use_ctx;

/// An abort signal for requests started by the current reactive owner (a view, a resource's
/// run): aborted when that owner is cleaned up, so a view that goes away cancels its requests.
pub fn abort_on_cleanup() -> Option<AbortSignal> {
    let controller = AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}

/// What a view shows from the API: `endpoint()` asked with `token` (the viewer's manage token or
/// session, if any), asked again when a signal `endpoint` reads changes, its request cancelled
/// when the view goes away.
pub fn answer<E>(
    token: Option<String>,
    endpoint: impl Fn() -> E + 'static,
) -> LocalResource<Result<E::Answer, ApiError>>
where
    E: Endpoint + 'static,
{
    let ctx = use_ctx();
    LocalResource::new(move || {
        let endpoint = endpoint();
        let token = token.clone();
        let abort = abort_on_cleanup();
        async move {
            let call = Call::with_token(token.as_deref()).abort_with(abort.as_ref());
            ctx.api().call(&endpoint, call).await
        }
    })
}
