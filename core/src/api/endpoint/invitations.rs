//! Invitations: an owner asks a suggested partner, who may decline.

use super::{Empty, Endpoint, Method};
use crate::api::{InitiativeId, Invitation, InvitationId, InvitationInput, StakeholderId};

endpoints! {
    /// The partners its owner invited (the owner only).
    InitiativeInvitations { id: InitiativeId }
        = Get "/initiatives/{id}/invitations" => |e| format!("/initiatives/{}/invitations", e.id.0);
        -> Vec<Invitation>;
    /// The owner invites a suggested partner; the partner is notified.
    Invite { id: InitiativeId, input: InvitationInput }
        = Post "/initiatives/{id}/invitations" => |e| format!("/initiatives/{}/invitations", e.id.0);
        body: input as InvitationInput;
        -> Invitation;
    /// The invitations a partner received (its owner only), newest first.
    StakeholderInvitations { id: StakeholderId }
        = Get "/stakeholders/{id}/invitations" => |e| format!("/stakeholders/{}/invitations", e.id.0);
        -> Vec<Invitation>;
    /// The partner says no to an invitation.
    DeclineInvitation { id: InvitationId }
        = Post "/invitations/{id}/decline" => |e| format!("/invitations/{}/decline", e.id.0);
        empty_body;
        -> Invitation;
}
