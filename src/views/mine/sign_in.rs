//! Signing in: an email address, then the six-digit code the server mailed to it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{AskCode, GetMe, SignIn as SignInCall};
use pentahelix_core::api::{EmailCodeRequest, SessionRequest};
use pentahelix_core::words::fill;

use crate::api::{ApiError, Call};
use crate::components::field::{TextField, error_of, field_id};
use crate::components::heading::heading_focus;
use crate::components::load::error_text;
use crate::context::{Ctx, use_ctx};
use crate::storage::Session;

/// What a refused request means for the person at the form.
fn refusal(ctx: &Ctx, error: &ApiError, errors: RwSignal<BTreeMap<String, String>>) -> String {
    let t = ctx.t();
    match error.status() {
        Some(422) => {
            errors.set(error.field_errors());
            String::new()
        }
        Some(429) => t.code_wait.to_owned(),
        Some(503) => t.sign_in_unavailable.to_owned(),
        _ => error_text(ctx, error),
    }
}

#[component]
pub fn SignIn(on_signed_in: Callback<Session>, ended: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let heading = heading_focus();
    let email = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    // The address the last code went to: the code step shows while it is set.
    let sent_to = RwSignal::new(None::<String>);
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);

    let ask = Action::new_local(move |address: &String| {
        let input = EmailCodeRequest {
            email: address.trim().to_owned(),
            lang: ctx.lang.get_untracked(),
        };
        async move {
            let result = ctx
                .api()
                .call(
                    &AskCode {
                        input: input.clone(),
                    },
                    Call::default(),
                )
                .await;
            match result {
                Ok(()) => {
                    errors.set(BTreeMap::new());
                    failure.set(None);
                    code.set(String::new());
                    sent_to.set(Some(input.email));
                }
                Err(e) => {
                    errors.set(BTreeMap::new());
                    let text = refusal(&ctx, &e, errors);
                    failure.set((!text.is_empty()).then_some(text));
                }
            }
        }
    });

    let enter = Action::new_local(move |(address, typed): &(String, String)| {
        let input = SessionRequest {
            email: address.clone(),
            code: typed.trim().to_owned(),
        };
        async move {
            let created = ctx
                .api()
                .call(
                    &SignInCall {
                        input: input.clone(),
                    },
                    Call::default(),
                )
                .await;
            let created = match created {
                Ok(created) => created,
                Err(e) => {
                    errors.set(BTreeMap::new());
                    let text = refusal(&ctx, &e, errors);
                    failure.set((!text.is_empty()).then_some(text));
                    return;
                }
            };
            let token = created.session_token;
            let me = ctx
                .api()
                .call(&GetMe {}, Call::with_token(Some(&token)))
                .await;
            match me {
                Ok(me) => on_signed_in.run(Session {
                    token,
                    email: me.email,
                    initiatives: me.initiatives.iter().map(|i| i.id.0).collect(),
                    stakeholders: me.stakeholders.iter().map(|s| s.id.0).collect(),
                    official: me.official,
                }),
                Err(e) => failure.set(Some(error_text(&ctx, &e))),
            }
        }
    });

    let busy = move || ask.pending().get() || enter.pending().get();
    let email_id = field_id(&ctx.id("sign-in"), "email");
    let code_id = field_id(&ctx.id("sign-in"), "code");
    let errors_signal: Signal<BTreeMap<String, String>> = errors.into();

    view! {
        <h3 class="ph-section__title" tabindex="-1" node_ref=heading>
            {move || ctx.t().sign_in}
        </h3>
        <Show when=move || ended.get()>
            <p class="ph-notice" role="status">
                {move || ctx.t().session_ended}
            </p>
        </Show>
        <p class="ph-muted">{move || ctx.t().sign_in_intro}</p>
        {move || {
            failure
                .get()
                .map(|text| {
                    view! {
                        <p
                            class="ph-notice ph-notice--error"
                            role="alert"
                            data-testid="sign-in-failure"
                        >
                            {text}
                        </p>
                    }
                })
        }}
        {
            let email_id = email_id.clone();
            let code_id = code_id.clone();
            move || match sent_to.get() {
                None => {
                    view! {
                        <form
                            class="ph-form"
                            novalidate
                            data-testid="sign-in-email"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                if !busy() {
                                    ask.dispatch(email.get_untracked());
                                }
                            }
                        >
                            <TextField
                                id=email_id.clone()
                                label=Signal::derive(move || ctx.t().email_address)
                                value=email
                                error=error_of(errors_signal, "email")
                                kind="email"
                                autocomplete="email"
                                required=true
                            />
                            <div class="ph-actions">
                                <button
                                    type="submit"
                                    class="ph-button"
                                    data-testid="send-code"
                                    disabled=busy
                                    aria-busy=move || ask.pending().get().to_string()
                                >
                                    {move || {
                                        if ask.pending().get() {
                                            ctx.t().sending
                                        } else {
                                            ctx.t().send_code
                                        }
                                    }}
                                </button>
                            </div>
                        </form>
                    }
                        .into_any()
                }
                Some(address) => {
                    let shown = address.clone();
                    let again = address.clone();
                    view! {
                        <form
                            class="ph-form"
                            novalidate
                            data-testid="sign-in-code"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                if !busy() {
                                    enter.dispatch((address.clone(), code.get_untracked()));
                                }
                            }
                        >
                            <p
                                class="ph-notice ph-notice--ok"
                                role="status"
                                data-testid="code-sent"
                            >
                                {move || fill(ctx.t().code_sent, &[("email", &shown)])}
                            </p>
                            <TextField
                                id=code_id.clone()
                                label=Signal::derive(move || ctx.t().code_from_mail)
                                value=code
                                error=error_of(errors_signal, "code")
                                maxlength=7
                                inputmode="numeric"
                                autocomplete="one-time-code"
                                required=true
                            />
                            <div class="ph-actions">
                                <button
                                    type="submit"
                                    class="ph-button"
                                    data-testid="sign-in"
                                    disabled=busy
                                    aria-busy=move || enter.pending().get().to_string()
                                >
                                    {move || {
                                        if enter.pending().get() {
                                            ctx.t().checking
                                        } else {
                                            ctx.t().sign_in
                                        }
                                    }}
                                </button>
                                <button
                                    type="button"
                                    class="ph-button ph-button--ghost"
                                    data-testid="send-new-code"
                                    disabled=busy
                                    on:click=move |_| {
                                        ask.dispatch(again.clone());
                                    }
                                >
                                    {move || ctx.t().send_new_code}
                                </button>
                                <button
                                    type="button"
                                    class="ph-button ph-button--ghost"
                                    data-testid="other-address"
                                    on:click=move |_| {
                                        errors.set(BTreeMap::new());
                                        failure.set(None);
                                        sent_to.set(None);
                                    }
                                >
                                    {move || ctx.t().other_address}
                                </button>
                            </div>
                        </form>
                    }
                        .into_any()
                }
            }
        }
    }
}
