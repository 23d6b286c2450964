//! Pledges: what a partner offers an initiative, and the answers to it.

use super::{Empty, Endpoint, Method};
use crate::api::{InitiativeId, Pledge, PledgeId, PledgeInput, StakeholderId};

/// What the owner of a pledge's initiative, or its stakeholder, does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PledgeAction {
    Accept,
    Decline,
    Withdraw,
}

impl PledgeAction {
    pub fn slug(self) -> &'static str {
        match self {
            PledgeAction::Accept => "accept",
            PledgeAction::Decline => "decline",
            PledgeAction::Withdraw => "withdraw",
        }
    }
}

endpoints! {
    InitiativePledges { id: InitiativeId }
        = Get "/initiatives/{id}/pledges" => |e| format!("/initiatives/{}/pledges", e.id.0);
        -> Vec<Pledge>;
    Offer { id: InitiativeId, input: PledgeInput }
        = Post "/initiatives/{id}/pledges" => |e| format!("/initiatives/{}/pledges", e.id.0);
        body: input as PledgeInput;
        -> Pledge;
    /// Accept, decline or withdraw a pledge.
    AnswerPledge { id: PledgeId, action: PledgeAction }
        = Post "/pledges/{id}/{action}" => |e| format!("/pledges/{}/{}", e.id.0, e.action.slug());
        empty_body;
        -> Pledge;
    StakeholderPledges { id: StakeholderId }
        = Get "/stakeholders/{id}/pledges" => |e| format!("/stakeholders/{}/pledges", e.id.0);
        -> Vec<Pledge>;
}
