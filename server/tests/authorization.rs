//! Who may do what, as a generated matrix: every protected action on every kind of resource,
//! tried by every kind of caller — owners, other owners, the region's admin tokens and signed-in
//! officials in each role, another city's, and expired, unknown and malformed tokens. Then every readable endpoint is searched
//! for contacts that its caller may not see.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestApp, initiative_body, stakeholder_body};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Anonymous,
    InitiativeOwner,
    StakeholderOwner,
    OtherOwner,
    CityAdmin,
    OtherCityAdmin,
    /// Signed-in officials invited with `admin invite`.
    CityModerator,
    CityManager,
    OtherCityManager,
    ExpiredAdmin,
    UnknownToken,
    Malformed,
}

use Actor::*;

const ACTORS: [Actor; 12] = [
    Anonymous,
    InitiativeOwner,
    StakeholderOwner,
    OtherOwner,
    CityAdmin,
    OtherCityAdmin,
    CityModerator,
    CityManager,
    OtherCityManager,
    ExpiredAdmin,
    UnknownToken,
    Malformed,
];

/// Everyone who works Bandung's queue, and who manages it.
const CITY_OFFICIALS: &[Actor] = &[CityAdmin, CityModerator, CityManager];
const EVERY_OFFICIAL: &[Actor] = &[
    CityAdmin,
    OtherCityAdmin,
    CityModerator,
    CityManager,
    OtherCityManager,
];

impl Actor {
    /// Callers without a valid credential are told to authenticate (401); callers whose valid
    /// credential does not cover the action are refused (403).
    fn has_credential(self) -> bool {
        !matches!(self, Anonymous | ExpiredAdmin | UnknownToken | Malformed)
    }
}

/// One initiative (1) in Coblong, Bandung; its stakeholder partner (1) with a pending pledge (1);
/// another stakeholder (2) whose owner is "another owner".
struct World {
    app: TestApp,
    initiative_token: String,
    stakeholder_token: String,
    other_owner_token: String,
    city_admin: String,
    other_city_admin: String,
    city_moderator: String,
    city_manager: String,
    other_city_manager: String,
    expired_admin: String,
}

const INITIATIVE_CONTACT: &str = "ani@contoh.id";
const STAKEHOLDER_CONTACT: &str = "budi@contoh.id";
const OTHER_CONTACT: &str = "lain@contoh.id";

impl World {
    async fn new() -> World {
        let app = TestApp::new().await;
        let (initiative, initiative_token) = app
            .initiative(initiative_body(json!({
                "needs": [{ "resource": "venue" }, { "resource": "funding" }]
            })))
            .await;
        let (stakeholder, stakeholder_token) = app.stakeholder(stakeholder_body(json!({}))).await;
        let (_, other_owner_token) = app
            .stakeholder(stakeholder_body(json!({
                "name": "Komunitas Lain",
                "contact": { "person": "Lain", "email": OTHER_CONTACT }
            })))
            .await;
        assert_eq!((initiative, stakeholder), (1, 1));
        let pledged = app
            .post(
                "/api/v1/initiatives/1/pledges",
                Some(&stakeholder_token),
                json!({ "stakeholder_id": 1, "resource": "venue", "message": "Aula siap." }),
            )
            .await;
        assert_eq!(pledged.status, StatusCode::CREATED, "{}", pledged.text());
        World {
            city_admin: app.admin(&["32.73"]).await,
            other_city_admin: app.admin(&["32.76"]).await,
            city_moderator: app
                .official("moderator@bandung.go.id", &["32.73"], "moderator")
                .await,
            city_manager: app
                .official("manager@bandung.go.id", &["32.73"], "manager")
                .await,
            other_city_manager: app
                .official("manager@depok.go.id", &["32.76"], "manager")
                .await,
            expired_admin: app.expired_admin(&["32.73"]).await,
            app,
            initiative_token,
            stakeholder_token,
            other_owner_token,
        }
    }

    fn token(&self, actor: Actor) -> Option<String> {
        match actor {
            Anonymous => None,
            InitiativeOwner => Some(self.initiative_token.clone()),
            StakeholderOwner => Some(self.stakeholder_token.clone()),
            OtherOwner => Some(self.other_owner_token.clone()),
            CityAdmin => Some(self.city_admin.clone()),
            OtherCityAdmin => Some(self.other_city_admin.clone()),
            CityModerator => Some(self.city_moderator.clone()),
            CityManager => Some(self.city_manager.clone()),
            OtherCityManager => Some(self.other_city_manager.clone()),
            ExpiredAdmin => Some(self.expired_admin.clone()),
            UnknownToken => Some(format!("phm_{}", "7".repeat(64))),
            Malformed => Some("'; DROP TABLE stakeholders; --".into()),
        }
    }

