//! A need of the proposal: what kind of support, from which helix, and a note.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pentahelix_core::{Helix, Resource};

use crate::components::field::{FieldError, error_of};
use crate::context::use_ctx;
use crate::draft::NeedDraft;

/// The most needs one initiative may list (the core's validation refuses more).
const MAX_NEEDS: usize = 10;

/// The proposal's needs: a row each, and a button to add one.
#[component]
pub fn Needs(
    needs: RwSignal<Vec<NeedDraft>>,
    errors: RwSignal<BTreeMap<String, String>>,
    /// The element id of the message about the list as a whole.
    error_id: String,
) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <fieldset class="ph-fieldset">
            <legend>{move || ctx.t().needs_legend}</legend>
            <FieldError id=error_id error=error_of(errors.into(), "needs") />
            // Keyed by position: a row's elements stay while it is edited (the focus stays in
            // the note being typed) and read their values from the list, so removing a row
            // shifts the ones below it up.
            <For each=move || 0..needs.with(Vec::len) key=|n| *n let:n>
                <NeedRow n=n needs=needs errors=errors />
            </For>
            <button
                type="button"
                class="ph-button ph-button--ghost"
                data-testid="add-need"
                disabled=move || { needs.with(Vec::len) >= MAX_NEEDS }
                on:click=move |_| { needs.update(|list| list.push(NeedDraft::default())) }
            >
                "+ "
                {move || ctx.t().add_need}
            </button>
        </fieldset>
    }
}

/// One row of the needs list. It shows whatever the list holds at position `n`, so the row
/// below a removed one takes its place without being rebuilt.
#[component]
pub fn NeedRow(
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
                <label class="ph-field__label" for=resource_id.clone()>
                    {move || ctx.t().resource}
                </label>
                <select
                    id=resource_id.clone()
                    class="ph-input"
                    aria-describedby=error_id.clone()
                    aria-invalid=move || error.get().is_some().to_string()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |item| item.resource = v.parse().ok()));
                    }
                >
                    <option value="" selected=move || current().resource.is_none()>
                        {move || ctx.t().choose}
                    </option>
                    {Resource::ALL
                        .iter()
                        .map(|r| {
                            let r = *r;
                            view! {
                                <option
                                    value=r.slug()
                                    selected=move || current().resource == Some(r)
                                >
                                    {move || r.label(ctx.lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="ph-field">
                <label class="ph-field__label" for=helix_id.clone()>
                    {move || ctx.t().helix_optional}
                </label>
                <select
                    id=helix_id
                    class="ph-input"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |item| item.helix = v.parse::<Helix>().ok()));
                    }
                >
                    <option value="" selected=move || current().helix.is_none()>
                        {move || ctx.t().any_helix}
                    </option>
                    {Helix::ALL
                        .iter()
                        .map(|h| {
                            let h = *h;
                            view! {
                                <option value=h.slug() selected=move || current().helix == Some(h)>
                                    {move || h.label(ctx.lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="ph-field ph-field--grow">
                <label class="ph-field__label" for=note_id.clone()>
                    {move || ctx.t().note}
                </label>
                <input
                    id=note_id
                    class="ph-input"
                    maxlength="280"
                    prop:value=move || current().note
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |item| item.note = v.clone()));
                    }
                />
            </div>
            <button
                type="button"
                class="ph-button ph-button--ghost ph-need__remove"
                aria-label=move || format!("{} {}", ctx.t().remove, label())
                disabled=move || { needs.with(Vec::len) <= 1 }
                on:click=move |_| {
                    needs
                        .update(|list| {
                            if list.len() > 1 {
                                list.remove(n);
                            }
                        })
                }
            >
                {move || ctx.t().remove}
            </button>
            <FieldError id=error_id error=error />
        </div>
    }
}
