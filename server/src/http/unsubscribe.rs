//! `/mail/unsubscribe?token=…`: the page an unsubscribe link opens, and the one-click
//! unsubscribe of RFC 8058. A GET only asks (mail scanners open links, and must not unsubscribe
//! anybody); the POST, from the page's button or from the mail program's own button, turns the
//! kind off. A page, not part of the JSON API: people open it.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use chrono::Utc;
use pentahelix_core::Lang;
use pentahelix_core::api::NotificationKind;
use pentahelix_core::words::{self, fill};

use crate::error::Error;
use crate::notify::letters::escape;
use crate::notify::unsubscribe;
use crate::state::AppState;

#[derive(Debug, serde::Deserialize)]
pub struct Link {
    #[serde(default)]
    token: String,
}

/// The address and kind, with the address's language, or the page for a broken link.
async fn verified(
    state: &AppState,
    link: &Link,
) -> Result<Result<(String, NotificationKind, Lang), (StatusCode, Html<String>)>, Error> {
    let Some((email, kind)) = unsubscribe::verify(state.mail_key(), &link.token) else {
        let mail = words::mail(Lang::default());
        return Ok(Err((
            StatusCode::BAD_REQUEST,
            page(
                Lang::default(),
                mail.unsubscribe_title,
                mail.unsubscribe_invalid,
                None,
            ),
        )));
    };
    let lang = state.store().mail_settings(&email).await?.lang;
    Ok(Ok((email, kind, lang)))
}

pub async fn ask(
    State(state): State<AppState>,
    Query(link): Query<Link>,
) -> Result<(StatusCode, Html<String>), Error> {
    let (_, kind, lang) = match verified(&state, &link).await? {
        Ok(found) => found,
        Err(broken) => return Ok(broken),
    };
    let mail = words::mail(lang);
    let question = fill(
        mail.unsubscribe_confirm,
        &[("kind", kind_words(lang, kind))],
    );
    let form = format!(
        "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" \
         value=\"One-Click\"><button type=\"submit\">{}</button></form>",
        escape(mail.unsubscribe_button)
    );
    Ok((
        StatusCode::OK,
        page(lang, mail.unsubscribe_title, &question, Some(&form)),
    ))
}

pub async fn confirm(
    State(state): State<AppState>,
    Query(link): Query<Link>,
) -> Result<(StatusCode, Html<String>), Error> {
    let (email, kind, lang) = match verified(&state, &link).await? {
        Ok(found) => found,
        Err(broken) => return Ok(broken),
    };
    let mut settings = state.store().mail_settings(&email).await?;
    if !settings.off.contains(&kind) {
        settings.off.push(kind);
    }
    settings.lang = lang;
    state
        .store()
        .put_mail_settings(&email, &settings, Utc::now())
        .await?;
    tracing::info!(kind = kind.slug(), "unsubscribed");
    let mail = words::mail(lang);
    let done = fill(mail.unsubscribed, &[("kind", kind_words(lang, kind))]);
    Ok((
        StatusCode::OK,
        page(lang, mail.unsubscribe_title, &done, None),
    ))
}

fn kind_words(lang: Lang, kind: NotificationKind) -> &'static str {
    let index = NotificationKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default();
    words::mail(lang).kinds[index]
}

fn page(lang: Lang, title: &str, text: &str, form: Option<&str>) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>body{{font-family:system-ui,sans-serif;line-height:1.5;\
         max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1f2933}}button{{font:inherit;\
         padding:.6em 1.2em;min-height:44px;background:#0b6e4f;color:#fff;border:0;\
         border-radius:6px;cursor:pointer}}</style></head><body><h1>{title}</h1><p>{text}</p>{}\
         </body></html>",
        lang.tag(),
        form.unwrap_or_default(),
        title = escape(title),
        text = escape(text),
    ))
}
