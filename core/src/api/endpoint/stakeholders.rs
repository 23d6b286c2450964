//! Partners (stakeholders): the directory, one profile, a registration, an edit and its matches.

use super::{Empty, Endpoint, Method};
use crate::api::query::{MatchQuery, StakeholderQuery};
use crate::api::{Created, Page, Stakeholder, StakeholderId, StakeholderInput, StakeholderMatches};

endpoints! {
    /// A page of partners, newest first (an official searching by name).
    ListStakeholders { query: StakeholderQuery }
        = Get "/stakeholders" => |_e| "/stakeholders".into();
        query: query as StakeholderQuery;
        -> Page<Stakeholder>;
    GetStakeholder { id: StakeholderId }
        = Get "/stakeholders/{id}" => |e| format!("/stakeholders/{}", e.id.0);
        -> Stakeholder;
    CreateStakeholder { input: StakeholderInput }
        = Post "/stakeholders" => |_e| "/stakeholders".into();
        body: input as StakeholderInput;
        -> Created<Stakeholder>;
    UpdateStakeholder { id: StakeholderId, input: StakeholderInput }
        = Put "/stakeholders/{id}" => |e| format!("/stakeholders/{}", e.id.0);
        body: input as StakeholderInput;
        -> Stakeholder;
    StakeholderMatchList { id: StakeholderId, query: MatchQuery }
        = Get "/stakeholders/{id}/matches" => |e| format!("/stakeholders/{}/matches", e.id.0);
        query: query as MatchQuery;
        -> StakeholderMatches;
}
