//! Partners: register or edit my stakeholder profile (drafted like a proposal), then the
//! initiatives that need what I offer and the partners that complement me — both with reasons,
//! and a scope control — and my offers with their answers.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pentahelix_core::api::MatchScope;
use pentahelix_core::api::StakeholderId;
use pentahelix_core::api::endpoint::{
    CreateStakeholder, GetStakeholder, StakeholderMatchList, StakeholderPledges, UpdateStakeholder,
};
use pentahelix_core::api::query::MatchQuery;
use pentahelix_core::validate::Scope;
use pentahelix_core::{Helix, Regions, Resource, Subsector};

use crate::api::Call;
use crate::components::field::{FieldError, TextField, error_of};
use crate::components::load::{LoadError, Skeletons, error_text};
use crate::components::reasons::Reasons;
use crate::config::View;
use crate::context::use_ctx;
use crate::draft::ProfileDraft;
use crate::storage;
use crate::views::abort_on_cleanup;
use crate::views::initiative::{ScopeSelect, pledge_status};

const DRAFT_KEY: &str = "draft:profile";

#[component]
pub fn Partners() -> impl IntoView {
    let ctx = use_ctx();
    let mine = RwSignal::new(storage::my_stakeholders());
    let selected: RwSignal<Option<i64>> = RwSignal::new(mine.get_untracked().last().copied());
    view! {
        <section class="ph-section">
            <h3 class="ph-section__title">{move || ctx.t().partners_heading}</h3>
            <p class="ph-muted">{move || ctx.t().partners_intro}</p>
            {move || match selected.get() {
                Some(id) => view! { <Profile id=id mine=mine selected=selected /> }.into_any(),
                None => view! { <ProfileForm id=None on_saved=Callback::new(move |id: i64| { mine.set(storage::my_stakeholders()); selected.set(Some(id)); }) /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Profile(id: i64, mine: RwSignal<Vec<i64>>, selected: RwSignal<Option<i64>>) -> impl IntoView {
    let ctx = use_ctx();
    let token = storage::token("stakeholder", id).unwrap_or_default();
    let editing = RwSignal::new(false);
    let scope = RwSignal::new(MatchScope::City);
    let reload = RwSignal::new(0u32);
    let matches = LocalResource::new(move || {
        let scope = scope.get();
        reload.track();
        let abort = abort_on_cleanup();
        async move {
            let matches = StakeholderMatchList {
                id: StakeholderId(id),
                query: MatchQuery {
                    scope: Some(scope),
                    limit: None,
                },
            };
            ctx.api()
                .call(&matches, Call::abortable(abort.as_ref()))
                .await
        }
    });
    let pledges = LocalResource::new({
        let token = token.clone();
        move || {
            reload.track();
            let token = token.clone();
            let abort = abort_on_cleanup();
            async move {
                ctx.api()
                    .call(
                        &StakeholderPledges {
                            id: StakeholderId(id),
                        },
                        Call::with_token(Some(&token)).abort_with(abort.as_ref()),
                    )
                    .await
            }
        }
    });
    view! {
        <div class="ph-actions">
            <label class="ph-field__label" for=ctx.id("profile-pick")>{move || ctx.t().my_profile}</label>
            <select id=ctx.id("profile-pick") class="ph-input" on:change=move |ev| selected.set(event_target_value(&ev).parse().ok())>
                {move || mine.get().into_iter().map(|s| view! { <option value=s.to_string() selected=s == id>{storage::name("stakeholder", s).unwrap_or_else(|| format!("#{s}"))}</option> }).collect_view()}
            </select>
            <button type="button" class="ph-button ph-button--ghost" on:click=move |_| editing.update(|e| *e = !*e)>{move || ctx.t().save_profile}</button>
            <button type="button" class="ph-button ph-button--ghost" on:click=move |_| selected.set(None)>"+ " {move || ctx.t().register_profile}</button>
        </div>
        <Show when=move || editing.get()>
            <ProfileForm id=Some(id) on_saved=Callback::new(move |_| { editing.set(false); reload.update(|n| *n += 1); }) />
        </Show>
        <section class="ph-panel" aria-labelledby=ctx.id("opportunities")>
            <div class="ph-panel__head">
                <h4 class="ph-subheading" id=ctx.id("opportunities")>{move || ctx.t().opportunities}</h4>
                <ScopeSelect scope=scope />
            </div>
            {move || match matches.get() {
                None => view! { <Skeletons count=2 /> }.into_any(),
                Some(Err(e)) => view! { <LoadError error=e retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }.into_any(),
                Some(Ok(m)) => view! {
                    {if m.initiatives.is_empty() { Some(view! { <p class="ph-muted">{move || ctx.t().no_matches}</p> }) } else { None }}
                    <ol class="ph-matches" data-testid="opportunities">
                        {m.initiatives.into_iter().map(|i| {
                            let target = i.initiative_id.0;
                            view! {
                                <li class="ph-match">
                                    <p><button type="button" class="ph-link" on:click=move |_| ctx.view.set(View::Initiative(target))>{i.title.clone()}</button>
                                    {move || format!(" · {} {}", i.score, ctx.t().points)}</p>
                                    <Reasons reasons=i.reasons.clone() />
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <h4 class="ph-subheading">{move || ctx.t().complements}</h4>
                    {if m.partners.is_empty() { Some(view! { <p class="ph-muted">{move || ctx.t().no_matches}</p> }) } else { None }}
                    <ol class="ph-matches" data-testid="complements">
                        {m.partners.into_iter().map(|p| view! {
                            <li class="ph-match">
                                <p><strong>{p.stakeholder.name.clone()}</strong>{move || format!(" · {} · {} {}", p.stakeholder.helix.label(ctx.lang.get()), p.score, ctx.t().points)}</p>
                                <Reasons reasons=p.reasons.clone() />
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
        <section class="ph-panel" aria-labelledby=ctx.id("my-pledges")>
            <h4 class="ph-subheading" id=ctx.id("my-pledges")>{move || ctx.t().my_pledges}</h4>
            {move || match pledges.get() {
                None => view! { <Skeletons count=1 /> }.into_any(),
                Some(Err(e)) => view! { <LoadError error=e retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="ph-muted">{move || ctx.t().none_yet}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="ph-pledges">
                        {list.into_iter().map(|p| {
                            let target = p.initiative_id.0;
                            view! {
                                <li class="ph-pledge">
                                    <button type="button" class="ph-link" on:click=move |_| ctx.view.set(View::Initiative(target))>{format!("#{target}")}</button>
                                    {move || format!(" · {} · {}", p.resource.label(ctx.lang.get()), pledge_status(&ctx, p.status))}
                                    {p.counterpart_contact.clone().map(|c| view! { <p>{move || ctx.t().contact}": " {c.person.clone()} {c.email.clone().map(|e| format!(" · {e}"))} {c.phone.clone().map(|p| format!(" · {p}"))}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// Register (`id` None) or edit a profile. Registering drafts like the proposal form does.
#[component]
fn ProfileForm(id: Option<i64>, on_saved: Callback<i64>) -> impl IntoView {
    let ctx = use_ctx();
    let mut initial: ProfileDraft = if id.is_none() {
        storage::load(DRAFT_KEY).unwrap_or_default()
    } else {
        ProfileDraft::default()
    };
    if initial.idempotency_key.is_empty() {
        initial.idempotency_key = storage::new_key();
    }
    let name = RwSignal::new(initial.name.clone());
    let helix = RwSignal::new(initial.helix);
    let region = RwSignal::new(initial.region.clone());
    let subsectors = RwSignal::new(initial.subsectors.clone());
    let offers = RwSignal::new(initial.offers.clone());
    let description = RwSignal::new(initial.description.clone());
    let website = RwSignal::new(initial.website.clone());
    let person = RwSignal::new(initial.person.clone());
    let email = RwSignal::new(initial.email.clone());
    let phone = RwSignal::new(initial.phone.clone());
    let consent = RwSignal::new(initial.consent);
    let key = initial.idempotency_key.clone();

    // Editing starts from the stored profile (with its contact: this browser owns it).
    if let Some(id) = id {
        let token = storage::token("stakeholder", id);
        leptos::task::spawn_local(async move {
            let get = GetStakeholder {
                id: StakeholderId(id),
            };
            if let Ok(s) = ctx
                .api()
                .call(&get, Call::with_token(token.as_deref()))
                .await
            {
                let d = ProfileDraft::from_stakeholder(&s);
                name.try_set(d.name);
                helix.try_set(d.helix);
                region.try_set(d.region);
                subsectors.try_set(d.subsectors);
                offers.try_set(d.offers);
                description.try_set(d.description);
                website.try_set(d.website);
                person.try_set(d.person);
                email.try_set(d.email);
                phone.try_set(d.phone);
                consent.try_set(true);
            }
        });
    }

    let draft = move || ProfileDraft {
        name: name.get(),
        helix: helix.get(),
        region: region.get(),
        subsectors: subsectors.get(),
        offers: offers.get(),
        description: description.get(),
        website: website.get(),
        person: person.get(),
        email: email.get(),
        phone: phone.get(),
        consent: consent.get(),
        idempotency_key: key.clone(),
    };
    if id.is_none() {
        let draft = draft.clone();
        Effect::new(move |_| {
            storage::save(DRAFT_KEY, &draft());
        });
    }
    let errors: RwSignal<BTreeMap<String, String>> = RwSignal::new(BTreeMap::new());
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let city = ctx.city();
    let save = Action::new_local(move |(): &()| {
        let d = draft();
        let regions = Regions::builtin();
        let checked = d.to_input(&Scope {
            served: &[city],
            regions: &regions,
        });
        async move {
            let input = match checked {
                Ok(input) => input,
                Err(e) => {
                    errors.try_set(e.messages(ctx.lang.get_untracked()));
                    failure.try_set(Some(ctx.t().fix_fields.to_owned()));
                    return;
                }
            };
            errors.try_set(BTreeMap::new());
            failure.try_set(None);
            let result = match id {
                Some(id) => {
                    let token = storage::token("stakeholder", id).unwrap_or_default();
                    let update = UpdateStakeholder {
                        id: StakeholderId(id),
                        input,
                    };
                    ctx.api()
                        .call(&update, Call::with_token(Some(&token)))
                        .await
                        .map(|s| {
                            storage::save_name("stakeholder", s.id.0, &s.name);
                            s.id.0
                        })
                }
                None => ctx
                    .api()
                    .call(
                        &CreateStakeholder { input },
                        Call::default().idempotent(&d.idempotency_key),
                    )
                    .await
                    .map(|created| {
                        storage::save_token(
                            "stakeholder",
                            created.record.id.0,
                            &created.manage_token,
                        );
                        storage::save_name(
                            "stakeholder",
                            created.record.id.0,
                            &created.record.name,
                        );
                        storage::remove(DRAFT_KEY);
                        created.record.id.0
                    }),
            };
            match result {
                // The form may have been closed while saving; then nobody is waiting.
                Ok(saved) if errors.try_get_untracked().is_some() => on_saved.run(saved),
                Ok(_) => {}
                Err(e) => {
                    errors.try_set(e.field_errors());
                    failure.try_set(Some(error_text(&ctx, &e)));
                }
            }
        }
    });
    let err = move |field: &'static str| error_of(errors.into(), field);
    let fid = move |n: &str| ctx.id(&format!("s-{n}"));
    let areas: Vec<(String, String)> = Regions::builtin()
        .children(city)
        .map(|r| (r.code.to_string(), r.name))
        .collect();
    view! {
        <form class="ph-form" novalidate=true data-testid="profile-form" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <h4 class="ph-subheading">{move || if id.is_some() { ctx.t().my_profile } else { ctx.t().register_profile }}</h4>
            <TextField id=fid("name") label=Signal::derive(move || ctx.t().name) value=name error=err("name") maxlength=120 required=true />
            <fieldset class="ph-fieldset ph-fieldset--inner">
                <legend>{move || ctx.t().helix}</legend>
                <div class="ph-checks">
                    {Helix::ALL.iter().map(|h| { let h = *h; view! {
                        <label class="ph-check">
                            <input type="radio" name=fid("helix") prop:checked=move || helix.get() == Some(h) on:change=move |_| helix.set(Some(h)) />
                            {move || h.label(ctx.lang.get())}
                        </label>
                    } }).collect_view()}
                </div>
                <FieldError id=fid("helix-error") error=err("helix") />
            </fieldset>
            <div class="ph-field">
                <label class="ph-field__label" for=fid("region")>{move || ctx.t().area}</label>
                <select id=fid("region") class="ph-input" on:change=move |ev| region.set(event_target_value(&ev))>
                    <option value="" selected=move || region.get().is_empty()>{move || ctx.t().choose}</option>
                    <option value=city.to_string() selected=move || region.get() == city.to_string()>{move || ctx.t().whole_city}</option>
                    {areas.into_iter().map(|(code, n)| { let c = code.clone(); view! { <option value=code selected=move || region.get() == c>{n}</option> } }).collect_view()}
                </select>
                <FieldError id=fid("region-error") error=err("region") />
            </div>
            <fieldset class="ph-fieldset ph-fieldset--inner">
                <legend>{move || ctx.t().offers}</legend>
                <div class="ph-checks">
                    {Resource::ALL.iter().map(|r| { let r = *r; view! {
                        <label class="ph-check">
                            <input type="checkbox" prop:checked=move || offers.with(|l| l.contains(&r))
                                on:change=move |ev| offers.update(|l| if event_target_checked(&ev) { if !l.contains(&r) { l.push(r) } } else { l.retain(|x| *x != r) }) />
                            {move || r.label(ctx.lang.get())}
                        </label>
                    } }).collect_view()}
                </div>
                <FieldError id=fid("offers-error") error=err("offers") />
            </fieldset>
            <fieldset class="ph-fieldset ph-fieldset--inner">
                <legend>{move || ctx.t().subsectors}</legend>
                <div class="ph-checks">
                    {Subsector::ALL.iter().map(|s| { let s = *s; view! {
                        <label class="ph-check">
                            <input type="checkbox" prop:checked=move || subsectors.with(|l| l.contains(&s))
                                on:change=move |ev| subsectors.update(|l| if event_target_checked(&ev) { if !l.contains(&s) { l.push(s) } } else { l.retain(|x| *x != s) }) />
                            {move || s.label(ctx.lang.get())}
                        </label>
                    } }).collect_view()}
                </div>
                <FieldError id=fid("subsectors-error") error=err("subsectors") />
            </fieldset>
            <TextField id=fid("description") label=Signal::derive(move || ctx.t().description) value=description error=err("description") maxlength=5000 multiline=true required=true />
            <TextField id=fid("website") label=Signal::derive(move || ctx.t().website) value=website error=err("website") kind="url" maxlength=200 />
            <fieldset class="ph-fieldset ph-fieldset--inner">
                <legend>{move || ctx.t().contact_legend}</legend>
                <p class="ph-muted">{move || ctx.t().contact_hint}</p>
                <TextField id=fid("person") label=Signal::derive(move || ctx.t().person) value=person error=err("contact.person") maxlength=120 required=true />
                <div class="ph-row">
                    <TextField id=fid("email") label=Signal::derive(move || ctx.t().email) value=email error=err("contact.email") kind="email" maxlength=254 />
                    <TextField id=fid("phone") label=Signal::derive(move || ctx.t().phone) value=phone error=err("contact.phone") kind="tel" maxlength=20 />
                </div>
                <label class="ph-check ph-check--consent">
                    <input type="checkbox" prop:checked=move || consent.get() on:change=move |ev| consent.set(event_target_checked(&ev)) aria-describedby=fid("consent-error") />
                    {move || ctx.t().consent}
                </label>
                <FieldError id=fid("consent-error") error=err("contact_consent") />
            </fieldset>
            <button type="submit" class="ph-button" disabled=move || save.pending().get()>
                {move || if save.pending().get() { ctx.t().submitting } else { ctx.t().save_profile }}
            </button>
            <p role="status" aria-live="polite">{move || failure.get().map(|f| view! { <span class="ph-notice ph-notice--error">{f}</span> })}</p>
        </form>
    }
}
