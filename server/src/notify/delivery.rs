//! The delivery worker: every server process runs one, and each claims one due notification at
//! a time from the outbox, sends it (a mail, or a webhook's POST), and records the outcome. A
//! claim lasts twice the send timeout, and a send is cut off at the timeout, so a claim never
//! runs out while its message is being sent (no second process sends it) and a process killed
//! mid-delivery delays its message by one claim at most (another process, or this one
//! restarted, sends it then).

use std::time::Duration;

use chrono::Utc;

use super::attempt::{Delivered, Pace};
use super::letters::{Composed, compose};
use super::webhook;
use crate::error::Error;
use crate::mail::Mailer;
use crate::state::AppState;
use crate::store::OutboxItem;

/// The longest wait between two attempts.
const RETRY_CAP: Duration = Duration::from_secs(6 * 3600);
/// How often the outbox is looked at when nothing woke the worker: rows written by other
/// processes, and retries that came due.
const POLL: Duration = Duration::from_secs(5);

/// Runs until the process ends.
pub async fn run(state: AppState) {
    let (pace, wake) = (state.delivery().pace, state.delivery().wake.clone());
    let poll = POLL.min(pace.retry_base);
    loop {
        match deliver_one(&state, pace).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(err) => tracing::warn!(%err, "the outbox could not be read"),
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(poll) => {}
        }
    }
}

/// Claims and sends one due notification (mails only with a mail server); whether there was
/// one.
pub async fn deliver_one(state: &AppState, pace: Pace) -> Result<bool, Error> {
    let now = Utc::now();
    let lease = chrono::Duration::from_std(pace.timeout * 2).unwrap_or(chrono::Duration::MAX);
    let mailer = state.mailer();
    let Some(item) = state
        .store()
        .claim_outbox(now, now + lease, 1, mailer.is_some())
        .await?
        .pop()
    else {
        return Ok(false);
    };
    let delivered = match (item.webhook, mailer) {
        (Some(webhook), _) => webhook::deliver(state, &item, webhook).await?,
        (None, Some(mailer)) => mail(state, mailer, &item, pace).await?,
        // Not claimed without a mailer (`claim_outbox(.., mails: false)`); should a mail row
        // come anyway, it waits for a process that has one.
        (None, None) => Delivered::Failed("no mail server".into()),
    };
    let outcome = match delivered {
        Delivered::Dropped(reason) => {
            tracing::info!(
                id = item.id,
                kind = item.kind.slug(),
                reason,
                "notification dropped"
            );
            return state
                .store()
                .outbox_done(item.id, Some(reason), Utc::now())
                .await
                .map(|()| true);
        }
        Delivered::Sent => Ok(()),
        Delivered::Failed(error) => Err(error),
    };
    record(state, &item, outcome, pace).await?;
    Ok(true)
}

async fn mail(
    state: &AppState,
    mailer: &Mailer,
    item: &OutboxItem,
    pace: Pace,
) -> Result<Delivered, Error> {
    Ok(match compose(state, item).await? {
        Composed::Dropped(reason) => Delivered::Dropped(reason),
        Composed::Letter(letter) => {
            match tokio::time::timeout(pace.timeout, mailer.send(&letter)).await {
                Ok(Ok(())) => Delivered::Sent,
                Ok(Err(error)) => Delivered::Failed(error),
                Err(_) => Delivered::Failed(format!(
                    "no answer from the mail server in {:?}",
                    pace.timeout
                )),
            }
        }
    })
}

async fn record(
    state: &AppState,
    item: &OutboxItem,
    outcome: Result<(), String>,
    pace: Pace,
) -> Result<(), Error> {
    let now = Utc::now();
    match outcome {
        Ok(()) => {
            tracing::info!(id = item.id, kind = item.kind.slug(), "notification sent");
            state.store().outbox_done(item.id, None, now).await
        }
        Err(error) => {
            let retry_at = (item.attempts < pace.max_attempts).then(|| {
                let wait = pace
                    .retry_base
                    .saturating_mul(1 << (item.attempts - 1).clamp(0, 20))
                    .min(RETRY_CAP);
                now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX)
            });
            tracing::warn!(
                id = item.id,
                kind = item.kind.slug(),
                attempts = item.attempts,
                gave_up = retry_at.is_none(),
                %error,
                "a notification could not be sent"
            );
            state
                .store()
                .outbox_failed(item.id, &error, retry_at, now)
                .await
        }
    }
}
