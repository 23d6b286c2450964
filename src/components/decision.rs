//! An official's decision on a record: the actions that apply to it as it is, and the reason
//! that goes to its owner. Shown in the moderation queue and on a record's own page.

use leptos::html;
use leptos::prelude::*;
use pentahelix_core::api::endpoint::{Moderate, ModerateStakeholder};
use pentahelix_core::api::{
    Decided, Decision, InitiativeId, InitiativeStatus, ModerationAction, ReportTarget,
    StakeholderId,
};

use crate::api::{ApiError, Call};
use crate::components::load::error_text;
use crate::context::{Ctx, use_ctx};

/// The record a decision is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub target: ReportTarget,
    pub id: i64,
    pub title: String,
    /// An initiative's status; partners have none.
    pub status: Option<InitiativeStatus>,
    /// Whether it has reports no official reviewed yet.
    pub reported: bool,
}

/// What the server accepts for the record as it is, in the order the buttons show; deleting
/// only for managers.
pub fn actions_for(subject: &Subject, manager: bool) -> Vec<ModerationAction> {
    use InitiativeStatus::{Active, Completed, Hidden, Open, Proposed, Withdrawn};
    let mut actions = match (subject.target, subject.status) {
        (ReportTarget::Initiative, Some(Proposed)) => {
            vec![ModerationAction::Approve, ModerationAction::Reject]
        }
        (ReportTarget::Initiative, Some(Hidden)) if subject.reported => {
            vec![ModerationAction::Restore, ModerationAction::Hide]
        }
        (ReportTarget::Initiative, Some(Hidden)) => vec![ModerationAction::Restore],
        (ReportTarget::Initiative, Some(Open | Active | Completed)) if subject.reported => {
            vec![ModerationAction::Hide, ModerationAction::Dismiss]
        }
        (ReportTarget::Initiative, Some(Open | Active | Completed)) => {
            vec![ModerationAction::Hide]
        }
        (ReportTarget::Initiative, Some(Withdrawn) | None) => Vec::new(),
        (ReportTarget::Stakeholder, _) if subject.reported => vec![ModerationAction::Dismiss],
        (ReportTarget::Stakeholder, _) => Vec::new(),
    };
    if manager {
        actions.push(ModerationAction::Delete);
    }
    actions
}

/// A decision that went through.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub action: ModerationAction,
    /// The record's title when the official decided.
    pub title: String,
    pub decided: Decided,
}

/// The button's words; hiding what is already hidden keeps it so.
pub fn action_label(ctx: &Ctx, action: ModerationAction, subject: &Subject) -> &'static str {
    let t = ctx.t();
    match action {
        ModerationAction::Approve => t.approve,
        ModerationAction::Reject => t.reject,
        ModerationAction::Hide if subject.status == Some(InitiativeStatus::Hidden) => t.keep_hidden,
        ModerationAction::Hide => t.hide,
        ModerationAction::Restore => t.restore,
        ModerationAction::Dismiss => t.dismiss,
        ModerationAction::Delete => t.delete,
    }
}

