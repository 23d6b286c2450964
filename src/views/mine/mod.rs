//! "Milik saya": sign in by a code mailed to one's contact address, then see, on any device,
//! the offers waiting for an answer, one's initiatives and partner profiles, and one's email
//! settings.

mod account;
mod settings;
mod sign_in;

use leptos::prelude::*;

use crate::context::use_ctx;
use crate::storage;
use account::Account;
use sign_in::SignIn;

#[component]
pub fn Mine() -> impl IntoView {
    let ctx = use_ctx();
    let session = ctx.session;
    let ended = RwSignal::new(false);
    let on_signed_in = Callback::new(move |signed: storage::Session| {
        ctx.credentials().save_session(&signed);
        ended.set(false);
        session.set(Some(signed));
    });
    let on_signed_out = Callback::new(move |expired: bool| {
        ctx.credentials().forget_session();
        ended.set(expired);
        session.set(None);
    });
    // Rebuilt when someone signs in or out, not when what the session manages is refreshed.
    let signed_in = Memo::new(move |_| session.with(|s| s.as_ref().map(|s| s.token.clone())));
    view! {
        <section class="ph-mine" data-testid="mine">
            {move || match signed_in.get().and_then(|_| session.get_untracked()) {
                Some(signed) => {
                    view! { <Account session=signed on_signed_out=on_signed_out /> }.into_any()
                }
                None => view! { <SignIn on_signed_in=on_signed_in ended=ended /> }.into_any(),
            }}
        </section>
    }
}
