//! The moderation queue: proposals waiting for approval, hidden initiatives, reports, and the
//! notifications that could not be mailed.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::ModerationAction;
use pentahelix_core::api::{FailedNotification, Initiative, ModerationQueue, NotificationKind};
use pentahelix_core::words::fill;

use crate::api::ApiError;
use crate::config::View;
use crate::context::{Ctx, use_ctx};

/// A moderation action: its API slug and its button label.
type ModerationButton = (ModerationAction, fn(&Ctx) -> &'static str);

#[component]
pub fn Queue(
    queue: ModerationQueue,
    moderate: Action<(i64, ModerationAction), Result<Initiative, ApiError>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let row = move |i: Initiative, actions: Vec<ModerationButton>| {
        let id = i.id.0;
        view! {
            <li class="ph-pledge">
                <button
                    type="button"
                    class="ph-link"
                    on:click=move |_| ctx.view.set(View::Initiative(id))
                >
                    {i.title.clone()}
                </button>
                <div class="ph-actions">
                    {actions
                        .into_iter()
                        .map(|(action, label)| {
                            view! {
                                <button
                                    type="button"
                                    class="ph-button ph-button--ghost"
                                    on:click=move |_| {
                                        moderate.dispatch((id, action));
                                    }
                                >
                                    {move || label(&ctx)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </li>
        }
    };
    let no_failures = queue.failed_notifications.is_empty();
    let empty = queue.proposed.is_empty()
        && queue.hidden.is_empty()
        && queue.reports.is_empty()
        && no_failures;
    view! {
        <section class="ph-panel" data-testid="queue">
            <Show when=move || empty>
                <p class="ph-muted">{move || ctx.t().nothing_to_review}</p>
            </Show>
            <h4 class="ph-subheading">{move || ctx.t().queue_proposed}</h4>
            <ul class="ph-pledges">
                {queue
                    .proposed
                    .into_iter()
                    .map(|i| row(
                        i,
                        vec![
                            (ModerationAction::Approve, |c| c.t().approve),
                            (ModerationAction::Hide, |c| c.t().hide),
                        ],
                    ))
                    .collect_view()}
            </ul>
            <h4 class="ph-subheading">{move || ctx.t().queue_hidden}</h4>
            <ul class="ph-pledges">
                {queue
                    .hidden
                    .into_iter()
                    .map(|i| row(i, vec![(ModerationAction::Approve, |c| c.t().approve)]))
                    .collect_view()}
            </ul>
            <h4 class="ph-subheading">{move || ctx.t().queue_reports}</h4>
            <ul class="ph-pledges">
                {queue
                    .reports
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li class="ph-pledge">
                                {format!(
                                    "{} #{} — {}",
                                    r.target_kind.slug(),
                                    r.target_id,
                                    r.reason,
                                )}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <Show when=move || !no_failures>
                <h4 class="ph-subheading">{move || ctx.t().failed_mails}</h4>
            </Show>
            <ul class="ph-pledges" data-testid="failed-mails">
                {queue
                    .failed_notifications
                    .into_iter()
                    .map(|failed| {
                        let initiative = failed.initiative_id;
                        view! {
                            <li class="ph-pledge">
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
                    })
                    .collect_view()}
            </ul>
        </section>
    }
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
