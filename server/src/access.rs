//! Who is asking, and what they may see and do.
//!
//! A request carries at most one bearer token: a record's manage token (its creator), a session
//! (a signed-in address: it manages every record whose contact email it is, and works as an
//! official where it was invited) or an admin token (an automation, scoped to regions).
//! [`Viewer`] resolves it once per request; the
//! functions below decide, in one place, which contacts a viewer may see. Contacts are shown to
//! the record's owner, to admins of its region and to the other side of an accepted pledge —
//! nobody else, on any endpoint.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::Utc;
use pentahelix_core::RegionCode;
use pentahelix_core::api::officials;
use pentahelix_core::api::{
    Initiative, InitiativeId, OfficialGrant, OfficialRole, Pledge, PledgeStatus, Stakeholder,
    StakeholderId,
};

use crate::auth::Bearer;
use crate::error::Error;
use crate::state::AppState;
use crate::store::{Act, Owner, Session};

/// A city official's reach: an invited address signed in, or an automation's admin token (a
/// manager of its regions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    /// As the audit trail names it: the address, or `token: LABEL`.
    pub actor: String,
    pub grants: Vec<OfficialGrant>,
}

impl Official {
    /// Whether the official holds at least `role` in a region containing `region`.
    pub fn may(&self, role: OfficialRole, region: RegionCode) -> bool {
        officials::may(&self.grants, role, region)
    }

    /// The regions where the official holds at least `role`.
    pub fn regions(&self, role: OfficialRole) -> Vec<RegionCode> {
        self.grants
            .iter()
            .filter(|grant| grant.role >= role)
            .map(|grant| grant.region)
            .collect()
    }

    pub fn act<'a>(&'a self, reason: &'a str) -> Act<'a> {
        Act {
            actor: &self.actor,
            reason,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Viewer {
    /// The records the viewer manages: the one of a manage token, or a session's.
    pub owns: Vec<Owner>,
    /// The signed-in address, for a session.
    pub session: Option<Session>,
    /// Where the viewer works as an official, and in which role.
    pub official: Option<Official>,
    /// A token was sent but is unknown or expired: such a caller is anonymous, and told so (401)
    /// when it tries something that needs a token.
    pub invalid_token: bool,
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Ok(bearer) = Bearer::from_request_parts(parts, state).await;
        let sent_authorization = parts
            .headers
            .contains_key(axum::http::header::AUTHORIZATION);
        let mut viewer = Viewer::default();
        if let Some(hash) = bearer.manage() {
            viewer.owns = state
                .store()
                .owner_of_token(hash)
                .await?
                .into_iter()
                .collect();
        } else if let Some(hash) = bearer.session() {
            viewer.session = state.store().session(hash, Utc::now()).await?;
            if let Some(session) = &viewer.session {
                viewer.owns = state.store().records_of(&session.email).await?;
                let grants = state.store().official_grants(&session.email).await?;
                viewer.official = (!grants.is_empty()).then(|| Official {
                    actor: session.email.clone(),
                    grants,
                });
            }
        } else if let Some(hash) = bearer.admin() {
            viewer.official = state
                .store()
                .admin_grant(hash)
                .await?
                .filter(|grant| grant.expires_at.is_none_or(|at| at > Utc::now()))
                .map(|grant| Official {
                    actor: format!("token: {}", grant.label),
                    grants: grant
                        .regions
                        .iter()
                        .map(|&region| OfficialGrant {
                            region,
                            role: OfficialRole::Manager,
                        })
                        .collect(),
                });
        }
        viewer.invalid_token = sent_authorization && !viewer.has_credentials();
        Ok(viewer)
    }
}

impl Viewer {
    /// A valid manage token, session or admin token. (A session that manages nothing yet is
    /// still signed in.)
    pub fn has_credentials(&self) -> bool {
        !self.owns.is_empty() || self.session.is_some() || self.official.is_some()
    }

    pub fn owns_initiative(&self, id: InitiativeId) -> bool {
        self.owns.contains(&Owner::Initiative(id))
    }

    pub fn owns_stakeholder(&self, id: StakeholderId) -> bool {
        self.owns.contains(&Owner::Stakeholder(id))
    }

    pub fn stakeholders(&self) -> impl Iterator<Item = StakeholderId> + '_ {
        self.owns.iter().filter_map(|owner| match owner {
            Owner::Stakeholder(id) => Some(*id),
            Owner::Initiative(_) => None,
        })
    }

    pub fn initiatives(&self) -> impl Iterator<Item = InitiativeId> + '_ {
        self.owns.iter().filter_map(|owner| match owner {
            Owner::Initiative(id) => Some(*id),
            Owner::Stakeholder(_) => None,
        })
    }

