//! Sign-in by email code, and what a signed-in address sees of its own: the records it manages,
//! the offers waiting for its answer and its notification settings.

use serde::{Deserialize, Serialize};

use super::{Initiative, Invitation, OfficialGrant, Pledge, Stakeholder};
use crate::Lang;

/// Asks for a sign-in code by email. The answer is the same whether or not the address is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailCodeRequest {
    pub email: String,
    /// The language of the mail with the code, and of later notifications to this address.
    #[serde(default)]
    pub lang: Lang,
}

/// Trades a mailed code for a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionRequest {
    pub email: String,
    /// The six digits from the mail.
    pub code: String,
}

/// A new session. The token is shown this once: the server keeps only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionCreated {
    /// `phs_…`, sent as `Authorization: Bearer phs_…`.
    pub session_token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// A kind of notification mail, each of which an address can turn off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// To an initiative's owner: a stakeholder offers support.
    PledgeOffered,
    /// To an initiative's owner: a stakeholder took its offer back.
    PledgeWithdrawn,
    /// To a stakeholder: its offer was accepted (with the owner's contact).
    PledgeAccepted,
    /// To a stakeholder: its offer was declined.
    PledgeDeclined,
    /// To an initiative's owner: an official approved it (pre-moderation) or restored it. No
    /// longer queued (see `OfficialDecision`); kept so rows queued before it still go out.
    InitiativeApproved,
    /// To an initiative's owner: reports hid it until an official reviews it.
    InitiativeHidden,
    /// To a stakeholder, weekly, when it asked for it: new initiatives in its city that need
    /// what it offers.
    WeeklyDigest,
    /// To a region's admin with an address on its token, daily: what waits in its queue.
    ModerationDigest,
    /// To a record's owner: an official approved, rejected, hid, restored, edited or deleted
    /// it, with the official's reason.
    OfficialDecision,
    /// To a newly invited official: how to sign in, and for which regions.
    OfficialInvited,
    /// To a stakeholder: an initiative's owner invites it to support the initiative.
    PartnerInvited,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 11] = [
        NotificationKind::PledgeOffered,
        NotificationKind::PledgeWithdrawn,
        NotificationKind::PledgeAccepted,
        NotificationKind::PledgeDeclined,
        NotificationKind::InitiativeApproved,
        NotificationKind::InitiativeHidden,
        NotificationKind::WeeklyDigest,
        NotificationKind::ModerationDigest,
        NotificationKind::OfficialDecision,
        NotificationKind::OfficialInvited,
        NotificationKind::PartnerInvited,
    ];

    /// The kinds a person sets in "Milik saya" (the moderation digest follows an admin token).
    pub const SETTABLE: [NotificationKind; 8] = [
        NotificationKind::PledgeOffered,
        NotificationKind::PledgeWithdrawn,
        NotificationKind::PledgeAccepted,
        NotificationKind::PledgeDeclined,
        NotificationKind::OfficialDecision,
        NotificationKind::InitiativeHidden,
        NotificationKind::WeeklyDigest,
        NotificationKind::PartnerInvited,
    ];

    /// Mailed only to those who asked for it; every other kind is mailed unless turned off.
    pub fn opt_in(self) -> bool {
        self == NotificationKind::WeeklyDigest
    }

    pub fn slug(self) -> &'static str {
        match self {
            NotificationKind::PledgeOffered => "pledge_offered",
            NotificationKind::PledgeWithdrawn => "pledge_withdrawn",
            NotificationKind::PledgeAccepted => "pledge_accepted",
            NotificationKind::PledgeDeclined => "pledge_declined",
            NotificationKind::InitiativeApproved => "initiative_approved",
            NotificationKind::InitiativeHidden => "initiative_hidden",
            NotificationKind::WeeklyDigest => "weekly_digest",
            NotificationKind::ModerationDigest => "moderation_digest",
            NotificationKind::OfficialDecision => "official_decision",
            NotificationKind::OfficialInvited => "official_invited",
            NotificationKind::PartnerInvited => "partner_invited",
        }
    }

    pub fn from_slug(slug: &str) -> Option<NotificationKind> {
        NotificationKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// An address's notification settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationSettings {
    /// The language of the mails.
    pub lang: Lang,
    /// The kinds turned off; every other kind is mailed. The opt-in kinds are off until asked
    /// for.
    #[serde(default)]
    pub off: Vec<NotificationKind>,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        NotificationSettings {
            lang: Lang::default(),
            off: NotificationKind::ALL
                .into_iter()
                .filter(|kind| kind.opt_in())
                .collect(),
        }
    }
}

/// What a signed-in address manages and has to answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub email: String,
    pub initiatives: Vec<Initiative>,
    pub stakeholders: Vec<Stakeholder>,
    /// Offers to its initiatives that wait for its answer, oldest first.
    pub pledges_to_answer: Vec<Pledge>,
    /// Invitations to its partner profiles that wait for their answer, oldest first.
    #[serde(default)]
    pub invitations: Vec<Invitation>,
    pub settings: NotificationSettings,
    /// The regions this address works in as a city official, with its role there: the widget
    /// shows the officials' workspace when there is any.
    #[serde(default)]
    pub official: Vec<OfficialGrant>,
}
