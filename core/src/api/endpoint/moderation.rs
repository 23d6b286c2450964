//! Reports, the officials' queue and their decisions, verification and flagships.

use super::{Empty, Endpoint, Method};
use crate::RegionCode;
use crate::api::query::{AuditQuery, QueueQuery};
use crate::api::{
    AuditEntry, Decided, Decision, FlagshipInput, InitiativeId, ModerationAction, ModerationQueue,
    Page, ReportInput, ReportReceipt, Stakeholder, StakeholderId, Verification,
};

endpoints! {
    Report { input: ReportInput }
        = Post "/reports" => |_e| "/reports".into();
        body: input as ReportInput;
        -> ReportReceipt;
    Queue { query: QueueQuery }
        = Get "/moderation/queue" => |_e| "/moderation/queue".into();
        query: query as QueueQuery;
        -> ModerationQueue;
    /// Approve, reject, hide, restore, dismiss the reports on, or delete an initiative.
    Moderate { id: InitiativeId, action: ModerationAction, decision: Decision }
        = Post "/moderation/initiatives/{id}/{action}"
            => |e| format!("/moderation/initiatives/{}/{}", e.id.0, e.action.slug());
        body: decision as Decision;
        -> Decided;
    /// Dismiss the reports on, or delete a partner's profile.
    ModerateStakeholder { id: StakeholderId, action: ModerationAction, decision: Decision }
        = Post "/moderation/stakeholders/{id}/{action}"
            => |e| format!("/moderation/stakeholders/{}/{}", e.id.0, e.action.slug());
        body: decision as Decision;
        -> Decided;
    /// The officials' actions in the viewer's regions, newest first.
    AuditTrail { query: AuditQuery }
        = Get "/moderation/audit" => |_e| "/moderation/audit".into();
        query: query as AuditQuery;
        -> Page<AuditEntry>;
    Verify { id: StakeholderId, verification: Verification }
        = Post "/moderation/stakeholders/{id}/verify"
            => |e| format!("/moderation/stakeholders/{}/verify", e.id.0);
        body: verification as Verification;
        -> Stakeholder;
    SetFlagship { region: RegionCode, input: FlagshipInput }
        = Put "/moderation/flagships/{region}" => |e| format!("/moderation/flagships/{}", e.region);
        body: input as FlagshipInput;
        -> ();
}
