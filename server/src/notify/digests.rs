//! The digests, composed when sent from the data as it is then: the weekly one tells a
//! stakeholder of the week's new initiatives in its city that need what it offers; the daily
//! one tells a region's admin what waits in its moderation queue. A digest with nothing to say
//! is not sent.

use chrono::{Duration, Utc};
use pentahelix_core::Lang;
use pentahelix_core::api::{InitiativeStatus, NotificationKind, StakeholderId};
use pentahelix_core::words::{self, fill};

use super::draft::Draft;
use crate::error::Error;
use crate::pagination::MAX_LIMIT;
use crate::state::AppState;
use crate::store::{InitiativeFilter, OutboxItem, PageRequest};

/// The newest initiatives of a filter: a digest reads at most a page.
const NEWEST: PageRequest = PageRequest {
    before: None,
    limit: MAX_LIMIT,
};

pub(super) async fn draft(
    state: &AppState,
    item: &OutboxItem,
    lang: Lang,
) -> Result<Option<Draft>, Error> {
    match item.kind {
        NotificationKind::WeeklyDigest => weekly(state, item, lang).await,
        _ => moderation(state, item, lang).await,
    }
}

async fn weekly(state: &AppState, item: &OutboxItem, lang: Lang) -> Result<Option<Draft>, Error> {
    let Some(stakeholder) = state
        .store()
        .stakeholder(StakeholderId(item.subject_id))
        .await?
    else {
        return Ok(None);
    };
    let city = stakeholder.region.city().unwrap_or(stakeholder.region);
    let since = Utc::now() - Duration::days(7);
    let filter = InitiativeFilter {
        areas: state.areas(Some(city)),
        ..InitiativeFilter::default()
    };
    let wanted: Vec<String> = state
        .store()
        .list_initiatives(&filter, NEWEST)
        .await?
        .into_iter()
        .filter(|i| i.created_at >= since)
        .filter(|i| {
            i.needs
                .iter()
                .any(|n| !n.fulfilled && stakeholder.offers.contains(n.resource))
        })
        .map(|i| format!("\u{2022} {}", i.title))
        .collect();
    if wanted.is_empty() {
        return Ok(None);
    }
    let notice = &words::mail(lang).weekly_digest;
    let n = wanted.len().to_string();
    let mut paragraphs = vec![fill(notice.body, &[("n", &n)])];
    paragraphs.push(wanted.join("\n"));
    Ok(Some(Draft {
        subject: fill(notice.subject, &[("n", &n)]),
        paragraphs,
        links: Vec::new(),
    }))
}

async fn moderation(
    state: &AppState,
    item: &OutboxItem,
    lang: Lang,
) -> Result<Option<Draft>, Error> {
    let tokens = state.store().admin_tokens().await?;
    let Some(token) = tokens.into_iter().find(|t| t.id == item.subject_id) else {
        return Ok(None);
    };
    let areas = state.administered(&token.regions);
    if areas.is_empty() {
        return Ok(None);
    }
    let count = |status: InitiativeStatus| {
        let filter = InitiativeFilter {
            areas: areas.clone(),
            statuses: vec![status],
            ..InitiativeFilter::default()
        };
        async move {
            state
                .store()
                .list_initiatives(&filter, NEWEST)
                .await
                .map(|page| page.len())
        }
    };
    let (proposed, hidden) = (
        count(InitiativeStatus::Proposed).await?,
        count(InitiativeStatus::Hidden).await?,
    );
    if proposed + hidden == 0 {
        return Ok(None);
    }
    let notice = &words::mail(lang).moderation_digest;
    let values = [
        ("proposed", proposed.to_string()),
        ("hidden", hidden.to_string()),
    ];
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(Some(Draft {
        subject: fill(notice.subject, &values),
        paragraphs: vec![fill(notice.body, &values)],
        links: Vec::new(),
    }))
}
