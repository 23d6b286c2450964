//! "Milik saya": sign in by a code mailed to one's contact address, then see, on any device,
//! the offers waiting for an answer, one's initiatives and partner profiles, and one's email
//! settings.

mod account;
mod settings;
mod sign_in;

use leptos::prelude::*;

use crate::storage;
use account::Account;
use sign_in::SignIn;

#[component]
pub fn Mine() -> impl IntoView {
    let session = RwSignal::new(storage::session());
    let ended = RwSignal::new(false);
    let on_signed_in = Callback::new(move |signed: storage::Session| {
        storage::save_session(&signed);
        ended.set(false);
        session.set(Some(signed));
    });
    let on_signed_out = Callback::new(move |expired: bool| {
        storage::forget_session();
        ended.set(expired);
        session.set(None);
    });
    view! {
        <section class="ph-mine" data-testid="mine">
            {move || match session.get() {
                Some(signed) => {
                    view! { <Account session=signed on_signed_out=on_signed_out /> }.into_any()
                }
                None => view! { <SignIn on_signed_in=on_signed_in ended=ended /> }.into_any(),
            }}
        </section>
    }
}
