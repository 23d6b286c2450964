//! The city official's view: enter the admin token, review the moderation queue (approve,
//! hide), verify organisations, set kecamatan flagship products and download the CSV exports.
//! Everything is limited by the server to the token's regions.

use leptos::prelude::*;
use pentahelix_core::api::endpoint::{
    Download, Empty, Export, Moderate, ModerationAction, Queue, SetFlagship, Verify,
};
use pentahelix_core::api::query::QueryPairs;
use pentahelix_core::api::{
    FlagshipInput, Initiative, InitiativeId, ModerationQueue, StakeholderId, Verification,
};
use pentahelix_core::{RegionCode, RegionLevel, Regions};

use crate::api::{ApiError, Call, query_string};
use crate::components::load::{LoadError, Skeletons, error_text};
use crate::config::View;
use crate::context::{Ctx, use_ctx};
use crate::storage;
use crate::views::abort_on_cleanup;

#[component]
pub fn Admin() -> impl IntoView {
    let ctx = use_ctx();
    let entered = RwSignal::new(String::new());
    view! {
        <section class="ph-section">
            <h3 class="ph-section__title">{move || ctx.t().admin_heading}</h3>
            {move || match ctx.admin_token.get() {
                None => view! {
                    <form class="ph-form" on:submit=move |ev| {
                        ev.prevent_default();
                        let token = entered.get_untracked().trim().to_owned();
                        if !token.is_empty() {
                            storage::save("admin-token", &token);
                            ctx.admin_token.set(Some(token));
                        }
                    }>
                        <div class="ph-field">
                            <label class="ph-field__label" for=ctx.id("admin-token")>{move || ctx.t().admin_token}</label>
                            <p class="ph-field__hint" id=ctx.id("admin-token-hint")>{move || ctx.t().admin_token_hint}</p>
                            <div class="ph-search">
                                <input id=ctx.id("admin-token") class="ph-input" type="password" autocomplete="off"
                                    aria-describedby=ctx.id("admin-token-hint")
                                    prop:value=move || entered.get() on:input=move |ev| entered.set(event_target_value(&ev)) />
                                <button type="submit" class="ph-button">{move || ctx.t().use_token}</button>
                            </div>
                        </div>
                    </form>
                }.into_any(),
                Some(token) => view! { <Console token=token /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Console(token: String) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(token);
    let reload = RwSignal::new(0u32);
    let queue = LocalResource::new(move || {
        reload.track();
        let token = token.get_value();
        let abort = abort_on_cleanup();
        async move {
            ctx.api()
                .call(
                    &Queue {},
                    Call::with_token(Some(&token)).abort_with(abort.as_ref()),
                )
                .await
        }
    });
    let moderate = Action::new_local(move |(id, action): &(i64, ModerationAction)| {
        let (id, action, token) = (*id, *action, token.get_value());
        async move {
            let moderation = Moderate {
                id: InitiativeId(id),
                action,
                empty: Empty {},
            };
            let result = ctx
                .api()
                .call(&moderation, Call::with_token(Some(&token)))
                .await;
            reload.try_update(|n| *n += 1);
            result
        }
    });
    let forget = move |_| {
        storage::remove("admin-token");
        ctx.admin_token.set(None);
    };
    view! {
        <div class="ph-actions">
            <button type="button" class="ph-button ph-button--ghost" on:click=forget>{move || ctx.t().forget_token}</button>
        </div>
        {move || moderate.value().get().and_then(Result::err).map(|e| view! { <p class="ph-notice ph-notice--error" role="alert">{error_text(&ctx, &e)}</p> })}
        {move || match queue.get() {
            None => view! { <Skeletons count=2 /> }.into_any(),
            Some(Err(e)) => view! { <LoadError error=e retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }.into_any(),
            Some(Ok(q)) => view! { <Queue queue=q moderate=moderate /> }.into_any(),
        }}
        <EmbedCode />
        <Verify token=token.get_value() />
        <Flagship token=token.get_value() />
        <Exports token=token.get_value() />
    }
}

/// A moderation action: its API slug and its button label.
type ModerationButton = (ModerationAction, fn(&Ctx) -> &'static str);

#[component]
fn Queue(
    queue: ModerationQueue,
    moderate: Action<(i64, ModerationAction), Result<Initiative, ApiError>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let row = move |i: Initiative, actions: Vec<ModerationButton>| {
        let id = i.id.0;
        view! {
            <li class="ph-pledge">
                <button type="button" class="ph-link" on:click=move |_| ctx.view.set(View::Initiative(id))>{i.title.clone()}</button>
                <div class="ph-actions">
                    {actions.into_iter().map(|(action, label)| view! {
                        <button type="button" class="ph-button ph-button--ghost" on:click=move |_| { moderate.dispatch((id, action)); }>{move || label(&ctx)}</button>
                    }).collect_view()}
                </div>
            </li>
        }
    };
    let empty = queue.proposed.is_empty() && queue.hidden.is_empty() && queue.reports.is_empty();
    view! {
        <section class="ph-panel" data-testid="queue">
            <Show when=move || empty>
                <p class="ph-muted">{move || ctx.t().nothing_to_review}</p>
            </Show>
            <h4 class="ph-subheading">{move || ctx.t().queue_proposed}</h4>
            <ul class="ph-pledges">{queue.proposed.into_iter().map(|i| row(i, vec![(ModerationAction::Approve, |c| c.t().approve), (ModerationAction::Hide, |c| c.t().hide)])).collect_view()}</ul>
            <h4 class="ph-subheading">{move || ctx.t().queue_hidden}</h4>
            <ul class="ph-pledges">{queue.hidden.into_iter().map(|i| row(i, vec![(ModerationAction::Approve, |c| c.t().approve)])).collect_view()}</ul>
            <h4 class="ph-subheading">{move || ctx.t().queue_reports}</h4>
            <ul class="ph-pledges">
                {queue.reports.into_iter().map(|r| view! {
                    <li class="ph-pledge">{format!("{} #{} — {}", r.target_kind.slug(), r.target_id, r.reason)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Verify(token: String) -> impl IntoView {
    let ctx = use_ctx();
    let id = RwSignal::new(String::new());
    let token = StoredValue::new(token);
    let verify = Action::new_local(move |(): &()| {
        let (target, token) = (
            id.get_untracked()
                .trim()
                .trim_start_matches('#')
                .parse::<i64>()
                .unwrap_or(0),
            token.get_value(),
        );
        let verify = Verify {
            id: StakeholderId(target),
            verification: Verification { verified: true },
        };
        async move {
            ctx.api()
                .call(&verify, Call::with_token(Some(&token)))
                .await
        }
    });
    view! {
        <section class="ph-panel">
            <h4 class="ph-subheading">{move || ctx.t().verify}</h4>
            <form class="ph-search" on:submit=move |ev| { ev.prevent_default(); verify.dispatch(()); }>
                <label class="ph-visually-hidden" for=ctx.id("verify-id")>{move || ctx.t().stakeholder_id}</label>
                <input id=ctx.id("verify-id") class="ph-input" inputmode="numeric" placeholder=move || ctx.t().stakeholder_id
                    prop:value=move || id.get() on:input=move |ev| id.set(event_target_value(&ev)) />
                <button type="submit" class="ph-button">{move || ctx.t().set_verified}</button>
            </form>
            <p role="status" aria-live="polite">
                {move || match verify.value().get() {
                    Some(Ok(s)) => Some(format!("{} — {}", s.name, ctx.t().verified)),
                    Some(Err(e)) => Some(error_text(&ctx, &e)),
                    None => None,
                }}
            </p>
        </section>
    }
}

#[component]
fn Flagship(token: String) -> impl IntoView {
    let ctx = use_ctx();
    let region = RwSignal::new(String::new());
    let product = RwSignal::new(String::new());
    let token = StoredValue::new(token);
    let save = Action::new_local(move |(): &()| {
        let (r, p, token) = (
            region.get_untracked(),
            product.get_untracked(),
            token.get_value(),
        );
        async move {
            let region = r.parse::<RegionCode>().map_err(|_| ApiError::Unreadable)?;
            let flagship = SetFlagship {
                region,
                input: FlagshipInput {
                    product: Some(p).filter(|p| !p.trim().is_empty()),
                },
            };
            ctx.api()
                .call(&flagship, Call::with_token(Some(&token)))
                .await
        }
    });
    let kecamatan: Vec<(String, String)> = Regions::builtin()
        .children(ctx.city())
        .filter(|r| r.level == RegionLevel::District)
        .map(|r| (r.code.to_string(), r.name))
        .collect();
    view! {
        <section class="ph-panel">
            <h4 class="ph-subheading">{move || ctx.t().flagship_set}</h4>
            <form class="ph-row" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("flag-region")>{move || ctx.t().kecamatan}</label>
                    <select id=ctx.id("flag-region") class="ph-input" on:change=move |ev| region.set(event_target_value(&ev))>
                        <option value="">{move || ctx.t().choose}</option>
                        {kecamatan.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="ph-field ph-field--grow">
                    <label class="ph-field__label" for=ctx.id("flag-product")>{move || ctx.t().product}</label>
                    <input id=ctx.id("flag-product") class="ph-input" maxlength="120" prop:value=move || product.get() on:input=move |ev| product.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="ph-button" disabled=move || { region.with(String::is_empty) }>{move || ctx.t().save}</button>
            </form>
            <p role="status" aria-live="polite">
                {move || match save.value().get() {
                    Some(Ok(())) => Some(ctx.t().saved.to_owned()),
                    Some(Err(e)) => Some(e.field_errors().values().next().cloned().unwrap_or_else(|| error_text(&ctx, &e))),
                    None => None,
                }}
            </p>
        </section>
    }
}

#[component]
fn Exports(token: String) -> impl IntoView {
    let ctx = use_ctx();
    let token = StoredValue::new(token);
    let fetch = Action::new_local(move |export: &Export| {
        let (export, token) = (*export, token.get_value());
        async move {
            ctx.api()
                .call(&Download { export }, Call::with_token(Some(&token)))
                .await
                .map(|csv| (export.file(), csv))
        }
    });
    view! {
        <section class="ph-panel">
            <h4 class="ph-subheading">{move || ctx.t().exports}</h4>
            <div class="ph-actions">
                <button type="button" class="ph-button ph-button--ghost" on:click=move |_| { fetch.dispatch(Export::Initiatives); }>{move || ctx.t().export_initiatives}</button>
                <button type="button" class="ph-button ph-button--ghost" on:click=move |_| { fetch.dispatch(Export::Stakeholders); }>{move || ctx.t().export_stakeholders}</button>
            </div>
            <p role="status" aria-live="polite">
                {move || match fetch.value().get() {
                    Some(Ok((file, csv))) => Some(view! {
                        <a class="ph-link" data-testid="csv-link" download=file href=format!("data:text/csv;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&csv)))>{file}</a>
                    }.into_any()),
                    Some(Err(e)) => Some(view! { <span>{error_text(&ctx, &e)}</span> }.into_any()),
                    None => None,
                }}
            </p>
        </section>
    }
}

/// The snippet an official pastes into the city's website, built from a few choices, with a
/// live preview (the iframe fallback with the same settings).
#[component]
fn EmbedCode() -> impl IntoView {
    let ctx = use_ctx();
    let city = ctx.city();
    let region = RwSignal::new(city.to_string());
    let first = RwSignal::new("initiatives".to_owned());
    let lang = RwSignal::new("id".to_owned());
    let colour = RwSignal::new("#0b6e4f".to_owned());
    let copied = RwSignal::new(false);
    let host = {
        let api = ctx.config.with_value(|c| c.api.clone());
        if api.is_empty() {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        } else {
            api
        }
    };
    let host = StoredValue::new(host);
    let snippet = move || {
        embed_snippet(
            &host.get_value(),
            &region.get(),
            &first.get(),
            &lang.get(),
            &colour.get(),
        )
    };
    let frame = move || {
        embed_frame_url(
            &host.get_value(),
            &region.get(),
            &first.get(),
            &lang.get(),
            &colour.get(),
        )
    };
    let areas: Vec<(String, String)> = std::iter::once((
        city.to_string(),
        Regions::builtin().name(city).unwrap_or_default().to_owned(),
    ))
    .chain(
        Regions::builtin()
            .children(city)
            .map(|r| (r.code.to_string(), r.name)),
    )
    .collect();
    let copy = move |_| {
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let _ = clipboard.write_text(&snippet());
            copied.set(true);
        }
    };
    view! {
        <section class="ph-panel" data-testid="embed-code">
            <h4 class="ph-subheading">{move || ctx.t().embed_heading}</h4>
            <p class="ph-muted">{move || ctx.t().embed_intro}</p>
            <div class="ph-row">
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("embed-region")>{move || ctx.t().area}</label>
                    <select id=ctx.id("embed-region") class="ph-input" on:change=move |ev| region.set(event_target_value(&ev))>
                        {areas.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("embed-view")>{move || ctx.t().embed_view}</label>
                    <select id=ctx.id("embed-view") class="ph-input" on:change=move |ev| first.set(event_target_value(&ev))>
                        <option value="initiatives">{move || ctx.t().tab_initiatives}</option>
                        <option value="propose">{move || ctx.t().tab_propose}</option>
                        <option value="partners">{move || ctx.t().tab_partners}</option>
                        <option value="dashboard">{move || ctx.t().tab_dashboard}</option>
                    </select>
                </div>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("embed-lang")>{move || ctx.t().embed_lang}</label>
                    <select id=ctx.id("embed-lang") class="ph-input" on:change=move |ev| lang.set(event_target_value(&ev))>
                        <option value="id">"Bahasa Indonesia"</option>
                        <option value="en">"English"</option>
                    </select>
                </div>
                <div class="ph-field">
                    <label class="ph-field__label" for=ctx.id("embed-colour")>{move || ctx.t().embed_colour}</label>
                    <input id=ctx.id("embed-colour") class="ph-input" type="color" prop:value=move || colour.get()
                        on:input=move |ev| colour.set(event_target_value(&ev)) />
                </div>
            </div>
            <div class="ph-field">
                <label class="ph-field__label" for=ctx.id("embed-snippet")>{move || ctx.t().embed_snippet}</label>
                <textarea id=ctx.id("embed-snippet") class="ph-input ph-input--multiline" rows="3" readonly=true data-testid="snippet"
                    prop:value=snippet></textarea>
            </div>
            <div class="ph-actions">
                <button type="button" class="ph-button" on:click=copy>{move || if copied.get() { ctx.t().copied } else { ctx.t().copy }}</button>
                <a class="ph-link" href=frame target="_blank" rel="noopener">{move || ctx.t().embed_frame}</a>
            </div>
            <p class="ph-field__label">{move || ctx.t().embed_preview}</p>
            <iframe class="ph-preview" data-testid="embed-preview" src=frame title=move || ctx.t().embed_preview></iframe>
        </section>
    }
}

/// The two lines a city site needs: the loader once, and the element with its attributes.
pub fn embed_snippet(host: &str, region: &str, view: &str, lang: &str, colour: &str) -> String {
    format!(
        "<script type=\"module\" src=\"{host}/embed.js\"></script>\n<pentahelix-widget region=\"{region}\" view=\"{view}\" lang=\"{lang}\" theme=\"{colour}\"></pentahelix-widget>"
    )
}

/// The iframe fallback's address with the same settings.
pub fn embed_frame_url(host: &str, region: &str, view: &str, lang: &str, colour: &str) -> String {
    struct Frame<'a>([(&'static str, &'a str); 4]);
    impl QueryPairs for Frame<'_> {
        fn each_pair(&self, each: &mut dyn FnMut(&'static str, &str)) {
            for (name, value) in self.0 {
                each(name, value);
            }
        }
    }
    let query = query_string(&Frame([
        ("region", region),
        ("view", view),
        ("lang", lang),
        ("theme", colour),
    ]));
    format!("{host}/embed/frame{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_carries_every_choice() {
        let snippet = embed_snippet(
            "https://ph.bandung.go.id",
            "32.73.02",
            "propose",
            "en",
            "#1f5fa8",
        );
        assert_eq!(
            snippet,
            "<script type=\"module\" src=\"https://ph.bandung.go.id/embed.js\"></script>\n\
             <pentahelix-widget region=\"32.73.02\" view=\"propose\" lang=\"en\" theme=\"#1f5fa8\"></pentahelix-widget>"
        );
        assert_eq!(
            embed_frame_url(
                "https://ph.bandung.go.id",
                "32.73",
                "dashboard",
                "id",
                "#0b6e4f"
            ),
            "https://ph.bandung.go.id/embed/frame?region=32.73&view=dashboard&lang=id&theme=%230b6e4f"
        );
    }
}
