//! "Propose an initiative": a short form in the order a person thinks (what, where, what is
//! needed from whom, when, how to reach you). The draft is saved on every change and restored
//! after a reload; each submission carries the draft's Idempotency-Key, so a retry after a
//! dropped connection never creates a second initiative. On success the private manage link is
//! shown with a copy button.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{CreateInitiative, UpdateInitiative};
use pentahelix_core::api::{Created, Initiative, InitiativeId, InitiativeStatus, ProblemType};
use pentahelix_core::validate::Scope;
use pentahelix_core::{Helix, Regions, Resource, Subsector};

use crate::api::{ApiError, Call};
use crate::components::field::{FieldError, TextField, error_of};
use crate::components::load::error_text;
use crate::config::View;
use crate::context::use_ctx;
use crate::draft::{NeedDraft, ProposeDraft};
use crate::storage;

const DRAFT_KEY: &str = "draft:propose";
/// The most needs one initiative may list (the core's validation refuses more).
const MAX_NEEDS: usize = 10;

/// What the form edits instead of proposing anew: an initiative this browser owns.
#[derive(Clone)]
pub struct EditTarget {
    pub id: i64,
    pub token: String,
    pub initial: ProposeDraft,
    pub on_done: Callback<bool>,
}

/// The link that brings this browser (or another) back to manage a record: the host page with
/// the token in the fragment, which never reaches any server.
pub fn manage_link(kind: &str, id: i64, token: &str) -> String {
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{page}#pentahelix-manage={kind}.{id}.{token}")
}

