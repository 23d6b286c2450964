//! The partner profile form: register a profile or edit one.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pentahelix_core::Helix;
use pentahelix_core::api::endpoint::{CreateStakeholder, GetStakeholder, UpdateStakeholder};
use pentahelix_core::api::{StakeholderId, StakeholderInput};
use pentahelix_core::validate::Scope;

use crate::api::{ApiError, Call};
use crate::components::choices::{ContactFields, ContactSignals, TaxonomyChecks};
use crate::components::field::{FieldError, FormFailure, TextField, checked, error_of};
use crate::components::load::error_text;
use crate::context::{Ctx, use_ctx};
use crate::creation::{self, Attempts, Creation};
use crate::draft::ProfileDraft;
use crate::storage;

use super::DRAFT_KEY;

/// Register (`id` None) or edit a profile. Registering drafts like the proposal form does.
#[component]
pub fn ProfileForm(
    id: Option<i64>,
    on_saved: Callback<i64>,
    /// Told when an edit cost the profile its verified badge, so the owner learns why.
    #[prop(optional)]
    on_unverified: Option<Callback<()>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let mut initial: ProfileDraft = if id.is_none() {
        storage::load(DRAFT_KEY).unwrap_or_default()
    } else {
        ProfileDraft::default()
    };
    if initial.idempotency_key.is_empty() {
        initial.idempotency_key = storage::new_key();
    }
    let name = RwSignal::new(initial.name.clone());
    let helix = RwSignal::new(initial.helix);
    let region = RwSignal::new(initial.region.clone());
    let subsectors = RwSignal::new(initial.subsectors.clone());
    let offers = RwSignal::new(initial.offers.clone());
    let description = RwSignal::new(initial.description.clone());
    let website = RwSignal::new(initial.website.clone());
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

    let was_verified = StoredValue::new(false);
    // Editing starts from the stored profile (with its contact: this browser owns it).
    if let Some(id) = id {
        let token = ctx.credentials().token("stakeholder", id);
        leptos::task::spawn_local(async move {
            let get = GetStakeholder {
                id: StakeholderId(id),
            };
            if let Ok(s) = ctx
                .api()
                .call(&get, Call::with_token(token.as_deref()))
                .await
            {
                was_verified.try_update_value(|v| *v = s.verified);
                let d = ProfileDraft::from_stakeholder(&s);
                name.try_set(d.name);
                helix.try_set(d.helix);
                region.try_set(d.region);
                subsectors.try_set(d.subsectors);
                offers.try_set(d.offers);
                description.try_set(d.description);
                website.try_set(d.website);
                person.try_set(d.person);
                email.try_set(d.email);
                phone.try_set(d.phone);
                consent.try_set(true);
            }
        });
    }

    let draft = move || ProfileDraft {
        name: name.get(),
        helix: helix.get(),
        region: region.get(),
        subsectors: subsectors.get(),
        offers: offers.get(),
        description: description.get(),
        website: website.get(),
        person: person.get(),
        email: email.get(),
        phone: phone.get(),
        consent: consent.get(),
        idempotency_key: key.get(),
        sent: sent.get(),
    };
    if id.is_none() {
        Effect::new(move |_| {
            storage::save(DRAFT_KEY, &draft());
        });
    }
    let errors: RwSignal<BTreeMap<String, String>> = RwSignal::new(BTreeMap::new());
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let city = ctx.city();
    let save = Action::new_local(move |(): &()| {
        let d = draft();
        let regions = ctx.regions();
        let checked_draft = d.to_input(&Scope {
            served: &[city],
            regions: &regions,
        });
        async move {
            let Some(input) = checked(ctx, checked_draft, errors, failure) else {
                return;
            };
            let result = match id {
                Some(id) => {
                    let token = ctx
                        .credentials()
                        .token("stakeholder", id)
                        .unwrap_or_default();
                    let update = UpdateStakeholder {
                        id: StakeholderId(id),
                        input,
                    };
                    ctx.api()
                        .call(&update, Call::with_token(Some(&token)))
                        .await
                        .map(|s| {
                            storage::save_name("stakeholder", s.id.0, &s.name);
                            if was_verified.try_get_value() == Some(true)
                                && !s.verified
                                && let Some(told) = on_unverified
                            {
                                told.try_run(());
                            }
                            s.id.0
                        })
                }
                None => create(ctx, input, Attempts { key, sent }).await,
            };
            match result {
                // The form may have been closed while saving; then nobody is waiting.
                Ok(saved) if errors.try_get_untracked().is_some() => on_saved.run(saved),
                Ok(_) => {}
                Err(e) => {
                    errors.try_set(e.field_errors());
                    failure.try_set(Some(error_text(&ctx, &e)));
                }
            }
        }
    });
    let err = move |field: &'static str| error_of(errors.into(), field);
    let fid = move |n: &str| ctx.id(&format!("s-{n}"));
    let areas: Vec<(String, String)> = ctx
        .regions()
        .children(city)
        .map(|r| (r.code.to_string(), r.name))
        .collect();
    view! {
        <form
            class="ph-form"
            novalidate=true
            data-testid="profile-form"
            on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(());
            }
        >
            <h4 class="ph-subheading">
                {move || if id.is_some() { ctx.t().my_profile } else { ctx.t().register_profile }}
            </h4>
            <TextField
                id=fid("name")
                label=Signal::derive(move || ctx.t().name)
                value=name
                error=err("name")
                maxlength=120
                required=true
            />
            <fieldset class="ph-fieldset ph-fieldset--inner">
                <legend>{move || ctx.t().helix}</legend>
                <div class="ph-checks">
                    {Helix::ALL
                        .iter()
                        .map(|h| {
                            let h = *h;
                            view! {
                                <label class="ph-check">
                                    <input
                                        type="radio"
                                        name=fid("helix")
                                        prop:checked=move || helix.get() == Some(h)
                                        on:change=move |_| helix.set(Some(h))
                                    />
                                    {move || h.label(ctx.lang.get())}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <FieldError id=fid("helix-error") error=err("helix") />
            </fieldset>
            <div class="ph-field">
                <label class="ph-field__label" for=fid("region")>
                    {move || ctx.t().area}
                </label>
                <select
                    id=fid("region")
                    class="ph-input"
                    on:change=move |ev| region.set(event_target_value(&ev))
                >
                    <option value="" selected=move || region.get().is_empty()>
                        {move || ctx.t().choose}
                    </option>
                    <option
                        value=city.to_string()
                        selected=move || region.get() == city.to_string()
                    >
                        {move || ctx.t().whole_city}
                    </option>
                    {areas
                        .into_iter()
                        .map(|(code, n)| {
                            let c = code.clone();
                            view! {
                                <option value=code selected=move || region.get() == c>
                                    {n}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldError id=fid("region-error") error=err("region") />
            </div>
            <TaxonomyChecks
                legend=Signal::derive(move || ctx.t().offers)
                selected=offers
                error_id=fid("offers-error")
                errors=errors
                field="offers"
            />
            <TaxonomyChecks
                legend=Signal::derive(move || ctx.t().subsectors)
                selected=subsectors
                error_id=fid("subsectors-error")
                errors=errors
                field="subsectors"
            />
            <TextField
                id=fid("description")
                label=Signal::derive(move || ctx.t().description)
                value=description
                error=err("description")
                maxlength=5000
                multiline=true
                required=true
            />
            <TextField
                id=fid("website")
                label=Signal::derive(move || ctx.t().website)
                value=website
                error=err("website")
                kind="url"
                maxlength=200
            />
            <ContactFields prefix="s" contact=contact errors=errors inner=true />
            <button type="submit" class="ph-button" disabled=move || save.pending().get()>
                {move || {
                    if save.pending().get() { ctx.t().submitting } else { ctx.t().save_profile }
                }}
            </button>
            <FormFailure failure=failure />
        </form>
    }
}

/// Registers the profile once, whatever became of an earlier attempt (see `creation`): a profile
/// made from an earlier text is brought up to date with the form's.
async fn create(ctx: Ctx, input: StakeholderInput, attempts: Attempts) -> Result<i64, ApiError> {
    let api = ctx.api();
    let now = CreateStakeholder { input };
    let Creation {
        answer: done,
        earlier,
    } = creation::create(&api, &now, attempts).await?;
    let id = done.record.id;
    ctx.credentials()
        .save_token("stakeholder", id.0, &done.manage_token);
    storage::remove(DRAFT_KEY);
    let mut name = done.record.name;
    if earlier {
        let update = UpdateStakeholder {
            id,
            input: now.input,
        };
        // Should this fail, the profile stands with the earlier text, and its form (which the
        // caller opens next) shows it as the server holds it.
        if let Ok(record) = api
            .call(&update, Call::with_token(Some(&done.manage_token)))
            .await
        {
            name = record.name;
        }
    }
    storage::save_name("stakeholder", id.0, &name);
    Ok(id.0)
}
