//! The parts the proposal form and the partner profile form ask alike: a set of taxonomy terms
//! to tick, and how to reach the person. One definition keeps both forms labelled, described and
//! validated the same way.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pentahelix_core::RegionCode;
use pentahelix_core::taxonomy::Taxonomy;

use crate::components::field::{FieldError, TextField, error_of};
use crate::context::use_ctx;

/// A fieldset of checkboxes, one per term of `T`, kept in `selected` in the order ticked.
/// `field` names the request field, so its error shows under the boxes.
#[component]
pub fn TaxonomyChecks<T>(
    #[prop(into)] legend: Signal<&'static str>,
    selected: RwSignal<Vec<T>>,
    #[prop(into)] error_id: String,
    errors: RwSignal<BTreeMap<String, String>>,
    field: &'static str,
) -> impl IntoView
where
    T: Taxonomy + Send + Sync,
{
    let ctx = use_ctx();
    let toggle = move |term: T, on: bool| {
        selected.update(|list| {
            if !on {
                list.retain(|x| *x != term);
            } else if !list.contains(&term) {
                list.push(term);
            }
        });
    };
    let described = error_id.clone();
    view! {
        <fieldset class="ph-fieldset ph-fieldset--inner" aria-describedby=described>
            <legend>{move || legend.get()}</legend>
            <div class="ph-checks">
                {T::ALL
                    .iter()
                    .map(|term| {
                        let term = *term;
                        view! {
                            <label class="ph-check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || selected.with(|list| list.contains(&term))
                                    on:change=move |ev| toggle(term, event_target_checked(&ev))
                                />
                                {move || term.label(ctx.lang.get())}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <FieldError id=error_id error=error_of(errors.into(), field) />
        </fieldset>
    }
}

/// A required choice of one kecamatan of `city`, kept as its code in `value`; its error is the
/// request's `region` field.
#[component]
pub fn KecamatanSelect(
    #[prop(into)] id: String,
    city: RegionCode,
    value: RwSignal<String>,
    errors: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let error = error_of(errors.into(), "region");
    let error_id = format!("{id}-error");
    let kecamatan: Vec<(String, String)> = ctx
        .regions()
        .children(city)
        .map(|r| (r.code.to_string(), r.name))
        .collect();
    view! {
        <div class="ph-field">
            <label class="ph-field__label" for=id.clone()>
                {move || ctx.t().kecamatan}
            </label>
            <select
                id=id
                class="ph-input"
                required=true
                aria-invalid=move || { error.get().is_some().to_string() }
                aria-describedby=error_id.clone()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" selected=move || value.get().is_empty()>
                    {move || ctx.t().choose}
                </option>
                {kecamatan
                    .into_iter()
                    .map(|(code, name)| {
                        let selected = {
                            let code = code.clone();
                            move || value.get() == code
                        };
                        view! {
                            <option value=code selected=selected>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldError id=error_id error=error />
        </div>
    }
}

/// The values of [`ContactFields`].
#[derive(Clone, Copy)]
pub struct ContactSignals {
    pub person: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub consent: RwSignal<bool>,
}

/// Who to contact, and the consent to store and share it. Field ids are `<prefix>-person` and so
/// on, unique per form.
#[component]
pub fn ContactFields(
    prefix: &'static str,
    contact: ContactSignals,
    errors: RwSignal<BTreeMap<String, String>>,
    #[prop(optional)] inner: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = move |name: &str| ctx.id(&format!("{prefix}-{name}"));
    let err = move |field: &'static str| error_of(errors.into(), field);
    let class = if inner {
        "ph-fieldset ph-fieldset--inner"
    } else {
        "ph-fieldset"
    };
    view! {
        <fieldset class=class>
            <legend>{move || ctx.t().contact_legend}</legend>
            <p class="ph-muted">{move || ctx.t().contact_hint}</p>
            <TextField
                id=id("person")
                label=Signal::derive(move || ctx.t().person)
                value=contact.person
                error=err("contact.person")
                maxlength=120
                required=true
            />
            <div class="ph-row">
                <TextField
                    id=id("email")
                    label=Signal::derive(move || ctx.t().email)
                    value=contact.email
                    error=err("contact.email")
                    kind="email"
                    maxlength=254
                />
                <TextField
                    id=id("phone")
                    label=Signal::derive(move || ctx.t().phone)
                    value=contact.phone
                    error=err("contact.phone")
                    kind="tel"
                    maxlength=20
                />
            </div>
            <label class="ph-check ph-check--consent">
                <input
                    type="checkbox"
                    id=id("consent")
                    prop:checked=move || contact.consent.get()
                    aria-describedby=id("consent-error")
                    aria-invalid=move || { err("contact_consent").get().is_some().to_string() }
                    on:change=move |ev| contact.consent.set(event_target_checked(&ev))
                />
                {move || ctx.t().consent}
            </label>
            <FieldError id=id("consent-error") error=err("contact_consent") />
        </fieldset>
    }
}
