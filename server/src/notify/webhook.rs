//! Webhook deliveries for a city's own systems, as the Standard Webhooks specification has them
//! (<https://www.standardwebhooks.com>): a JSON body `{type, timestamp, data}` POSTed with
//! `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` and the base64 HMAC-SHA-256
//! of `id.timestamp.body` under the webhook's key), so any of the specification's libraries
//! verifies it. Bodies carry ids and public fields, never contacts.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::Utc;
use hmac::{Hmac, Mac};
use pentahelix_core::api::{AuditTarget, InitiativeId, InvitationId, NotificationKind, PledgeId};
use serde_json::{Value, json};
use sha2::Sha256;

use super::attempt::Delivered;
use crate::error::Error;
use crate::state::AppState;
use crate::store::OutboxItem;

/// The prefix the specification gives a key shown to people.
const SECRET_PREFIX: &str = "whsec_";

/// A new signing key, and the form its operator copies (`whsec_…`).
pub fn new_secret() -> Result<(Vec<u8>, String), Error> {
    let mut key = vec![0u8; 32];
    getrandom::fill(&mut key).map_err(|e| Error::Internal(format!("random key: {e}")))?;
    let shown = format!("{SECRET_PREFIX}{}", BASE64.encode(&key));
    Ok((key, shown))
}

/// The `webhook-signature` header of a delivery.
pub fn signature(key: &[u8], id: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()))
}

/// The event's `type`, as receivers dispatch on it.
pub fn event_type(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::PledgeOffered => "pledge.offered",
        NotificationKind::PledgeWithdrawn => "pledge.withdrawn",
        NotificationKind::PledgeAccepted => "pledge.accepted",
        NotificationKind::PledgeDeclined => "pledge.declined",
        NotificationKind::InitiativeApproved => "initiative.approved",
        NotificationKind::InitiativeHidden => "initiative.hidden",
        // Digests are mails to people; no webhook is sent one.
        NotificationKind::WeeklyDigest => "digest.weekly",
        NotificationKind::ModerationDigest => "digest.moderation",
        NotificationKind::OfficialDecision => "initiative.moderated",
        // Mailed to the official only.
        NotificationKind::OfficialInvited => "official.invited",
        NotificationKind::PartnerInvited => "partner.invited",
    }
}

/// The event's `data`: the records as they are now, public fields only; `None` when they are
/// gone.
async fn data(state: &AppState, item: &OutboxItem) -> Result<Option<Value>, Error> {
    let store = state.store();
    let mut decision = None;
    let mut invited = None;
    let (pledge, initiative) = match item.kind {
        NotificationKind::InitiativeApproved | NotificationKind::InitiativeHidden => {
            (None, InitiativeId(item.subject_id))
        }
        NotificationKind::OfficialDecision => match store.audit_entry(item.subject_id).await? {
            Some(entry) if entry.target == AuditTarget::Initiative => {
                let initiative = InitiativeId(entry.target_id);
                decision = Some(json!({
                    "action": entry.action.slug(),
                    "reason": entry.reason,
                }));
                (None, initiative)
            }
            _ => return Ok(None),
        },
        NotificationKind::PartnerInvited => {
            match store.invitation(InvitationId(item.subject_id)).await? {
                Some(invitation) => {
                    let initiative = invitation.initiative_id;
                    invited = Some(invitation);
                    (None, initiative)
                }
                None => return Ok(None),
            }
        }
        _ => match store.pledge(PledgeId(item.subject_id)).await? {
            Some(pledge) => {
                let initiative = pledge.initiative_id;
                (Some(pledge), initiative)
            }
            None => return Ok(None),
        },
    };
    let Some(initiative) = store.initiative(initiative).await? else {
        return Ok(None);
    };
    let mut data = json!({
        "initiative": {
            "id": initiative.id.0,
            "title": initiative.title,
            "region": initiative.region.to_string(),
            "status": initiative.status.slug(),
        }
    });
    if let Some(decision) = decision {
        data["decision"] = decision;
    }
    if let Some(invitation) = invited {
        data["invitation"] = json!({
            "id": invitation.id.0,
            "status": invitation.status.slug(),
            "stakeholder": {
                "id": invitation.stakeholder.id.0,
                "name": invitation.stakeholder.name,
                "helix": invitation.stakeholder.helix,
                "verified": invitation.stakeholder.verified,
            },
        });
    }
    if let Some(pledge) = pledge {
        data["pledge"] = json!({
            "id": pledge.id.0,
            "resource": pledge.resource,
            "status": pledge.status.slug(),
            "stakeholder": {
                "id": pledge.stakeholder.id.0,
                "name": pledge.stakeholder.name,
                "helix": pledge.stakeholder.helix,
                "verified": pledge.stakeholder.verified,
            },
        });
    }
    Ok(Some(data))
}

pub async fn deliver(
    state: &AppState,
    item: &OutboxItem,
    webhook: i64,
) -> Result<Delivered, Error> {
    let Some(target) = state.store().webhook_target(webhook).await? else {
        return Ok(Delivered::Dropped("the webhook was removed"));
    };
    let Some(data) = data(state, item).await? else {
        return Ok(Delivered::Dropped("the record was deleted"));
    };
    let now = Utc::now();
    let body = json!({
        "type": event_type(item.kind),
        "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "data": data,
    })
    .to_string();
    let id = format!("msg_{}", item.message_id);
    let timestamp = now.timestamp();
    let sent = state
        .delivery()
        .http
        .post(&target.url)
        .header("content-type", "application/json")
        .header("webhook-id", &id)
        .header("webhook-timestamp", timestamp.to_string())
        .header(
            "webhook-signature",
            signature(&target.secret, &id, timestamp, &body),
        )
        .body(body)
        .send()
        .await;
    Ok(match sent {
        Ok(response) if response.status().is_success() => Delivered::Sent,
        Ok(response) => Delivered::Failed(format!("the webhook answered {}", response.status())),
        Err(error) => Delivered::Failed(format!("the webhook could not be reached: {error}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The specification's own example: key, id, timestamp and body, and the signature it gives.
    #[test]
    fn signatures_match_the_specifications_example() {
        let key = BASE64.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            signature(&key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn new_secrets_are_shown_with_the_specifications_prefix() {
        let (key, shown) = new_secret().unwrap();
        assert_eq!(key.len(), 32);
        assert_eq!(
            BASE64
                .decode(shown.strip_prefix("whsec_").unwrap())
                .unwrap(),
            key
        );
    }
}
