//! The moderation queue: each record waiting for an official, once, with its title (opening the
//! record), how many people reported it and why, in the reader's language, and the actions that
//! apply to it. Filtered by reason and kecamatan, a page at a time, the longest waiting first.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{GetStakeholder, Queue as QueueEndpoint};
use pentahelix_core::api::officials::may;
use pentahelix_core::api::query::QueueQuery;
use pentahelix_core::api::{
    AuditAction, FailedNotification, NotificationKind, OfficialRole, QueueItem, QueueKind,
    ReportEntry, ReportReason, ReportTarget, StakeholderId,
};
use pentahelix_core::words::fill;
use pentahelix_core::{RegionCode, RegionLevel};

use crate::api::{ApiError, Call};
use crate::components::decision::{Done, OfficialActions, Subject};
use crate::components::load::{Skeletons, error_text};
use crate::components::pages::{PageControls, Pages};
use crate::config::View;
use crate::context::{Ctx, use_ctx};
use crate::storage::Session;

use super::verify::ProfileLines;

const PAGE: u32 = 20;

#[component]
pub fn Queue(session: Session, decisions: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(session.token.clone());
    let grants = StoredValue::new(session.official.clone());
    let kind = RwSignal::new(None::<QueueKind>);
    let region = RwSignal::new(None::<RegionCode>);
    let failed = RwSignal::new(Vec::<FailedNotification>::new());
    let announce = RwSignal::new(String::new());
    let status = NodeRef::<leptos::html::P>::new();
    let items = Pages::new(move |cursor: Option<String>| {
        let first = cursor.is_none();
        let query = QueueQuery {
            kind: kind.get_untracked(),
            region: region.get_untracked(),
            cursor,
            limit: Some(PAGE),
        };
        let token = token.get_value();
        async move {
            let queue = ctx
                .api()
                .call(&QueueEndpoint { query }, Call::with_token(Some(&token)))
                .await?;
            if first {
                failed.try_set(queue.failed_notifications);
            }
            Ok((queue.items, queue.next_cursor))
        }
    });
    // A new filter starts the list again.
    Effect::new(move |_| {
        kind.track();
        region.track();
        items.reload();
    });
    // The session ended (signed out everywhere, or no longer an official): back to signing in,
    // as "Milik saya" does.
    Effect::new(move |_| {
        if items.error.with(|e| e.as_ref().and_then(ApiError::status)) == Some(401) {
            ctx.credentials().forget_session();
            ctx.session.set(None);
        }
    });
    let on_done = Callback::new(move |done: Done| {
        let verb = audit_verb(&ctx, AuditAction::from(done.action));
        announce.set(fill(
            ctx.t().decided,
            &[("action", verb), ("title", &done.title)],
        ));
        // The worked record leaves the list: the focus goes to what was done, not to nowhere.
        if let Some(status) = status.get_untracked() {
            let _ = status.focus();
        }
        items.reload();
        decisions.update(|n| *n += 1);
    });

    let kecamatan: Vec<(RegionCode, String)> = ctx
        .regions()
        .children(ctx.city())
        .filter(|r| r.level == RegionLevel::District)
        .map(|r| (r.code, r.name))
        .collect();

    view! {
        <section class="ph-panel" data-testid="queue">
            <h4 class="ph-subheading">{move || ctx.t().queue_heading}</h4>
            <div class="ph-row ph-filters">
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("queue-kind")>
                        {move || ctx.t().show}
                    </label>
                    <select
                        id=ctx.id("queue-kind")
                        class="ph-input"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            kind.set(QueueKind::ALL.into_iter().find(|k| k.slug() == value));
                        }
                    >
                        <option value="">{move || ctx.t().queue_waiting}</option>
                        {QueueKind::ALL
                            .into_iter()
                            .enumerate()
                            .map(|(n, k)| {
                                view! {
                                    <option value=k.slug()>{move || ctx.t().queue_kinds[n]}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("queue-region")>
                        {move || ctx.t().kecamatan}
                    </label>
                    <select
                        id=ctx.id("queue-region")
                        class="ph-input"
                        on:change=move |ev| region.set(event_target_value(&ev).parse().ok())
                    >
                        <option value="">{move || ctx.t().all_kecamatan}</option>
                        {kecamatan
                            .into_iter()
                            .map(|(code, name)| {
                                view! { <option value=code.to_string()>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <p
                class=move || {
                    if announce.with(String::is_empty) { "" } else { "ph-notice ph-notice--ok" }
                }
                role="status"
                tabindex="-1"
                node_ref=status
                data-testid="decided"
            >
                {move || announce.get()}
            </p>
            <Show when=move || !items.loaded.get() && items.error.with(Option::is_none)>
                <Skeletons count=2 />
            </Show>
            <Show when=move || items.loaded.get() && items.items.with(Vec::is_empty)>
                <p class="ph-muted" data-testid="queue-empty">
                    {move || ctx.t().nothing_to_review}
                </p>
            </Show>
            <ul class="ph-list ph-queue" aria-busy=move || items.busy().to_string()>
                <For
                    each=move || items.items.get()
                    key=|item| (item.target, item.id, item.kind, item.reporters)
                    let:item
                >
                    <QueueRow item=item grants=grants token=token on_done=on_done />
                </For>
            </ul>
            <PageControls pages=items />
            <Show when=move || failed.with(|f| !f.is_empty())>
                <h4 class="ph-subheading">{move || ctx.t().failed_mails}</h4>
                <ul class="ph-list" data-testid="failed-mails">
                    {move || {
                        failed
                            .get()
                            .into_iter()
                            .map(|failed| view! { <FailedRow failed=failed /> })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn QueueRow(
    item: QueueItem,
    grants: StoredValue<Vec<pentahelix_core::api::OfficialGrant>>,
    token: StoredValue<String>,
    on_done: Callback<Done>,
) -> impl IntoView {
    let ctx = use_ctx();
    let manager = grants.with_value(|g| may(g, OfficialRole::Manager, item.region));
    let subject = Subject {
        target: item.target,
        id: item.id,
        title: item.title.clone(),
        status: item.status,
        reported: item.reporters > 0,
    };
    let target_label = match item.target {
        ReportTarget::Initiative => 0,
        ReportTarget::Stakeholder => 1,
    };
    let kind = item.kind;
    let kind_label = QueueKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    let place = ctx
        .regions()
        .name(item.region)
        .map(str::to_owned)
        .unwrap_or_default();
    let (target, id) = (item.target, item.id);
    let reporters = item.reporters;
    let reports = item.reports.clone();
    view! {
        <li class="ph-queue__item" data-testid="queue-item">
            <div class="ph-queue__head">
                {match target {
                    ReportTarget::Initiative => {
                        view! {
                            <button
                                type="button"
                                class="ph-link ph-queue__title"
                                on:click=move |_| ctx.view.set(View::Initiative(id))
                            >
                                {item.title.clone()}
                            </button>
                        }
                            .into_any()
                    }
                    ReportTarget::Stakeholder => {
                        view! { <strong class="ph-queue__title">{item.title.clone()}</strong> }
                            .into_any()
                    }
                }} <span class="ph-badges">
                    <span class="ph-badge">{move || ctx.t().target_kinds[target_label]}</span>
                    <span class="ph-badge ph-badge--state">
                        {move || ctx.t().queue_kinds[kind_label]}
                    </span>
                    <span class="ph-muted">{place}</span>
                </span>
            </div>
            {(target == ReportTarget::Stakeholder)
                .then(|| view! { <PartnerProfile id=id token=token /> })}
            <Show when=move || { reporters > 0 }>
                <p class="ph-queue__count">
                    {move || {
                        if reporters == 1 {
                            ctx.t().reporter_one.to_owned()
                        } else {
                            fill(ctx.t().reporters, &[("n", &reporters.to_string())])
                        }
                    }}
                </p>
                <ul class="ph-queue__reports">
                    {reports
                        .clone()
                        .into_iter()
                        .map(|report| view! { <ReportLine report=report /> })
                        .collect_view()}
                </ul>
            </Show>
            <OfficialActions
                subject=subject
                manager=manager
                token=token.get_value()
                on_done=on_done
            />
        </li>
    }
}

/// A reported partner's profile, read when the official opens it: partners have no page of
/// their own in the widget.
#[component]
fn PartnerProfile(id: i64, token: StoredValue<String>) -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    let profile = LocalResource::new(move || {
        let wanted = open.get();
        let token = token.get_value();
        async move {
            if !wanted {
                return None;
            }
            let partner = GetStakeholder {
                id: StakeholderId(id),
            };
            Some(
                ctx.api()
                    .call(&partner, Call::with_token(Some(&token)))
                    .await,
            )
        }
    });
    view! {
        <details class="ph-candidate__profile" on:toggle=move |_| open.set(true)>
            <summary>{move || ctx.t().view_profile}</summary>
            {move || match profile.get().flatten() {
                None => ().into_any(),
                Some(Ok(partner)) => view! { <ProfileLines partner=partner /> }.into_any(),
                Some(Err(e)) => view! { <p role="alert">{error_text(&ctx, &e)}</p> }.into_any(),
            }}
        </details>
    }
}

#[component]
fn ReportLine(report: ReportEntry) -> impl IntoView {
    let ctx = use_ctx();
    let category = ReportReason::ALL
        .iter()
        .position(|r| *r == report.category)
        .unwrap_or(ReportReason::ALL.len() - 1);
    let words = report.reason.trim().to_owned();
    view! {
        <li>
            <strong>{move || ctx.t().report_categories[category]}</strong>
            <Show when={
                let words = words.clone();
                move || !words.is_empty()
            }>": " <q>{words.clone()}</q></Show>
        </li>
    }
}

#[component]
fn FailedRow(failed: FailedNotification) -> impl IntoView {
    let ctx = use_ctx();
    let initiative = failed.initiative_id;
    view! {
        <li class="ph-mine__row">
            <span>{move || failed_line(&ctx, &failed)}</span>
            {initiative
                .map(|id| {
                    view! {
                        <button
                            type="button"
                            class="ph-button ph-button--ghost"
                            on:click=move |_| ctx.view.set(View::Initiative(id))
                        >
                            {move || ctx.t().open_initiative}
                        </button>
                    }
                })}
        </li>
    }
}

/// The verb of an audit action in the reader's language ("menyembunyikan", "hid").
pub fn audit_verb(ctx: &Ctx, action: AuditAction) -> &'static str {
    let n = AuditAction::ALL
        .iter()
        .position(|a| *a == action)
        .unwrap_or(0);
    ctx.t().audit_actions[n]
}

fn failed_line(ctx: &Ctx, failed: &FailedNotification) -> String {
    let t = ctx.t();
    let kind = NotificationKind::SETTABLE
        .iter()
        .position(|k| *k == failed.kind)
        .map_or(failed.kind.slug(), |n| t.notification_kinds[n]);
    fill(
        t.failed_mail,
        &[
            ("kind", kind),
            ("attempts", &failed.attempts.to_string()),
            ("error", &failed.last_error),
        ],
    )
}
