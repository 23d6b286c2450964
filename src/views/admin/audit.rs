//! The audit trail of the official's regions: who did what to which record, when and why,
//! newest first; filterable by action, and downloadable for the city's records.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{AuditTrail as AuditEndpoint, Download, Export};
use pentahelix_core::api::query::AuditQuery;
use pentahelix_core::api::{AuditAction, AuditEntry};
use pentahelix_core::words::fill;

use super::queue::audit_verb;
use crate::api::Call;
use crate::components::load::error_text;
use crate::components::pages::{PageControls, Pages};
use crate::context::use_ctx;
use crate::format::{date_time, local_offset_minutes};
use crate::storage::Session;

const PAGE: u32 = 20;

#[component]
pub fn AuditTrail(session: Session, decisions: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(session.token);
    let action = RwSignal::new(None::<AuditAction>);
    let entries = Pages::new(move |cursor| {
        let query = AuditQuery {
            action: action.get_untracked(),
            cursor,
            limit: Some(PAGE),
            ..AuditQuery::default()
        };
        let token = token.get_value();
        async move {
            let page = ctx
                .api()
                .call(&AuditEndpoint { query }, Call::with_token(Some(&token)))
                .await?;
            Ok((page.items, page.next_cursor))
        }
    });
    Effect::new(move |_| {
        action.track();
        decisions.track();
        entries.reload();
    });
    let download = Action::new_local(move |(): &()| {
        let token = token.get_value();
        async move {
            ctx.api()
                .call(
                    &Download {
                        export: Export::Audit,
                    },
                    Call::with_token(Some(&token)),
                )
                .await
        }
    });

    view! {
        <section class="ph-panel" data-testid="audit">
            <h4 class="ph-subheading">{move || ctx.t().audit_heading}</h4>
            <div class="ph-row ph-filters">
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("audit-action")>
                        {move || ctx.t().show}
                    </label>
                    <select
                        id=ctx.id("audit-action")
                        class="ph-input"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            action.set(AuditAction::from_slug(&value));
                        }
                    >
                        <option value="">{move || ctx.t().audit_all}</option>
                        {AuditAction::ALL
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <option value=a.slug()>{move || audit_verb(&ctx, a)}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button
                    type="button"
                    class="ph-button ph-button--ghost"
                    data-testid="audit-export"
                    disabled=move || download.pending().get()
                    on:click=move |_| {
                        download.dispatch(());
                    }
                >
                    {move || ctx.t().audit_export}
                </button>
            </div>
            <p role="status" aria-live="polite">
                {move || match download.value().get() {
                    Some(Ok(csv)) => {
                        Some(
                            view! {
                                <a
                                    class="ph-link"
                                    download="audit.csv"
                                    data-testid="audit-csv-link"
                                    href=format!(
                                        "data:text/csv;charset=utf-8,{}",
                                        js_sys::encode_uri_component(&format!("\u{feff}{csv}")),
                                    )
                                >
                                    "audit.csv"
                                </a>
                            }
                                .into_any(),
                        )
                    }
                    Some(Err(e)) => Some(error_text(&ctx, &e).into_any()),
                    None => None,
                }}
            </p>
            <Show when=move || entries.loaded.get() && entries.items.with(Vec::is_empty)>
                <p class="ph-muted">{move || ctx.t().audit_empty}</p>
            </Show>
            <ol class="ph-list ph-audit" aria-busy=move || entries.busy().to_string()>
                <For each=move || entries.items.get() key=|entry| entry.id let:entry>
                    <AuditLine entry=entry />
                </For>
            </ol>
            <PageControls pages=entries />
        </section>
    }
}

#[component]
fn AuditLine(entry: AuditEntry) -> impl IntoView {
    let ctx = use_ctx();
    let when = entry.at;
    let place = ctx
        .regions()
        .name(entry.region)
        .map(str::to_owned)
        .unwrap_or_default();
    let (actor, action, title) = (entry.actor.clone(), entry.action, entry.title.clone());
    let reason = entry.reason.clone();
    let fields = entry.changed_fields();
    let changed = move || {
        fields
            .iter()
            .map(|key| {
                ctx.t()
                    .audit_fields
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(key.as_str(), |(_, label)| label)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (has_reason, has_changes) = (!reason.is_empty(), !changed().is_empty());
    view! {
        <li class="ph-audit__entry" data-testid="audit-entry">
            <p>
                <time datetime=when
                    .to_rfc3339()>
                    {move || date_time(when, local_offset_minutes(), ctx.lang.get())}
                </time>
                " · "
                <span class="ph-muted">{place}</span>
            </p>
            <p>
                <strong>{actor}</strong>
                " "
                {move || audit_verb(&ctx, action)}
                " "
                <q>{title.clone()}</q>
            </p>
            <Show when=move || has_reason>
                <p class="ph-note">
                    {
                        let reason = reason.clone();
                        move || fill(ctx.t().audit_reason, &[("reason", &reason)])
                    }
                </p>
            </Show>
            <Show when=move || has_changes>
                <p class="ph-muted">
                    {
                        let changed = changed.clone();
                        move || fill(ctx.t().audit_changed, &[("fields", &changed())])
                    }
                </p>
            </Show>
        </li>
    }
}
