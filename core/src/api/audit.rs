//! The audit trail: every action of an official, kept append-only so a city can account for
//! what its officials did to citizens' records.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ModerationAction;
use crate::RegionCode;

/// What an official did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Approve,
    Reject,
    Hide,
    Restore,
    /// Reviewed the reports on a record and left it as it was.
    Dismiss,
    Delete,
    Edit,
    Verify,
    Unverify,
    /// Set or removed a kecamatan's flagship product.
    Flagship,
}

impl AuditAction {
    pub const ALL: [AuditAction; 10] = [
        AuditAction::Approve,
        AuditAction::Reject,
        AuditAction::Hide,
        AuditAction::Restore,
        AuditAction::Dismiss,
        AuditAction::Delete,
        AuditAction::Edit,
        AuditAction::Verify,
        AuditAction::Unverify,
        AuditAction::Flagship,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            AuditAction::Approve => "approve",
            AuditAction::Reject => "reject",
            AuditAction::Hide => "hide",
            AuditAction::Restore => "restore",
            AuditAction::Dismiss => "dismiss",
            AuditAction::Delete => "delete",
            AuditAction::Edit => "edit",
            AuditAction::Verify => "verify",
            AuditAction::Unverify => "unverify",
            AuditAction::Flagship => "flagship",
        }
    }

    pub fn from_slug(slug: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.slug() == slug)
    }
}

impl From<ModerationAction> for AuditAction {
    fn from(action: ModerationAction) -> AuditAction {
        match action {
            ModerationAction::Approve => AuditAction::Approve,
            ModerationAction::Reject => AuditAction::Reject,
            ModerationAction::Hide => AuditAction::Hide,
            ModerationAction::Restore => AuditAction::Restore,
            ModerationAction::Dismiss => AuditAction::Dismiss,
            ModerationAction::Delete => AuditAction::Delete,
        }
    }
}

/// What an action was done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum AuditTarget {
    Initiative,
    Stakeholder,
    /// A kecamatan (its flagship product).
    Kecamatan,
}

impl AuditTarget {
    pub fn slug(self) -> &'static str {
        match self {
            AuditTarget::Initiative => "initiative",
            AuditTarget::Stakeholder => "stakeholder",
            AuditTarget::Kecamatan => "kecamatan",
        }
    }

    pub fn from_slug(slug: &str) -> Option<AuditTarget> {
        [
            AuditTarget::Initiative,
            AuditTarget::Stakeholder,
            AuditTarget::Kecamatan,
        ]
        .into_iter()
        .find(|t| t.slug() == slug)
    }
}

/// One official action. Entries are never changed or deleted, by any API call or by the
/// database itself (its triggers refuse).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    #[serde(deserialize_with = "super::dates::time")]
    pub at: DateTime<Utc>,
    /// The official's address, or `token: LABEL` for an automation's admin token.
    pub actor: String,
    pub action: AuditAction,
    pub target: AuditTarget,
    /// The record's id (for a kecamatan, its packed code).
    pub target_id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "32.73.02"))]
    pub region: RegionCode,
    /// The record's title or name when the action was taken (a deleted record keeps it here).
    pub title: String,
    /// The public fields before and after (never contacts: those leave with the record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
    /// Why, as the official wrote it; sent to the record's owner.
    pub reason: String,
}

impl AuditEntry {
    /// The fields whose value the action changed, in the order the record lists them; not the
    /// bookkeeping every change moves (`updated_at`, counts).
    pub fn changed_fields(&self) -> Vec<String> {
        const BOOKKEEPING: [&str; 3] = ["updated_at", "created_at", "pledge_count"];
        let (Some(serde_json::Value::Object(before)), Some(serde_json::Value::Object(after))) =
            (&self.before, &self.after)
        else {
            return Vec::new();
        };
        after
            .iter()
            .filter(|(key, _)| !BOOKKEEPING.contains(&key.as_str()))
            .filter(|(key, value)| before.get(*key) != Some(value))
            .map(|(key, _)| key.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_names_the_fields_people_changed_not_the_bookkeeping() {
        let entry = AuditEntry {
            id: 1,
            at: chrono::DateTime::UNIX_EPOCH,
            actor: "petugas@bandung.go.id".into(),
            action: AuditAction::Edit,
            target: AuditTarget::Initiative,
            target_id: 7,
            region: "32.73.02".parse().unwrap(),
            title: "Festival Kopi".into(),
            before: Some(serde_json::json!({
                "title": "Festival Kopi", "description": "a", "updated_at": "2026-11-01"
            })),
            after: Some(serde_json::json!({
                "title": "Festival Kopi", "description": "b", "updated_at": "2026-12-01"
            })),
            reason: String::new(),
        };
        assert_eq!(entry.changed_fields(), ["description"]);
    }
}
