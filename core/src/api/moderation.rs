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

/// What kind of wrong a report names, so officials read it in their own language whatever the
/// reporter's.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    /// Advertising or content unrelated to the program.
    Spam,
    /// Insulting, hateful or threatening.
    Offensive,
    /// False or misleading.
    Misleading,
    /// Someone's personal data published without consent.
    PersonalData,
    #[default]
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 5] = [
        ReportReason::Spam,
        ReportReason::Offensive,
        ReportReason::Misleading,
        ReportReason::PersonalData,
        ReportReason::Other,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Offensive => "offensive",
            ReportReason::Misleading => "misleading",
            ReportReason::PersonalData => "personal_data",
            ReportReason::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ReportReason> {
        ReportReason::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

/// `POST /api/v1/reports`: anyone may report abusive content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportInput {
    pub target: ReportTarget,
    #[serde(deserialize_with = "super::integer::deserialize")]
    pub id: i64,
    #[serde(default)]
    pub category: ReportReason,
    /// What is wrong, in the reporter's words.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportReceipt {
    /// True when this report hid the initiative pending review.
    pub hidden: bool,
}

/// One open report on a queued record (reporters stay anonymous: officials see how many people
/// reported, not who).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportEntry {
    pub id: i64,
    pub category: ReportReason,
    /// The reporter's own words.
    pub reason: String,
    #[serde(deserialize_with = "super::dates::time")]
    pub created_at: DateTime<Utc>,
}

/// Why a record is in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum QueueKind {
    /// Waiting for approval (pre-moderation, or an approved text changed).
    Proposed,
    /// Public, with open reports.
    Reported,
    /// Hidden by reports, by an official or by a rejection.
    Hidden,
}

impl QueueKind {
    pub const ALL: [QueueKind; 3] = [QueueKind::Proposed, QueueKind::Reported, QueueKind::Hidden];

    pub fn slug(self) -> &'static str {
        match self {
            QueueKind::Proposed => "proposed",
            QueueKind::Reported => "reported",
            QueueKind::Hidden => "hidden",
        }
    }
}

/// A record waiting for an official, with its open reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub target: ReportTarget,
    pub id: i64,
    /// The initiative's title or the partner's name.
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "32.73.02"))]
    pub region: crate::RegionCode,
    pub kind: QueueKind,
    /// An initiative's status (partners have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InitiativeStatus>,
    /// How many different people reported it.
    pub reporters: u32,
    /// Oldest first.
    pub reports: Vec<ReportEntry>,
    /// When it entered the queue: the queue lists the longest waiting first.
    #[serde(deserialize_with = "super::dates::time")]
    pub since: DateTime<Utc>,
}

/// `GET /api/v1/moderation/queue`: what awaits review in an official's regions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationQueue {
    /// One page, the longest waiting first.
    pub items: Vec<QueueItem>,
    /// Pass back as `cursor` for the next page; absent on the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
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
    #[serde(deserialize_with = "super::dates::time")]
    pub failed_at: DateTime<Utc>,
}

/// What an official does with a queued record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ModerationAction {
    /// A proposed initiative becomes open; a hidden one gets back the status it had.
    Approve,
    /// A proposed initiative is hidden (it may be restored to review).
    Reject,
    Hide,
    /// A hidden initiative gets back the status it had.
    Restore,
    /// The reports were reviewed and the record stays as it is.
    Dismiss,
    Delete,
}

impl ModerationAction {
    pub const ALL: [ModerationAction; 6] = [
        ModerationAction::Approve,
        ModerationAction::Reject,
        ModerationAction::Hide,
        ModerationAction::Restore,
        ModerationAction::Dismiss,
        ModerationAction::Delete,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ModerationAction::Approve => "approve",
            ModerationAction::Reject => "reject",
            ModerationAction::Hide => "hide",
            ModerationAction::Restore => "restore",
            ModerationAction::Dismiss => "dismiss",
            ModerationAction::Delete => "delete",
        }
    }

    /// Taking something away from its owner needs a reason they can read.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            ModerationAction::Reject | ModerationAction::Hide | ModerationAction::Delete
        )
    }
}

/// The body of a moderation action: the reason sent to the record's owner.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    /// Required to reject, hide or delete; at most 1000 characters.
    #[serde(default)]
    pub reason: String,
}

/// What a moderation action left: the record as it is now, or nothing once deleted.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decided {
    /// The audit trail's entry of this action.
    pub audit_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiative: Option<Initiative>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stakeholder: Option<super::Stakeholder>,
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