#[component]
pub fn Propose(#[prop(optional)] edit: Option<EditTarget>) -> impl IntoView {
    let ctx = use_ctx();
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
    let key = RwSignal::new(initial.idempotency_key.clone());

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
    };
    // Saved on every change; a browser that refuses is told, so the person knows to finish now.
    let stored = RwSignal::new(true);
    Effect::new(move |_| {
        let d = draft();
        stored.set(storage::save(&draft_key.get_value(), &d));
    });

    let errors: RwSignal<BTreeMap<String, String>> = RwSignal::new(BTreeMap::new());
    let created: RwSignal<Option<Created<Initiative>>> = RwSignal::new(None);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let city = ctx.city();
    let served = vec![city];

    let submit = Action::new_local(move |(): &()| {
        let d = draft();
        let regions = Regions::builtin();
        let checked = d.to_input(&Scope {
            served: &served,
            regions: &regions,
        });
        async move {
            let input = match checked {
                Ok(input) => input,
                Err(e) => {
                    errors.try_set(e.messages(ctx.lang.get_untracked()));
                    failure.try_set(Some(ctx.t().fix_fields.to_owned()));
                    return;
                }
            };
            errors.try_set(BTreeMap::new());
            failure.try_set(None);
            if let Some(target) = edit.get_value() {
                let update = UpdateInitiative {
                    id: InitiativeId(target.id),
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
            match ctx
                .api()
                .call(
                    &CreateInitiative { input },
                    Call::default().idempotent(&d.idempotency_key),
                )
                .await
            {
                Ok(done) => {
                    storage::save_token("initiative", done.record.id.0, &done.manage_token);
                    storage::remove(&draft_key.get_value());
                    created.try_set(Some(done));
                }
                Err(ApiError::Problem(p))
                    if p.problem_type() == Some(ProblemType::IdempotencyMismatch) =>
                {
                    // The first attempt arrived after all, with the earlier text: start a new key
                    // so that this version can be sent, and say so.
                    key.try_set(storage::new_key());
                    failure.try_set(Some(p.detail));
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
    let kecamatan: StoredValue<Vec<(String, String)>> = StoredValue::new(
        Regions::builtin()
            .children(city)
            .map(|r| (r.code.to_string(), r.name))
            .collect(),
    );

    view! {
        <section class="ph-section">
            {move || match created.get() {
                Some(done) => view! { <Sent created=done on_again=Callback::new(move |()| {
                    created.set(None);
                    for s in [title, description, region, starts_on, ends_on, place] { s.set(String::new()); }
                    subsectors.set(Vec::new());
                    needs.set(vec![NeedDraft::default()]);
                    key.set(storage::new_key());
                }) /> }.into_any(),
                None => view! {
                    <h3 class="ph-section__title">{move || if editing { ctx.t().edit_heading } else { ctx.t().propose_heading }}</h3>
                    <p class="ph-muted">{move || ctx.t().propose_intro}</p>
                    <Show when=move || !stored.get()>
                        <p class="ph-notice">{move || ctx.t().draft_not_saved}</p>
                    </Show>
                    <form class="ph-form" novalidate=true data-testid="propose-form" on:submit=move |ev| { ev.prevent_default(); submit.dispatch(()); }>
                        <fieldset class="ph-fieldset">
                            <legend>{move || ctx.t().what}</legend>
                            <TextField id=id("title") label=Signal::derive(move || ctx.t().title) value=title error=err("title")
                                hint=Signal::derive(move || ctx.t().title_hint) maxlength=120 required=true />
                            <TextField id=id("description") label=Signal::derive(move || ctx.t().description) value=description error=err("description")
                                hint=Signal::derive(move || ctx.t().description_hint) maxlength=5000 multiline=true required=true />
                            <fieldset class="ph-fieldset ph-fieldset--inner" aria-describedby=id("subsectors-error")>
                                <legend>{move || ctx.t().subsectors}</legend>
                                <div class="ph-checks">
                                    {Subsector::ALL.iter().map(|s| {
                                        let s = *s;
                                        view! {
                                            <label class="ph-check">
                                                <input type="checkbox" prop:checked=move || subsectors.with(|list| list.contains(&s))
                                                    on:change=move |ev| subsectors.update(|list| {
                                                        if event_target_checked(&ev) { if !list.contains(&s) { list.push(s); } } else { list.retain(|x| *x != s); }
                                                    }) />
                                                {move || s.label(ctx.lang.get())}
                                            </label>
                                        }
                                    }).collect_view()}
                                </div>
                                <FieldError id=id("subsectors-error") error=err("subsectors") />
                            </fieldset>
                        </fieldset>

                        <fieldset class="ph-fieldset">
                            <legend>{move || ctx.t().where_}</legend>
                            <div class="ph-field">
                                <label class="ph-field__label" for=id("region")>{move || ctx.t().kecamatan}</label>
                                <select id=id("region") class="ph-input" required=true
                                    aria-invalid=move || err("region").get().is_some().to_string()
                                    aria-describedby=id("region-error")
                                    on:change=move |ev| region.set(event_target_value(&ev))>
                                    <option value="" selected=move || region.get().is_empty()>{move || ctx.t().choose}</option>
                                    {kecamatan.get_value().into_iter().map(|(code, name)| {
                                        let selected = { let code = code.clone(); move || region.get() == code };
                                        view! { <option value=code selected=selected>{name}</option> }
                                    }).collect_view()}
                                </select>
                                <FieldError id=id("region-error") error=err("region") />
                            </div>
                            <TextField id=id("place") label=Signal::derive(move || ctx.t().place) value=place error=err("place")
                                hint=Signal::derive(move || ctx.t().place_hint) maxlength=200 />
                        </fieldset>

                        <fieldset class="ph-fieldset">
                            <legend>{move || ctx.t().needs_legend}</legend>
                            <FieldError id=id("needs-error") error=err("needs") />
                            // Keyed by position: a row's elements stay while it is edited (the
                            // focus stays in the note being typed) and read their values from
                            // the list, so removing a row shifts the ones below it up.
                            <For each=move || 0..needs.with(Vec::len) key=|n| *n let:n>
                                <NeedRow n=n needs=needs errors=errors />
                            </For>
                            <button type="button" class="ph-button ph-button--ghost" data-testid="add-need"
                                disabled=move || { needs.with(Vec::len) >= MAX_NEEDS }
                                on:click=move |_| needs.update(|list| list.push(NeedDraft::default()))>
                                "+ " {move || ctx.t().add_need}
                            </button>
                        </fieldset>

                        <fieldset class="ph-fieldset">
                            <legend>{move || ctx.t().when_legend}</legend>
                            <div class="ph-row">
                                <TextField id=id("starts_on") label=Signal::derive(move || ctx.t().starts_on) value=starts_on error=err("starts_on") kind="date" />
                                <TextField id=id("ends_on") label=Signal::derive(move || ctx.t().ends_on) value=ends_on error=err("ends_on") kind="date" />
                            </div>
                        </fieldset>

                        <fieldset class="ph-fieldset">
                            <legend>{move || ctx.t().contact_legend}</legend>
                            <p class="ph-muted">{move || ctx.t().contact_hint}</p>
                            <TextField id=id("person") label=Signal::derive(move || ctx.t().person) value=person error=err("contact.person") maxlength=120 required=true />
                            <div class="ph-row">
                                <TextField id=id("email") label=Signal::derive(move || ctx.t().email) value=email error=err("contact.email") kind="email" maxlength=254 />
                                <TextField id=id("phone") label=Signal::derive(move || ctx.t().phone) value=phone error=err("contact.phone") kind="tel" maxlength=20 />
                            </div>
                            <label class="ph-check ph-check--consent">
                                <input type="checkbox" id=id("consent") prop:checked=move || consent.get()
                                    aria-describedby=id("consent-error")
                                    aria-invalid=move || err("contact_consent").get().is_some().to_string()
                                    on:change=move |ev| consent.set(event_target_checked(&ev)) />
                                {move || ctx.t().consent}
                            </label>
                            <FieldError id=id("consent-error") error=err("contact_consent") />
                        </fieldset>

                        <div class="ph-actions">
                            <button type="submit" class="ph-button" data-testid="submit" disabled=move || submit.pending().get()>
                                {move || if submit.pending().get() { ctx.t().submitting } else if editing { ctx.t().save_changes } else { ctx.t().submit_proposal }}
                            </button>
                            <Show when=move || editing>
                                <button type="button" class="ph-button ph-button--ghost" on:click=move |_| {
                                    storage::remove(&draft_key.get_value());
                                    if let Some(target) = edit.get_value() { target.on_done.run(false); }
                                }>{move || ctx.t().cancel}</button>
                            </Show>
                        </div>
                        <p class="ph-status-line" role="status" aria-live="polite">
                            {move || failure.get().map(|f| view! { <span class="ph-notice ph-notice--error" data-testid="form-error">{f}</span> })}
                        </p>
                    </form>
                }
                .into_any(),
            }}
        </section>
    }
}

/// One row of the needs list. It shows whatever the list holds at position `n`, so the row
/// below a removed one takes its place without being rebuilt.
#[component]
fn NeedRow(
    n: usize,
    needs: RwSignal<Vec<NeedDraft>>,
    errors: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let resource_id = ctx.id(&format!("p-need-{n}-resource"));
    let helix_id = ctx.id(&format!("p-need-{n}-helix"));
    let note_id = ctx.id(&format!("p-need-{n}-note"));
    let error = Signal::derive(move || {
        errors.with(|e| {
            e.get(&format!("needs[{n}].resource"))
                .or_else(|| e.get(&format!("needs[{n}].note")))
                .cloned()
        })
    });
    let error_id = format!("{resource_id}-error");
    let current = move || needs.with(|list| list.get(n).cloned().unwrap_or_default());
    let set = move |f: Box<dyn Fn(&mut NeedDraft)>| {
        needs.update(|list| {
            if let Some(item) = list.get_mut(n) {
                f(item)
            }
        })
    };
    let label = move || format!("{} {}", ctx.t().need, n + 1);
    view! {
        <div class="ph-need" role="group" aria-label=label>
            <div class="ph-field">
                <label class="ph-field__label" for=resource_id.clone()>{move || ctx.t().resource}</label>
                <select id=resource_id.clone() class="ph-input" aria-describedby=error_id.clone()
                    aria-invalid=move || error.get().is_some().to_string()
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |item| item.resource = v.parse().ok())); }>
                    <option value="" selected=move || current().resource.is_none()>{move || ctx.t().choose}</option>
                    {Resource::ALL.iter().map(|r| { let r = *r; view! { <option value=r.slug() selected=move || current().resource == Some(r)>{move || r.label(ctx.lang.get())}</option> } }).collect_view()}
                </select>
            </div>
            <div class="ph-field">
                <label class="ph-field__label" for=helix_id.clone()>{move || ctx.t().helix_optional}</label>
                <select id=helix_id class="ph-input"
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |item| item.helix = v.parse::<Helix>().ok())); }>
                    <option value="" selected=move || current().helix.is_none()>{move || ctx.t().any_helix}</option>
                    {Helix::ALL.iter().map(|h| { let h = *h; view! { <option value=h.slug() selected=move || current().helix == Some(h)>{move || h.label(ctx.lang.get())}</option> } }).collect_view()}
                </select>
            </div>
            <div class="ph-field ph-field--grow">
                <label class="ph-field__label" for=note_id.clone()>{move || ctx.t().note}</label>
                <input id=note_id class="ph-input" maxlength="280" prop:value=move || current().note
                    on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |item| item.note = v.clone())); } />
            </div>
            <button type="button" class="ph-button ph-button--ghost ph-need__remove"
                aria-label=move || format!("{} {}", ctx.t().remove, label())
                disabled=move || { needs.with(Vec::len) <= 1 }
                on:click=move |_| needs.update(|list| { if list.len() > 1 { list.remove(n); } })>
                {move || ctx.t().remove}
            </button>
            <FieldError id=error_id error=error />
        </div>
    }
}

