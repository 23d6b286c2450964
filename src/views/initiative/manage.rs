//! The owner's controls: edit, and the status changes the owner may make.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::ChangeStatus;
use pentahelix_core::api::{Initiative, InitiativeId, InitiativeStatus, StatusChange};

use crate::api::Call;
use crate::components::load::action_error;
use crate::context::{Ctx, use_ctx};
use crate::draft::ProposeDraft;
use crate::views::edit::OnDemandEdit;
use crate::views::propose::EditTarget;

/// An owner's status change and its button label.
type StatusButton = (InitiativeStatus, fn(&Ctx) -> &'static str);

#[component]
pub fn OwnerControls(
    initiative: Initiative,
    token: String,
    refresh: Callback<()>,
    /// Set once an edit is saved; it outlives this component, which the refresh rebuilds.
    saved: RwSignal<bool>,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = initiative.id.0;
    let current = initiative.status;
    let token = StoredValue::new(token);
    let change = Action::new_local(move |to: &InitiativeStatus| {
        let to = *to;
        let token = token.get_value();
        async move {
            let change = ChangeStatus {
                id: InitiativeId(id),
                change: StatusChange { status: to },
            };
            let result = ctx
                .api()
                .call(&change, Call::with_token(Some(&token)))
                .await;
            refresh.try_run(());
            result
        }
    });
    let options: Vec<StatusButton> = vec![
        (InitiativeStatus::Active, |c| c.t().start),
        (InitiativeStatus::Completed, |c| c.t().complete),
        (InitiativeStatus::Withdrawn, |c| c.t().withdraw),
    ];
    let editor = Editor::new(&initiative, token.get_value(), false, saved, refresh);
    view! {
        <section class="ph-panel" aria-labelledby=ctx.id("manage")>
            <h4 class="ph-subheading" id=ctx.id("manage")>
                {move || ctx.t().manage}
            </h4>
            {editor.form()}
            <div class="ph-actions">
                {editor.button("edit")}
                {options
                    .into_iter()
                    .filter(|(to, _)| current.owner_may_change_to(*to))
                    .map(|(to, label)| {
                        view! {
                            <button
                                type="button"
                                class="ph-button ph-button--ghost"
                                on:click=move |_| {
                                    change.dispatch(to);
                                }
                            >
                                {move || label(&ctx)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {action_error(change)}
        </section>
    }
}

/// An official's edit of someone else's initiative: the owner's form, with a reason the owner
/// is told by mail and the audit trail keeps.
#[component]
pub fn OfficialEdit(
    initiative: Initiative,
    token: String,
    refresh: Callback<()>,
    saved: RwSignal<bool>,
) -> impl IntoView {
    let editor = Editor::new(&initiative, token, true, saved, refresh);
    view! {
        {editor.button("official-edit")}
        {editor.form()}
    }
}

/// An edit form opened by a button, and "Changes saved" once it reached the server.
struct Editor {
    open: RwSignal<bool>,
    saved: RwSignal<bool>,
    target: EditTarget,
}

impl Editor {
    fn new(
        initiative: &Initiative,
        token: String,
        official: bool,
        saved: RwSignal<bool>,
        refresh: Callback<()>,
    ) -> Editor {
        let open = RwSignal::new(false);
        let target = EditTarget {
            id: initiative.id.0,
            token,
            initial: ProposeDraft::from_initiative(initiative),
            on_done: Callback::new(move |done: bool| {
                open.try_set(false);
                if done {
                    saved.try_set(true);
                    refresh.try_run(());
                }
            }),
            official,
        };
        Editor {
            open,
            saved,
            target,
        }
    }

    fn button(&self, test_id: &'static str) -> impl IntoView + use<> {
        let ctx = use_ctx();
        let (open, saved) = (self.open, self.saved);
        view! {
            <button
                type="button"
                class="ph-button ph-button--ghost"
                data-testid=test_id
                aria-expanded=move || open.get().to_string()
                on:click=move |_| {
                    saved.set(false);
                    open.update(|e| *e = !*e);
                }
            >
                {move || ctx.t().edit}
            </button>
        }
    }

    fn form(&self) -> impl IntoView + use<> {
        let (open, target) = (self.open, self.target.clone());
        view! {
            <Saved saved=self.saved />
            <Show when=move || open.get()>
                <OnDemandEdit target=target.clone() />
            </Show>
        }
    }
}

/// "Changes saved", once an edit has reached the server.
#[component]
fn Saved(saved: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div role="status">
            <Show when=move || saved.get()>
                <p class="ph-notice ph-notice--ok" data-testid="changes-saved">
                    {move || ctx.t().changes_saved}
                </p>
            </Show>
        </div>
    }
}
