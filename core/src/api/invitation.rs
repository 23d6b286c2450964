//! An initiative's owner asking a suggested partner to support it. A match alone reaches nobody
//! until someone acts on it; the invitation is that act from the owner's side, answered by the
//! partner with a pledge (or a polite no).

use chrono::{DateTime, Utc};

use super::{InitiativeId, StakeholderId, StakeholderSummary};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct InvitationId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum InvitationStatus {
    /// Sent, waiting for the partner.
    Pending,
    /// The partner offered support to the initiative since.
    Answered,
    /// The partner said no.
    Declined,
}

impl InvitationStatus {
    pub const ALL: [InvitationStatus; 3] = [
        InvitationStatus::Pending,
        InvitationStatus::Answered,
        InvitationStatus::Declined,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Answered => "answered",
            InvitationStatus::Declined => "declined",
        }
    }

    pub fn from_slug(slug: &str) -> Option<InvitationStatus> {
        InvitationStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// What an owner sends to invite a partner.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationInput {
    #[serde(deserialize_with = "super::integer::deserialize")]
    pub stakeholder_id: StakeholderId,
    /// A note for the partner; may be empty.
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: InvitationId,
    pub initiative_id: InitiativeId,
    /// So the partner's list names what it is invited to without a request per line.
    pub initiative_title: String,
    pub stakeholder: StakeholderSummary,
    pub message: String,
    pub status: InvitationStatus,
    #[serde(deserialize_with = "super::dates::time")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "super::dates::time")]
    pub updated_at: DateTime<Utc>,
}
