use chrono::{DateTime, Utc};

use super::{Contact, InitiativeId, StakeholderId, StakeholderSummary};
use crate::taxonomy::Resource;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct PledgeId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PledgeStatus {
    /// Offered, waiting for the initiative's owner.
    Pending,
    Accepted,
    Declined,
    /// Taken back by the stakeholder before or after acceptance.
    Withdrawn,
}

impl PledgeStatus {
    pub const ALL: [PledgeStatus; 4] = [
        PledgeStatus::Pending,
        PledgeStatus::Accepted,
        PledgeStatus::Declined,
        PledgeStatus::Withdrawn,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            PledgeStatus::Pending => "pending",
            PledgeStatus::Accepted => "accepted",
            PledgeStatus::Declined => "declined",
            PledgeStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_slug(slug: &str) -> Option<PledgeStatus> {
        PledgeStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The owner answers a pending pledge and may later decline an accepted one (a partner who
    /// stopped answering); the stakeholder may withdraw a pending or accepted one. Declining or
    /// withdrawing an accepted pledge ends the exchange of contacts.
    pub fn may_become(self, next: PledgeStatus) -> bool {
        use PledgeStatus::*;
        matches!(
            (self, next),
            (Pending, Accepted | Declined | Withdrawn) | (Accepted, Declined | Withdrawn)
        )
    }
}

/// A stakeholder's offer of one resource to an initiative.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PledgeInput {
    #[serde(deserialize_with = "super::integer::deserialize")]
    pub stakeholder_id: StakeholderId,
    pub resource: Resource,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pledge {
    pub id: PledgeId,
    pub initiative_id: InitiativeId,
    pub stakeholder: StakeholderSummary,
    pub resource: Resource,
    pub message: String,
    pub status: PledgeStatus,
    /// The other side's contact, present once the pledge is accepted and only for its two sides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart_contact: Option<Contact>,
    #[serde(deserialize_with = "super::dates::time")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "super::dates::time")]
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::PledgeStatus::*;

    #[test]
    fn pending_pledges_are_answered_and_ended_exchanges_stay_ended() {
        assert!(Pending.may_become(Accepted));
        assert!(Pending.may_become(Declined));
        assert!(Accepted.may_become(Withdrawn));
        assert!(!Declined.may_become(Accepted));
        assert!(
            Accepted.may_become(Declined),
            "the owner can end an accepted exchange"
        );
        assert!(!Declined.may_become(Withdrawn));
        assert!(!Withdrawn.may_become(Pending));
    }
}
