//! The JSON API's request and response bodies (`/api/v1`). The server serialises exactly these
//! and the widget deserialises exactly these, so the two cannot drift apart.

mod account;
mod audit;
mod contact;
pub mod dates;
mod embed;
pub mod endpoint;
mod export;
mod initiative;
mod integer;
mod invitation;
mod matches;
mod moderation;
pub mod officials;
mod page;
mod pledge;
mod problem;
pub mod query;
mod stakeholder;
mod stats;
mod taxonomies;

pub use account::{
    EmailCodeRequest, Me, NotificationKind, NotificationSettings, SessionCreated, SessionRequest,
};
pub use audit::{AuditAction, AuditEntry, AuditTarget};
pub use contact::Contact;
pub use embed::{
    DEFAULT_LIMIT, EmbedApis, FirstPage, FirstPageQuery, default_region, limit_attribute,
    region_attribute,
};
pub use export::{InitiativeExport, StakeholderExport};
pub use initiative::{
    Initiative, InitiativeId, InitiativeInput, InitiativeStatus, Need, NeedInput,
};
pub use invitation::{Invitation, InvitationId, InvitationInput, InvitationStatus};
pub use matches::{
    Coalition, CoalitionMember, InitiativeMatch, InitiativeMatches, MatchScope, PartnerMatch,
    StakeholderMatch, StakeholderMatches,
};
pub use moderation::{
    Decided, Decision, FailedNotification, FlagshipInput, ModerationAction, ModerationQueue,
    QueueItem, QueueKind, ReportEntry, ReportInput, ReportReason, ReportReceipt, ReportTarget,
    StatusChange, Verification,
};
pub use officials::{OfficialGrant, OfficialRole};
pub use page::Page;
pub use pledge::{Pledge, PledgeId, PledgeInput, PledgeStatus};
pub use problem::{Problem, ProblemType};
pub use stakeholder::{Stakeholder, StakeholderId, StakeholderInput, StakeholderSummary};
pub use stats::{
    Achievement, Achievements, CityStats, Count, FlagshipProduct, HelixCounts, UpcomingEvent,
};
pub use taxonomies::{Label, Taxonomies, Term};

/// A record just created, with the secret that lets its creator manage it. The secret is shown
/// this once: the server keeps only its hash.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Created<T> {
    pub record: T,
    pub manage_token: String,
}