#[component]
fn Sent(created: Created<Initiative>, on_again: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    let id = created.record.id.0;
    let link = manage_link("initiative", id, &created.manage_token);
    let copied = RwSignal::new(false);
    let pending = created.record.status == InitiativeStatus::Proposed;
    let copy = {
        let link = link.clone();
        move |_| {
            if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
                let _ = clipboard.write_text(&link);
                copied.set(true);
            }
        }
    };
    view! {
        <div class="ph-panel ph-panel--success" data-testid="sent">
            <h3 class="ph-section__title" tabindex="-1">{move || ctx.t().sent_heading}</h3>
            <Show when=move || pending>
                <p>{move || ctx.t().sent_pending}</p>
            </Show>
            <div class="ph-field">
                <label class="ph-field__label" for=ctx.id("manage-link")>{move || ctx.t().manage_link}</label>
                <p class="ph-field__hint">{move || ctx.t().manage_link_hint}</p>
                <div class="ph-search">
                    <input id=ctx.id("manage-link") class="ph-input" readonly=true data-testid="manage-link" prop:value=link.clone() />
                    <button type="button" class="ph-button" on:click=copy>{move || if copied.get() { ctx.t().copied } else { ctx.t().copy }}</button>
                </div>
            </div>
            <div class="ph-actions">
                <button type="button" class="ph-button" on:click=move |_| ctx.view.set(View::Initiative(id))>{move || ctx.t().view_it}</button>
                <button type="button" class="ph-button ph-button--ghost" on:click=move |_| on_again.run(())>{move || ctx.t().propose_another}</button>
            </div>
        </div>
    }
}