    /// Who an edit of a record in `to` (its new region) is made by: its owner (`None`: nothing
    /// to trace), or an official, traced with `reason` for the owner. An admin may move a record
    /// only between regions it administers.
    pub fn editing<'a>(
        &'a self,
        owns: bool,
        to: RegionCode,
        reason: &'a str,
    ) -> Result<Option<Act<'a>>, Error> {
        if !owns && !self.admin_of(to) {
            return Err(Error::Forbidden);
        }
        Ok(self
            .official
            .as_ref()
            .filter(|_| !owns)
            .map(|official| official.act(reason)))
    }

    /// An official of the region, in any role: sees what moderation hides, and contacts.
    pub fn admin_of(&self, region: RegionCode) -> bool {
        self.may(OfficialRole::Moderator, region)
    }

    pub fn may(&self, role: OfficialRole, region: RegionCode) -> bool {
        self.official
            .as_ref()
            .is_some_and(|official| official.may(role, region))
    }

    /// For actions that always need a token: a caller without a valid one is answered 401 before
    /// the record is looked up, since a token is what it needs, whether or not the record exists.
    /// (So an owner retrying a delete that went through holds the token of a record now gone
    /// and is told that token no longer works.)
    pub fn needs_token(&self) -> Result<(), Error> {
        if !self.has_credentials() {
            Err(Error::Unauthorized)
        } else {
            Ok(())
        }
    }

    /// The error for a viewer that may not do something: 401 without valid credentials, 403
    /// with credentials that do not cover it.
    pub fn denied(&self) -> Error {
        if !self.has_credentials() {
            Error::Unauthorized
        } else {
            Error::Forbidden
        }
    }

    /// Lets the owner of a record, or an admin of its region, change it.
    pub fn may_manage(&self, owns: bool, region: RegionCode) -> Result<(), Error> {
        if owns || self.admin_of(region) {
            Ok(())
        } else {
            Err(self.denied())
        }
    }

    /// Whether the viewer may see a record in this status at all (moderation hides some).
    pub fn may_see_initiative(&self, initiative: &Initiative) -> bool {
        initiative.status.is_listed()
            || self.owns_initiative(initiative.id)
            || self.admin_of(initiative.region)
    }
}

/// Removes the initiative's contact unless the viewer may see it.
pub async fn redact_initiative(
    state: &AppState,
    viewer: &Viewer,
    mut initiative: Initiative,
) -> Result<Initiative, Error> {
    let visible = viewer.owns_initiative(initiative.id)
        || viewer.admin_of(initiative.region)
        || accepted_by_any(state, viewer.stakeholders(), |s| (initiative.id, s)).await?;
    if !visible {
        initiative.contact = None;
    }
    Ok(initiative)
}

/// Removes the stakeholder's contact unless the viewer may see it.
pub async fn redact_stakeholder(
    state: &AppState,
    viewer: &Viewer,
    mut stakeholder: Stakeholder,
) -> Result<Stakeholder, Error> {
    let visible = viewer.owns_stakeholder(stakeholder.id)
        || viewer.admin_of(stakeholder.region)
        || accepted_by_any(state, viewer.initiatives(), |i| (i, stakeholder.id)).await?;
    if !visible {
        stakeholder.contact = None;
    }
    Ok(stakeholder)
}

/// Whether any of the viewer's records is a side of an accepted pledge with the record shown.
async fn accepted_by_any<T>(
    state: &AppState,
    mine: impl Iterator<Item = T>,
    pair: impl Fn(T) -> (InitiativeId, StakeholderId),
) -> Result<bool, Error> {
    for (initiative, stakeholder) in mine.map(pair) {
        if state
            .store()
            .has_accepted_pledge(initiative, stakeholder)
            .await?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// [`with_counterpart`] for each pledge of a list.
pub async fn with_counterparts(
    state: &AppState,
    viewer: &Viewer,
    pledges: Vec<Pledge>,
) -> Result<Vec<Pledge>, Error> {
    let mut out = Vec::with_capacity(pledges.len());
    for pledge in pledges {
        out.push(with_counterpart(state, viewer, pledge).await?);
    }
    Ok(out)
}

/// Fills a pledge's `counterpart_contact` for the two sides of an accepted pledge: the
/// initiative's owner sees the stakeholder's contact and the stakeholder sees the initiative's.
pub async fn with_counterpart(
    state: &AppState,
    viewer: &Viewer,
    mut pledge: Pledge,
) -> Result<Pledge, Error> {
    pledge.counterpart_contact = None;
    if pledge.status != PledgeStatus::Accepted {
        return Ok(pledge);
    }
    if viewer.owns_initiative(pledge.initiative_id) {
        pledge.counterpart_contact = state
            .store()
            .stakeholder(pledge.stakeholder.id)
            .await?
            .and_then(|s| s.contact);
    } else if viewer.owns_stakeholder(pledge.stakeholder.id) {
        pledge.counterpart_contact = state
            .store()
            .initiative(pledge.initiative_id)
            .await?
            .and_then(|i| i.contact);
    }
    Ok(pledge)
}
