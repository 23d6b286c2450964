//! "Propose an initiative": a short form in the order a person thinks (what, where, what is
//! needed from whom, when, how to reach you). The draft is saved on every change and restored
//! after a reload; each submission carries the draft's Idempotency-Key, so a retry after a
//! dropped connection never creates a second initiative. On success the private manage link is
//! shown with a copy button.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{CreateInitiative, UpdateInitiative};
use pentahelix_core::api::query::EditQuery;
use pentahelix_core::api::{Created, Initiative, InitiativeId};
use pentahelix_core::validate::Scope;

use crate::api::Call;
use crate::components::choices::{ContactFields, ContactSignals, KecamatanSelect, TaxonomyChecks};
use crate::components::field::{FormFailure, TextField, checked, error_of};
use crate::components::heading::heading_focus;
use crate::components::load::error_text;
use crate::context::use_ctx;
use crate::creation::{self, Attempts, Creation};
use crate::draft::{NeedDraft, ProposeDraft};
use crate::storage;

mod need;
mod sent;
mod similar;

use need::Needs;
use sent::Sent;
use similar::Similar;

const DRAFT_KEY: &str = "draft:propose";

/// What the form edits instead of proposing anew: an initiative this browser owns, or one an
/// official of its region changes (with a reason for its owner).
#[derive(Clone)]
pub struct EditTarget {
    pub id: i64,
    pub token: String,
    pub initial: ProposeDraft,
    pub on_done: Callback<bool>,
    /// An official's edit: the form asks why, and the owner is told.
    pub official: bool,
}