/// The action buttons of one record, and the reason form of the one chosen. `on_done` hears of
/// each decision that went through.
#[component]
pub fn OfficialActions(
    subject: Subject,
    manager: bool,
    token: String,
    on_done: Callback<Done>,
) -> impl IntoView {
    let ctx = use_ctx();
    let chosen = RwSignal::new(None::<ModerationAction>);
    let reason = RwSignal::new(String::new());
    let field = NodeRef::<html::Textarea>::new();
    let token = StoredValue::new(token);
    let (target, id) = (subject.target, subject.id);
    let done_title = StoredValue::new(subject.title.clone());
    let decide = Action::new_local(move |action: &ModerationAction| {
        let action = *action;
        let decision = Decision {
            reason: reason.get_untracked(),
        };
        let token = token.get_value();
        async move {
            let call = Call::with_token(Some(&token));
            let result = match target {
                ReportTarget::Initiative => {
                    let moderate = Moderate {
                        id: InitiativeId(id),
                        action,
                        decision,
                    };
                    ctx.api().call(&moderate, call).await
                }
                ReportTarget::Stakeholder => {
                    let moderate = ModerateStakeholder {
                        id: StakeholderId(id),
                        action,
                        decision,
                    };
                    ctx.api().call(&moderate, call).await
                }
            };
            result.map(|decided| (action, decided))
        }
    });
    Effect::new(move |_| {
        if let Some(Ok((action, decided))) = decide.value().get() {
            chosen.set(None);
            reason.set(String::new());
            on_done.run(Done {
                action,
                title: done_title.get_value(),
                decided,
            });
        }
    });
    let choose = move |action: ModerationAction| {
        decide.value().set(None);
        chosen.set(Some(action));
        // The reason field takes the focus, so a keyboard or screen-reader user is where the
        // next step is.
        request_animation_frame(move || {
            if let Some(field) = field.get_untracked() {
                let _ = field.focus();
            }
        });
    };
    let form_id = ctx.id(&format!("decide-{}-{id}", target.slug()));
    let hint_id = format!("{form_id}-hint");
    let error: Signal<Option<String>> = Signal::derive(move || {
        decide
            .value()
            .get()
            .and_then(Result::err)
            .map(|e: ApiError| {
                e.field_errors()
                    .get("reason")
                    .cloned()
                    .unwrap_or_else(|| error_text(&ctx, &e))
            })
    });
    let actions = actions_for(&subject, manager);
    let label_subject = StoredValue::new(subject.clone());
    let title = subject.title.clone();

    view! {
        <div class="ph-decide">
            <div class="ph-actions">
                {actions
                    .into_iter()
                    .map(|action| {
                        let danger = action == ModerationAction::Delete;
                        view! {
                            <button
                                type="button"
                                class="ph-button ph-button--ghost"
                                class:ph-button--danger=danger
                                data-testid=format!("decide-{}", action.slug())
                                aria-expanded=move || {
                                    (chosen.get() == Some(action)).to_string()
                                }
                                aria-controls=form_id.clone()
                                on:click=move |_| choose(action)
                            >
                                {move || action_label(&ctx, action, &label_subject.get_value())}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                chosen
                    .get()
                    .map(|action| {
                        let required = action.needs_reason();
                        let hint = if required {
                            ctx.t().reason_required_hint
                        } else {
                            ctx.t().reason_optional_hint
                        };
                        let title = title.clone();
                        view! {
                            <form
                                class="ph-form ph-decide__form"
                                id=form_id.clone()
                                on:submit=move |ev| {
                                    ev.prevent_default();
                                    decide.dispatch(action);
                                }
                            >
                                <div class="ph-field">
                                    <label class="ph-field__label" for=format!("{form_id}-reason")>
                                        {move || ctx.t().reason_for_owner}
                                        " — "
                                        <q>{title.clone()}</q>
                                    </label>
                                    <p class="ph-field__hint" id=hint_id.clone()>
                                        {hint}
                                    </p>
                                    <textarea
                                        node_ref=field
                                        id=format!("{form_id}-reason")
                                        class="ph-input"
                                        rows="3"
                                        maxlength="1000"
                                        required=required
                                        aria-describedby=hint_id.clone()
                                        aria-invalid=move || error.get().is_some().to_string()
                                        prop:value=move || reason.get()
                                        on:input=move |ev| reason.set(event_target_value(&ev))
                                    ></textarea>
                                    {move || {
                                        error
                                            .get()
                                            .map(|text| {
                                                view! {
                                                    <p class="ph-field__error" role="alert">
                                                        {text}
                                                    </p>
                                                }
                                            })
                                    }}
                                </div>
                                <div class="ph-actions">
                                    <button
                                        type="submit"
                                        class="ph-button"
                                        class:ph-button--danger=action == ModerationAction::Delete
                                        data-testid="confirm-decision"
                                        disabled=move || decide.pending().get()
                                    >
                                        {move || action_label(&ctx, action, &label_subject.get_value())}
                                    </button>
                                    <button
                                        type="button"
                                        class="ph-button ph-button--ghost"
                                        on:click=move |_| chosen.set(None)
                                    >
                                        {move || ctx.t().cancel}
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(target: ReportTarget, status: Option<InitiativeStatus>, reported: bool) -> Subject {
        Subject {
            target,
            id: 1,
            title: String::new(),
            status,
            reported,
        }
    }

    #[test]
    fn each_record_offers_what_the_server_accepts_for_it() {
        use ModerationAction::*;
        let initiative =
            |status, reported| subject(ReportTarget::Initiative, Some(status), reported);
        assert_eq!(
            actions_for(&initiative(InitiativeStatus::Proposed, false), false),
            [Approve, Reject]
        );
        assert_eq!(
            actions_for(&initiative(InitiativeStatus::Open, true), true),
            [Hide, Dismiss, Delete]
        );
        assert_eq!(
            actions_for(&initiative(InitiativeStatus::Hidden, true), false),
            [Restore, Hide]
        );
        assert_eq!(
            actions_for(&subject(ReportTarget::Stakeholder, None, true), false),
            [Dismiss]
        );
        assert!(actions_for(&initiative(InitiativeStatus::Withdrawn, false), false).is_empty());
    }
}
