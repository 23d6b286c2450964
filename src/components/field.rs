//! Form fields with their label, hint and error wired for screen readers: the input names the
//! hint and the error in `aria-describedby`, and is `aria-invalid` while the error shows.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pentahelix_core::validate::ValidationErrors;

use crate::context::Ctx;

/// A form's draft checked by the core's validation before it is sent: the field errors and the
/// form's message when it fails, both cleared when it passes.
pub fn checked<T>(
    ctx: Ctx,
    result: Result<T, ValidationErrors>,
    errors: RwSignal<BTreeMap<String, String>>,
    failure: RwSignal<Option<String>>,
) -> Option<T> {
    match result {
        Ok(input) => {
            errors.try_set(BTreeMap::new());
            failure.try_set(None);
            Some(input)
        }
        Err(e) => {
            errors.try_set(e.messages(ctx.lang.get_untracked()));
            failure.try_set(Some(ctx.t().fix_fields.to_owned()));
            None
        }
    }
}

/// The message for `field`, if any: the form's errors live in one map keyed like the API's.
pub fn error_of(
    errors: Signal<BTreeMap<String, String>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.get(field).cloned()))
}

/// Ids unique within one widget instance: several instances may share a page.
pub fn field_id(prefix: &str, field: &str) -> String {
    format!("{prefix}-{}", field.replace(['.', '[', ']'], "-"))
}

/// The error line under a field. `role="alert"` makes a screen reader say it when it appears.
#[component]
pub fn FieldError(
    #[prop(into)] id: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <Show when=move || error.get().is_some()>
            <p class="ph-field__error" id=id.clone() role="alert">
                {move || error.get()}
            </p>
        </Show>
    }
}

/// A labelled text input bound to `value`.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] required: bool,
    /// The keyboard a phone shows (`numeric` for a code).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// What the browser may fill in (`email`, `one-time-code`).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                class="ph-input ph-input--multiline"
                rows="5"
                maxlength=maxlength
                required=required
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                class="ph-input"
                type=kind
                inputmode=inputmode
                autocomplete=autocomplete
                maxlength=maxlength
                required=required
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="ph-field">
            <label class="ph-field__label" for=id.clone()>
                {move || label.get()}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <p class="ph-field__hint" id=hint_id.clone()>
                            {move || hint.get()}
                        </p>
                    }
                })}
            {input}
            <FieldError id=error_id error=error />
        </div>
    }
}

/// What went wrong with a form's last submission, where screen readers hear it.
#[component]
pub fn FormFailure(failure: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p role="status" aria-live="polite">
            {move || {
                failure
                    .get()
                    .map(|f| {
                        view! {
                            <span class="ph-notice ph-notice--error" data-testid="form-error">
                                {f}
                            </span>
                        }
                    })
            }}
        </p>
    }
}
