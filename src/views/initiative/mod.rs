//! One initiative: what it is and needs, who supports it, who could help (with reasons and a
//! suggested team), "offer support", the owner's controls when this browser holds its manage
//! token, an official's actions when an official of its region is signed in, and an "add to
//! calendar" link.

mod invite;
mod manage;
mod matches;
mod offer;
mod overview;
mod pledges;
mod report;
mod share;

use manage::{OfficialEdit, OwnerControls};
use matches::Matches;
pub use matches::ScopeSelect;
use offer::Offer;
use overview::Overview;
use pledges::Pledges;
pub use pledges::pledge_status;
use report::Report;
use share::Share;

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{GetInitiative, InitiativePledges};
use pentahelix_core::api::officials::may;
use pentahelix_core::api::{InitiativeId, InitiativeStatus, OfficialRole, ReportTarget};

use crate::components::decision::{Done, OfficialActions, Subject};
use crate::components::load::{LoadError, Skeletons};
use crate::config::View;
use crate::context::use_ctx;
use crate::views::answer;

#[component]
pub fn InitiativeDetail(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let token = ctx.credentials().token("initiative", id);
    // An official signed in here opens the records of their regions, hidden ones too.
    let official = ctx
        .session
        .get_untracked()
        .filter(|s| !s.official.is_empty());
    // Without the initiative's own token, an official's session or this browser's partner
    // profile (if any) speaks for it: the other side of an accepted pledge may see the owner's
    // contact.
    let viewer_token = token
        .clone()
        .or_else(|| official.as_ref().map(|s| s.token.clone()))
        .or_else(|| {
            ctx.credentials()
                .my_stakeholders()
                .first()
                .and_then(|s| ctx.credentials().token("stakeholder", *s))
        });
    let official = StoredValue::new(official);
    let initiative = answer(viewer_token.clone(), move || GetInitiative {
        id: InitiativeId(id),
    });
    let pledges = answer(viewer_token, move || InitiativePledges {
        id: InitiativeId(id),
    });
    // Pledges are fetched again on their own after an offer, so offering support does not
    // rebuild the whole page (and the offer form keeps its confirmation).
    let refresh_pledges = Callback::new(move |()| pledges.refetch());
    let refresh = Callback::new(move |()| {
        initiative.refetch();
        pledges.refetch();
    });
    let is_owner = token.is_some();
    let token = StoredValue::new(token);
    let saved = RwSignal::new(false);

    view! {
        <section class="ph-section ph-detail">
            <button
                type="button"
                class="ph-link ph-back"
                on:click=move |_| ctx.view.set(View::Initiatives)
            >
                "← "
                {move || ctx.t().back}
            </button>
            {move || match initiative.get() {
                None => view! { <Skeletons count=1 /> }.into_any(),
                Some(Err(e)) => view! { <LoadError error=e retry=refresh /> }.into_any(),
                Some(Ok(i)) => {
                    let owned = i.clone();
                    let offered = i.clone();
                    let for_official = i.clone();
                    let grants = official
                        .with_value(|s| s.as_ref().map(|s| s.official.clone()))
                        .unwrap_or_default();
                    let moderates = may(&grants, OfficialRole::Moderator, i.region);
                    let manages = may(&grants, OfficialRole::Manager, i.region);
                    let official_token = official
                        .with_value(|s| s.as_ref().map(|s| s.token.clone()))
                        .unwrap_or_default();
                    let subject = Subject {
                        target: ReportTarget::Initiative,
                        id,
                        title: i.title.clone(),
                        status: Some(i.status),
                        reported: i.status == InitiativeStatus::Hidden,
                    };
                    view! {
                        <Show when=move || moderates>
                            <section class="ph-panel" data-testid="official-actions">
                                <h4 class="ph-subheading">{move || ctx.t().official_actions}</h4>
                                <OfficialEdit
                                    initiative=for_official.clone()
                                    token=official_token.clone()
                                    refresh=refresh
                                    saved=saved
                                />
                                <OfficialActions
                                    subject=subject.clone()
                                    manager=manages
                                    token=official_token.clone()
                                    on_done=Callback::new(move |done: Done| {
                                        if done.decided.initiative.is_none() {
                                            ctx.view.set(View::Admin);
                                        } else {
                                            refresh.run(());
                                        }
                                    })
                                />
                            </section>
                        </Show>
                        <Overview initiative=i.clone() />
                        <Share id=id title=i.title.clone() />
                        <Pledges
                            pledges=pledges
                            is_owner=is_owner
                            token=token.get_value()
                            refresh=refresh
                        />
                        <Show when=move || is_owner>
                            <OwnerControls
                                initiative=owned.clone()
                                token=token.get_value().unwrap_or_default()
                                refresh=refresh
                                saved=saved
                            />
                        </Show>
                        // The owner does not offer support to their own initiative.
                        <Show when=move || !is_owner>
                            <Offer initiative=offered.clone() refresh=refresh_pledges />
                        </Show>
                        <Matches
                            id=id
                            owner_token=token.get_value().filter(|_| i.status.is_live())
                        />
                        <Report id=id />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