    async fn send(
        &self,
        actor: Actor,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> common::Reply {
        self.app
            .send(method, path, self.token(actor).as_deref(), body, &[])
            .await
    }
}

struct Action {
    method: Method,
    path: &'static str,
    body: Option<Value>,
    allowed: &'static [Actor],
}

fn actions() -> Vec<Action> {
    let action = |method, path, body, allowed| Action {
        method,
        path,
        body,
        allowed,
    };
    vec![
        action(
            Method::PUT,
            "/api/v1/initiatives/1",
            Some(initiative_body(json!({}))),
            &[InitiativeOwner, CityAdmin, CityModerator, CityManager],
        ),
        action(
            Method::DELETE,
            "/api/v1/initiatives/1",
            None,
            &[InitiativeOwner, CityAdmin, CityManager],
        ),
        action(
            Method::POST,
            "/api/v1/initiatives/1/status",
            Some(json!({ "status": "active" })),
            &[InitiativeOwner],
        ),
        action(
            Method::GET,
            "/api/v1/initiatives/1/export",
            None,
            &[InitiativeOwner, CityAdmin, CityModerator, CityManager],
        ),
        action(
            Method::PUT,
            "/api/v1/stakeholders/1",
            Some(stakeholder_body(json!({}))),
            &[StakeholderOwner, CityAdmin, CityModerator, CityManager],
        ),
        action(
            Method::DELETE,
            "/api/v1/stakeholders/1",
            None,
            &[StakeholderOwner, CityAdmin, CityManager],
        ),
        action(
            Method::GET,
            "/api/v1/stakeholders/1/pledges",
            None,
            &[StakeholderOwner, CityAdmin, CityModerator, CityManager],
        ),
        action(
            Method::GET,
            "/api/v1/stakeholders/1/export",
            None,
            &[StakeholderOwner, CityAdmin, CityModerator, CityManager],
        ),
        action(
            Method::POST,
            "/api/v1/initiatives/1/pledges",
            Some(
                json!({ "stakeholder_id": 1, "resource": "funding", "message": "Dana tersedia." }),
            ),
            &[StakeholderOwner],
        ),
        action(
            Method::POST,
            "/api/v1/pledges/1/accept",
            None,
            &[InitiativeOwner],
        ),
        action(
            Method::POST,
            "/api/v1/pledges/1/decline",
            None,
            &[InitiativeOwner],
        ),
        action(
            Method::POST,
            "/api/v1/pledges/1/withdraw",
            None,
            &[StakeholderOwner],
        ),
        action(
            Method::GET,
            "/api/v1/moderation/queue",
            None,
            EVERY_OFFICIAL,
        ),
        action(
            Method::GET,
            "/api/v1/moderation/audit",
            None,
            EVERY_OFFICIAL,
        ),
        action(
            Method::POST,
            "/api/v1/moderation/initiatives/1/hide",
            Some(json!({ "reason": "Isinya iklan, bukan kegiatan warga." })),
            CITY_OFFICIALS,
        ),
        action(
            Method::POST,
            "/api/v1/moderation/initiatives/1/delete",
            Some(json!({ "reason": "Data ganda." })),
            &[CityAdmin, CityManager],
        ),
        action(
            Method::POST,
            "/api/v1/moderation/stakeholders/1/delete",
            Some(json!({ "reason": "Data ganda." })),
            &[CityAdmin, CityManager],
        ),
        action(
            Method::POST,
            "/api/v1/moderation/stakeholders/1/verify",
            Some(json!({ "verified": true })),
            &[CityAdmin, CityManager],
        ),
        action(
            Method::PUT,
            "/api/v1/moderation/flagships/32.73.02",
            Some(json!({ "product": "Kopi Coblong" })),
            &[CityAdmin, CityManager],
        ),
        action(
            Method::GET,
            "/api/v1/exports/initiatives.csv",
            None,
            &[CityAdmin, OtherCityAdmin, CityManager, OtherCityManager],
        ),
        action(
            Method::GET,
            "/api/v1/exports/stakeholders.csv",
            None,
            &[CityAdmin, OtherCityAdmin, CityManager, OtherCityManager],
        ),
    ]
}

#[tokio::test]
async fn every_protected_action_admits_exactly_its_actors() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for action in actions() {
        for actor in ACTORS {
            // A fresh world per cell: an allowed delete must not change what the next caller meets.
            let world = World::new().await;
            let reply = world
                .send(
                    actor,
                    action.method.clone(),
                    action.path,
                    action.body.clone(),
                )
                .await;
            let expected = if action.allowed.contains(&actor) {
                "2xx"
            } else if actor.has_credential() {
                "403"
            } else {
                "401"
            };
            let got = reply.status.as_u16();
            let fits = match expected {
                "2xx" => reply.status.is_success(),
                code => {
                    got.to_string() == code && reply.content_type() == "application/problem+json"
                }
            };
            if !fits {
                wrong.push(format!(
                    "{} {} as {actor:?}: expected {expected}, got {got} {}",
                    action.method,
                    action.path,
                    reply.text()
                ));
            }
            checked += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} cells wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(checked, 21 * ACTORS.len());
}

/// Every endpoint that reads data, with what it returns; checked as text so a contact anywhere
/// in the answer (a nested object, a CSV cell, a calendar entry) is found.
const READS: [&str; 17] = [
    "/api/v1/initiatives",
    "/api/v1/initiatives?q=kopi",
    "/api/v1/initiatives/1",
    "/api/v1/initiatives/1/pledges",
    "/api/v1/initiatives/1/matches",
    "/api/v1/initiatives/1/matches?scope=network",
    "/api/v1/stakeholders",
    "/api/v1/stakeholders?q=kopi",
    "/api/v1/stakeholders/1",
    "/api/v1/stakeholders/2",
    "/api/v1/stakeholders/1/matches",
    "/api/v1/stakeholders/1/pledges",
    "/api/v1/stats?city=32.73",
    "/api/v1/stats/cities",
    "/api/v1/exports/events.ics?region=32.73",
    "/api/v1/exports/initiatives.csv",
    "/api/v1/exports/stakeholders.csv",
];

async fn contacts_seen(world: &World, actor: Actor) -> Vec<&'static str> {
    let mut everything = String::new();
    for path in READS {
        let reply = world.send(actor, Method::GET, path, None).await;
        assert!(
            reply.status.as_u16() < 500,
            "{path} as {actor:?}: {}",
            reply.text()
        );
        everything.push_str(&reply.text());
    }
    for path in [
        "/api/v1/initiatives/1/export",
        "/api/v1/stakeholders/1/export",
        "/api/v1/moderation/queue",
    ] {
        everything.push_str(&world.send(actor, Method::GET, path, None).await.text());
    }
    [INITIATIVE_CONTACT, STAKEHOLDER_CONTACT, OTHER_CONTACT]
        .into_iter()
        .filter(|c| everything.contains(c))
        .collect()
}

