//! Which notifications an address gets by email, and in which language.

use leptos::prelude::*;
use pentahelix_core::Lang;
use pentahelix_core::api::endpoint::PutSettings;
use pentahelix_core::api::{NotificationKind, NotificationSettings};

use crate::api::Call;
use crate::components::load::error_text;
use crate::context::use_ctx;

#[component]
pub fn Settings(settings: NotificationSettings, token: StoredValue<String>) -> impl IntoView {
    let ctx = use_ctx();
    let off = RwSignal::new(settings.off.clone());
    let lang = RwSignal::new(settings.lang);
    let save = Action::new_local(move |wanted: &NotificationSettings| {
        let wanted = wanted.clone();
        let token = token.get_value();
        async move {
            ctx.api()
                .call(
                    &PutSettings { settings: wanted },
                    Call::with_token(Some(&token)),
                )
                .await
        }
    });
    let lang_id = ctx.id("mail-lang");
    view! {
        <form
            class="ph-form"
            data-testid="mail-settings"
            on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(NotificationSettings {
                    lang: lang.get_untracked(),
                    off: off.get_untracked(),
                });
            }
        >
            <fieldset class="ph-fieldset">
                <legend class="ph-subheading">{move || ctx.t().notifications}</legend>
                <p class="ph-field__hint">{move || ctx.t().notifications_hint}</p>
                <div class="ph-checks">
                    {NotificationKind::SETTABLE
                        .into_iter()
                        .enumerate()
                        .map(|(n, kind)| {
                            view! {
                                <label class="ph-check">
                                    <input
                                        type="checkbox"
                                        data-testid=format!("notify-{}", kind.slug())
                                        prop:checked=move || off.with(|off| !off.contains(&kind))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            off.update(|off| {
                                                off.retain(|k| *k != kind);
                                                if !on {
                                                    off.push(kind);
                                                }
                                            });
                                        }
                                    />
                                    <span>{move || ctx.t().notification_kinds[n]}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <div class="ph-field">
                    <label class="ph-field__label" for=lang_id.clone()>
                        {move || ctx.t().mail_language}
                    </label>
                    <select
                        id=lang_id.clone()
                        class="ph-input"
                        data-testid="mail-lang"
                        on:change=move |ev| {
                            if let Some(chosen) = Lang::from_tag(&event_target_value(&ev)) {
                                lang.set(chosen);
                            }
                        }
                    >
                        <option value="id" selected=move || { lang.get() == Lang::Id }>
                            "Bahasa Indonesia"
                        </option>
                        <option value="en" selected=move || { lang.get() == Lang::En }>
                            "English"
                        </option>
                    </select>
                </div>
            </fieldset>
            <div class="ph-actions">
                <button
                    type="submit"
                    class="ph-button"
                    data-testid="save-mail-settings"
                    disabled=move || save.pending().get()
                    aria-busy=move || save.pending().get().to_string()
                >
                    {move || ctx.t().save}
                </button>
            </div>
            {move || {
                save.value()
                    .get()
                    .map(|saved| match saved {
                        Ok(_) => {
                            view! {
                                <p
                                    class="ph-notice ph-notice--ok"
                                    role="status"
                                    data-testid="mail-settings-saved"
                                >
                                    {move || ctx.t().settings_saved}
                                </p>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <p class="ph-notice ph-notice--error" role="alert">
                                    {error_text(&ctx, &e)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </form>
    }
}