#[component]
pub fn Propose(#[prop(optional)] edit: Option<EditTarget>) -> impl IntoView {
    let ctx = use_ctx();
    let heading = heading_focus();
    // An edit keeps its own draft, so editing never overwrites a proposal in progress.
    let draft_key = match &edit {
        Some(target) => format!("draft:edit:{}", target.id),
        None => DRAFT_KEY.to_owned(),
    };
    let mut initial: ProposeDraft = storage::load(&draft_key)
        .or_else(|| edit.as_ref().map(|target| target.initial.clone()))
        .unwrap_or_default();
    let draft_key = StoredValue::new(draft_key);
    let edit = StoredValue::new(edit);
    let editing = edit.with_value(Option::is_some);
    let official_edit = edit.with_value(|e| e.as_ref().is_some_and(|target| target.official));
    let reason = RwSignal::new(String::new());
    if initial.idempotency_key.is_empty() {
        initial.idempotency_key = storage::new_key();
    }
    if initial.needs.is_empty() {
        initial.needs.push(NeedDraft::default());
    }
    let title = RwSignal::new(initial.title.clone());
    let description = RwSignal::new(initial.description.clone());
    let region = RwSignal::new(initial.region.clone());
    let subsectors = RwSignal::new(initial.subsectors.clone());
    let needs = RwSignal::new(initial.needs.clone());
    let starts_on = RwSignal::new(initial.starts_on.clone());
    let ends_on = RwSignal::new(initial.ends_on.clone());
    let place = RwSignal::new(initial.place.clone());
    let person = RwSignal::new(initial.person.clone());
    let email = RwSignal::new(initial.email.clone());
    let phone = RwSignal::new(initial.phone.clone());
    let consent = RwSignal::new(initial.consent);
    let contact = ContactSignals {
        person,
        email,
        phone,
        consent,
    };
    let key = RwSignal::new(initial.idempotency_key.clone());
    let sent = RwSignal::new(initial.sent.clone());
    let attempts = Attempts { key, sent };

    let draft = move || ProposeDraft {
        title: title.get(),
        description: description.get(),
        region: region.get(),
        subsectors: subsectors.get(),
        needs: needs.get(),
        starts_on: starts_on.get(),
        ends_on: ends_on.get(),
        place: place.get(),
        person: person.get(),
        email: email.get(),
        phone: phone.get(),
        consent: consent.get(),
        idempotency_key: key.get(),
        sent: sent.get(),
    };
    // Saved on every change; a browser that refuses is told, so the person knows to finish now.
    let stored = RwSignal::new(true);
    Effect::new(move |_| {
        let d = draft();
        stored.set(storage::save(&draft_key.get_value(), &d));
    });

    let errors: RwSignal<BTreeMap<String, String>> = RwSignal::new(BTreeMap::new());
    let created: RwSignal<Option<Created<Initiative>>> = RwSignal::new(None);
    // Set when an earlier attempt made the initiative and the form's later text could not be
    // applied to it.
    let outdated = RwSignal::new(false);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let city = ctx.city();
    let served = vec![city];

    let submit = Action::new_local(move |(): &()| {
        let d = draft();
        let regions = ctx.regions();
        let checked_draft = d.to_input(&Scope {
            served: &served,
            regions: &regions,
        });
        async move {
            let Some(input) = checked(ctx, checked_draft, errors, failure) else {
                return;
            };
            if let Some(target) = edit.get_value() {
                let update = UpdateInitiative {
                    id: InitiativeId(target.id),
                    query: EditQuery {
                        reason: target.official.then(|| reason.get_untracked()),
                    },
                    input,
                };
                match ctx
                    .api()
                    .call(&update, Call::with_token(Some(&target.token)))
                    .await
                {
                    Ok(_) => {
                        storage::remove(&draft_key.get_value());
                        target.on_done.run(true);
                    }
                    Err(e) => {
                        errors.try_set(e.field_errors());
                        failure.try_set(Some(error_text(&ctx, &e)));
                    }
                }
                return;
            }
            let api = ctx.api();
            let now = CreateInitiative { input };
            match creation::create(&api, &now, attempts).await {
                Ok(Creation {
                    answer: done,
                    earlier,
                }) => {
                    ctx.credentials().save_token(
                        "initiative",
                        done.record.id.0,
                        &done.manage_token,
                    );
                    storage::remove(&draft_key.get_value());
                    let done = if earlier {
                        let update = UpdateInitiative {
                            id: done.record.id,
                            query: EditQuery::default(),
                            input: now.input,
                        };
                        match api
                            .call(&update, Call::with_token(Some(&done.manage_token)))
                            .await
                        {
                            Ok(record) => Created { record, ..done },
                            Err(_) => {
                                outdated.try_set(true);
                                done
                            }
                        }
                    } else {
                        done
                    };
                    created.try_set(Some(done));
                }
                Err(e) => {
                    errors.try_set(e.field_errors());
                    failure.try_set(Some(error_text(&ctx, &e)));
                }
            }
        }
    });

    let err = move |field: &'static str| error_of(errors.into(), field);
    let id = move |name: &str| ctx.id(&format!("p-{name}"));

    view! {
        <section class="ph-section">
            {move || match created.get() {
                Some(done) => {
                    view! {
                        <Sent
                            created=done
                            outdated=outdated.get_untracked()
                            on_again=Callback::new(move |()| {
                                created.set(None);
                                outdated.set(false);
                                for s in [title, description, region, starts_on, ends_on, place] {
                                    s.set(String::new());
                                }
                                subsectors.set(Vec::new());
                                needs.set(vec![NeedDraft::default()]);
                                key.set(storage::new_key());
                                sent.set(None);
                            })
                        />
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <h3 class="ph-section__title" tabindex="-1" node_ref=heading>
                            {move || {
                                if editing { ctx.t().edit_heading } else { ctx.t().propose_heading }
                            }}
                        </h3>
                        <p class="ph-muted">
                            {move || {
                                if editing { ctx.t().edit_intro } else { ctx.t().propose_intro }
                            }}
                        </p>
                        <Show when=move || !stored.get()>
                            <p class="ph-notice">{move || ctx.t().draft_not_saved}</p>
                        </Show>
                        <form
                            class="ph-form"
                            novalidate=true
                            data-testid="propose-form"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                submit.dispatch(());
                            }
                        >
                            <fieldset class="ph-fieldset">
                                <legend>{move || ctx.t().what}</legend>
                                <TextField
                                    id=id("title")
                                    label=Signal::derive(move || ctx.t().title)
                                    value=title
                                    error=err("title")
                                    hint=Signal::derive(move || ctx.t().title_hint)
                                    maxlength=120
                                    required=true
                                />
                                <TextField
                                    id=id("description")
                                    label=Signal::derive(move || ctx.t().description)
                                    value=description
                                    error=err("description")
                                    hint=Signal::derive(move || ctx.t().description_hint)
                                    maxlength=5000
                                    multiline=true
                                    required=true
                                />
                                // Right under what is being typed: on a phone the subsectors below
                                // fill more than a screen.
                                <Show when=move || !editing>
                                    <Similar title=title description=description />
                                </Show>
                                <TaxonomyChecks
                                    legend=Signal::derive(move || ctx.t().subsectors)
                                    selected=subsectors
                                    error_id=id("subsectors-error")
                                    errors=errors
                                    field="subsectors"
                                />
                            </fieldset>

                            <fieldset class="ph-fieldset">
                                <legend>{move || ctx.t().where_}</legend>
                                <KecamatanSelect
                                    id=id("region")
                                    city=city
                                    value=region
                                    errors=errors
                                />
                                <TextField
                                    id=id("place")
                                    label=Signal::derive(move || ctx.t().place)
                                    value=place
                                    error=err("place")
                                    hint=Signal::derive(move || ctx.t().place_hint)
                                    maxlength=200
                                />
                            </fieldset>

                            <Needs needs=needs errors=errors error_id=id("needs-error") />

                            <fieldset class="ph-fieldset">
                                <legend>{move || ctx.t().when_legend}</legend>
                                <div class="ph-row">
                                    <TextField
                                        id=id("starts_on")
                                        label=Signal::derive(move || ctx.t().starts_on)
                                        value=starts_on
                                        error=err("starts_on")
                                        kind="date"
                                    />
                                    <TextField
                                        id=id("ends_on")
                                        label=Signal::derive(move || ctx.t().ends_on)
                                        value=ends_on
                                        error=err("ends_on")
                                        kind="date"
                                    />
                                </div>
                            </fieldset>

                            <ContactFields prefix="p" contact=contact errors=errors />

                            <Show when=move || official_edit>
                                <div class="ph-field">
                                    <label class="ph-field__label" for=id("reason")>
                                        {move || ctx.t().reason_for_owner}
                                    </label>
                                    <p class="ph-field__hint" id=id("reason-hint")>
                                        {move || ctx.t().reason_optional_hint}
                                    </p>
                                    <textarea
                                        id=id("reason")
                                        class="ph-input"
                                        rows="2"
                                        maxlength="1000"
                                        aria-describedby=id("reason-hint")
                                        prop:value=move || reason.get()
                                        on:input=move |ev| reason.set(event_target_value(&ev))
                                    ></textarea>
                                </div>
                            </Show>

                            <div class="ph-actions">
                                <button
                                    type="submit"
                                    class="ph-button"
                                    data-testid="submit"
                                    disabled=move || submit.pending().get()
                                >
                                    {move || {
                                        if submit.pending().get() {
                                            ctx.t().submitting
                                        } else if editing {
                                            ctx.t().save_changes
                                        } else {
                                            ctx.t().submit_proposal
                                        }
                                    }}
                                </button>
                                <Show when=move || editing>
                                    <button
                                        type="button"
                                        class="ph-button ph-button--ghost"
                                        on:click=move |_| {
                                            storage::remove(&draft_key.get_value());
                                            if let Some(target) = edit.get_value() {
                                                target.on_done.run(false);
                                            }
                                        }
                                    >
                                        {move || ctx.t().cancel}
                                    </button>
                                </Show>
                            </div>
                            <FormFailure failure=failure />
                        </form>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