#[tokio::test]
async fn no_endpoint_shows_a_contact_to_someone_who_may_not_see_it() {
    let world = World::new().await;
    let mut expected: Vec<(Actor, Vec<&str>)> = vec![
        (Anonymous, vec![]),
        (InitiativeOwner, vec![INITIATIVE_CONTACT]),
        (StakeholderOwner, vec![STAKEHOLDER_CONTACT]),
        (OtherOwner, vec![OTHER_CONTACT]),
        (
            CityAdmin,
            vec![INITIATIVE_CONTACT, STAKEHOLDER_CONTACT, OTHER_CONTACT],
        ),
        (OtherCityAdmin, vec![]),
        (
            CityModerator,
            vec![INITIATIVE_CONTACT, STAKEHOLDER_CONTACT, OTHER_CONTACT],
        ),
        (
            CityManager,
            vec![INITIATIVE_CONTACT, STAKEHOLDER_CONTACT, OTHER_CONTACT],
        ),
        (OtherCityManager, vec![]),
        (ExpiredAdmin, vec![]),
        (UnknownToken, vec![]),
        (Malformed, vec![]),
    ];
    for (actor, sees) in &expected {
        assert_eq!(
            &contacts_seen(&world, *actor).await,
            sees,
            "{actor:?}, pledge pending"
        );
    }

    // Once the initiative's owner accepts the pledge, the two sides see each other — and still
    // nobody else does.
    let accepted = world
        .send(
            InitiativeOwner,
            Method::POST,
            "/api/v1/pledges/1/accept",
            None,
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
    expected[1].1 = vec![INITIATIVE_CONTACT, STAKEHOLDER_CONTACT];
    expected[2].1 = vec![INITIATIVE_CONTACT, STAKEHOLDER_CONTACT];
    for (actor, sees) in &expected {
        assert_eq!(
            &contacts_seen(&world, *actor).await,
            sees,
            "{actor:?}, pledge accepted"
        );
    }
}
