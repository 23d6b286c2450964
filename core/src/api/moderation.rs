use chrono::{DateTime, Utc};

use super::{Initiative, InitiativeStatus};

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ReportTarget {
    Initiative,
    Stakeholder,
}

impl ReportTarget {
    pub fn slug(self) -> &'static str {
        match self {
            ReportTarget::Initiative => "initiative",
            ReportTarget::Stakeholder => "stakeholder",
        }
    }
}

/// `POST /api/v1/reports`: anyone may report abusive content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportInput {
    pub target: ReportTarget,
    #[serde(deserialize_with = "super::integer::deserialize")]
    pub id: i64,
    /// What is wrong, in the reporter's words.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportReceipt {
    /// True when this report hid the initiative pending review.
    pub hidden: bool,
}

/// A report of abusive content awaiting review.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportEntry {
    pub id: i64,
    pub target_kind: ReportTarget,
    pub target_id: i64,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/moderation/queue`: what awaits review in an admin's regions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationQueue {
    /// Waiting for approval (pre-moderation).
    pub proposed: Vec<Initiative>,
    /// Hidden by reports or by a moderator.
    pub hidden: Vec<Initiative>,
    pub reports: Vec<ReportEntry>,
    /// Notifications about records of these regions that could not be mailed after every
    /// retry, newest first: the owner was not told, so an official may want to call them.
    #[serde(default)]
    pub failed_notifications: Vec<FailedNotification>,
}

/// A notification given up after its retries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FailedNotification {
    pub id: i64,
    pub kind: super::NotificationKind,
    /// The pledge (pledge kinds) or initiative (initiative kinds) it was about.
    pub subject_id: i64,
    /// The initiative it concerned, when it still exists: whose people to contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiative_id: Option<i64>,
    pub attempts: i64,
    /// The mail server's last answer.
    pub last_error: String,
    pub failed_at: DateTime<Utc>,
}

/// `POST /api/v1/initiatives/{id}/status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub status: InitiativeStatus,
}

/// `POST /api/v1/moderation/stakeholders/{id}/verify`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    pub verified: bool,
}

/// `PUT /api/v1/moderation/flagships/{kecamatan}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlagshipInput {
    /// The kecamatan's flagship product; `null` or empty removes it.
    pub product: Option<String>,
}
