//! Initiatives: the list, one, a proposal, an edit, a status change and its partners.

use super::{Empty, Endpoint, Method};
use crate::api::query::{EditQuery, InitiativeQuery, MatchQuery, SimilarQuery};
use crate::api::{
    Created, Initiative, InitiativeId, InitiativeInput, InitiativeMatches, Page, StatusChange,
};

endpoints! {
    /// A page of initiatives, newest first.
    ListInitiatives { query: InitiativeQuery }
        = Get "/initiatives" => |_e| "/initiatives".into();
        query: query as InitiativeQuery;
        -> Page<Initiative>;
    /// Open initiatives like the one being proposed, best first (at most five).
    SimilarInitiatives { query: SimilarQuery }
        = Get "/initiatives/similar" => |_e| "/initiatives/similar".into();
        query: query as SimilarQuery;
        -> Vec<Initiative>;
    GetInitiative { id: InitiativeId }
        = Get "/initiatives/{id}" => |e| format!("/initiatives/{}", e.id.0);
        -> Initiative;
    CreateInitiative { input: InitiativeInput }
        = Post "/initiatives" => |_e| "/initiatives".into();
        body: input as InitiativeInput;
        -> Created<Initiative>;
    /// An owner's edit, or an official's with the reason the owner is told.
    UpdateInitiative { id: InitiativeId, query: EditQuery, input: InitiativeInput }
        = Put "/initiatives/{id}" => |e| format!("/initiatives/{}", e.id.0);
        query: query as EditQuery;
        body: input as InitiativeInput;
        -> Initiative;
    ChangeStatus { id: InitiativeId, change: StatusChange }
        = Post "/initiatives/{id}/status" => |e| format!("/initiatives/{}/status", e.id.0);
        body: change as StatusChange;
        -> Initiative;
    InitiativeMatchList { id: InitiativeId, query: MatchQuery }
        = Get "/initiatives/{id}/matches" => |e| format!("/initiatives/{}/matches", e.id.0);
        query: query as MatchQuery;
        -> InitiativeMatches;
}
