//! Verifying an organisation by name: find it as you type, read its profile before you confirm
//! (two partners may share a name), and undo a mark set by mistake. The badge then shows
//! wherever the partner appears.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{ListStakeholders, Verify as VerifyEndpoint};
use pentahelix_core::api::query::StakeholderQuery;
use pentahelix_core::api::{Stakeholder, StakeholderId, Verification};
use pentahelix_core::words::fill;

use crate::api::{ApiError, Call};
use crate::components::load::error_text;
use crate::context::use_ctx;
use crate::views::abort_on_cleanup;

/// Fewer letters match half the city.
const MIN_LETTERS: usize = 2;

#[component]
pub fn Verify(token: String, decisions: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(token);
    let text = RwSignal::new(String::new());
    // Bumped after a change, so the list shows the new marks.
    let version = RwSignal::new(0_u32);
    let found = LocalResource::new(move || {
        let q = text.get().trim().to_owned();
        version.track();
        let token = token.get_value();
        let abort = abort_on_cleanup();
        async move {
            if q.chars().count() < MIN_LETTERS {
                return Ok(None);
            }
            let query = StakeholderQuery {
                region: Some(ctx.city()),
                q: Some(q),
                limit: Some(8),
                ..StakeholderQuery::default()
            };
            ctx.api()
                .call(
                    &ListStakeholders { query },
                    Call::with_token(Some(&token)).abort_with(abort.as_ref()),
                )
                .await
                .map(|page| Some(page.items))
        }
    });
    let mark = Action::new_local(move |(id, verified): &(StakeholderId, bool)| {
        let (id, verified, token) = (*id, *verified, token.get_value());
        async move {
            let verify = VerifyEndpoint {
                id,
                verification: Verification { verified },
            };
            ctx.api()
                .call(&verify, Call::with_token(Some(&token)))
                .await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = mark.value().get() {
            version.update(|v| *v += 1);
            decisions.update(|n| *n += 1);
        }
    });
    let search_id = ctx.id("verify-search");
    let hint_id = ctx.id("verify-hint");

    view! {
        <section class="ph-panel" data-testid="verify">
            <h4 class="ph-subheading">{move || ctx.t().verify}</h4>
            <div class="ph-field">
                <label class="ph-field__label" for=search_id.clone()>
                    {move || ctx.t().verify_search}
                </label>
                <p class="ph-field__hint" id=hint_id.clone()>
                    {move || ctx.t().verify_hint}
                </p>
                <input
                    id=search_id
                    class="ph-input"
                    type="search"
                    autocomplete="off"
                    aria-describedby=hint_id
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
            </div>
            <p role="status" aria-live="polite" data-testid="verify-status">
                {move || {
                    mark.value()
                        .get()
                        .map(|result| match result {
                            Ok(s) => {
                                let words = if s.verified {
                                    ctx.t().verified_done
                                } else {
                                    ctx.t().unverified_done
                                };
                                let (id, verified) = (s.id, s.verified);
                                view! {
                                    {fill(words, &[("name", &s.name)])}
                                    " "
                                    <button
                                        type="button"
                                        class="ph-link"
                                        data-testid="verify-undo"
                                        on:click=move |_| {
                                            mark.dispatch((id, !verified));
                                        }
                                    >
                                        {move || ctx.t().undo}
                                    </button>
                                }
                                    .into_any()
                            }
                            Err(e) => error_text(&ctx, &e).into_any(),
                        })
                }}
            </p>
            <Transition fallback=|| ()>
                {move || {
                    found
                        .get()
                        .map(|result| match result {
                            Ok(None) => ().into_any(),
                            Ok(Some(list)) if list.is_empty() => {
                                view! {
                                    <p class="ph-muted">{move || ctx.t().no_partners_found}</p>
                                }
                                    .into_any()
                            }
                            Ok(Some(list)) => {
                                view! {
                                    <ul class="ph-list" data-testid="verify-results">
                                        {list
                                            .into_iter()
                                            .map(|s| view! { <Candidate partner=s mark=mark /> })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(ApiError::Aborted) => ().into_any(),
                            Err(e) => {
                                view! { <p role="alert">{error_text(&ctx, &e)}</p> }.into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Candidate(
    partner: Stakeholder,
    mark: Action<(StakeholderId, bool), Result<Stakeholder, ApiError>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let (id, verified, helix) = (partner.id, partner.verified, partner.helix);
    let place = ctx
        .regions()
        .name(partner.region)
        .map(str::to_owned)
        .unwrap_or_default();
    view! {
        <li class="ph-candidate" data-testid="verify-candidate">
            <div class="ph-queue__head">
                <strong>{partner.name.clone()}</strong>
                <span class="ph-badges">
                    <span class="ph-badge">{move || helix.label(ctx.lang.get())}</span>
                    <Show when=move || verified>
                        <span class="ph-badge ph-badge--verified">{move || ctx.t().verified}</span>
                    </Show>
                    <span class="ph-muted">{place}</span>
                </span>
            </div>
            <details class="ph-candidate__profile">
                <summary>{move || ctx.t().view_profile}</summary>
                <ProfileLines partner=partner.clone() />
            </details>
            <button
                type="button"
                class="ph-button ph-button--ghost"
                data-testid=if verified { "unverify" } else { "mark-verified" }
                disabled=move || mark.pending().get()
                on:click=move |_| {
                    mark.dispatch((id, !verified));
                }
            >
                {move || if verified { ctx.t().unverify } else { ctx.t().set_verified }}
            </button>
        </li>
    }
}

/// What an official reads of a partner before deciding about it: what it says it is, where it
/// is on the web, and who answers for it.
#[component]
pub fn ProfileLines(partner: Stakeholder) -> impl IntoView {
    let contact = partner.contact.clone().map(|c| {
        [Some(c.person), c.email, c.phone]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    });
    view! {
        <p>{partner.description.clone()}</p>
        {partner.website.clone().map(|site| view! { <p class="ph-muted">{site}</p> })}
        {contact.map(|line| view! { <p class="ph-muted">{line}</p> })}
    }
}
