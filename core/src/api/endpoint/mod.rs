//! Every operation of `/api/v1` the widget calls, as a value: its method, its path with the ids
//! filled in, its query and body, and the type it answers. The widget's client sends any
//! [`Endpoint`] through one generic request; a server test checks each [`Endpoint::TEMPLATE`]
//! against the OpenAPI document, so a route renamed on the server fails there, not in a browser.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::query::QueryPairs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// How an answer's body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    /// The body is the answer, as text (the CSV exports).
    Text,
}

/// One operation of the API.
pub trait Endpoint {
    const METHOD: Method;
    /// The path under `/api/v1` as the OpenAPI document writes it (`/initiatives/{id}`).
    const TEMPLATE: &'static str;
    const FORMAT: Format = Format::Json;
    type Query: QueryPairs;
    type Body: Serialize;
    type Answer: DeserializeOwned;

    /// The path under `/api/v1`, with the ids filled in.
    fn path(&self) -> String;
    fn query(&self) -> Option<&Self::Query> {
        None
    }
    fn body(&self) -> Option<&Self::Body> {
        None
    }
}

/// The body of an action that carries nothing but must be a JSON object (`{}`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Empty {}

impl QueryPairs for Empty {
    fn each_pair(&self, _: &mut dyn FnMut(&'static str, &str)) {}
}

/// Declares endpoints: `Name { fields } = METHOD "template" => |self| path; query: field;
/// body: field; -> Answer;`, or `empty_body;` for an action whose body is `{}`.
macro_rules! endpoints {
    ($(
        $(#[$doc:meta])*
        $name:ident { $($field:ident: $ty:ty),* $(,)? }
            = $method:ident $template:literal => |$this:ident| $path:expr;
            $(query: $query_field:ident as $query:ty;)?
            $(body: $body_field:ident as $body:ty;)?
            $(empty_body $empty:tt)?
            -> $answer:ty;
    )*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $(pub $field: $ty,)*
        }

        impl Endpoint for $name {
            const METHOD: Method = Method::$method;
            const TEMPLATE: &'static str = $template;
            type Query = endpoints!(@or $($query)?);
            type Body = endpoints!(@or $($body)?);
            type Answer = $answer;

            fn path(&self) -> String {
                let $this = self;
                $path
            }
            $(fn query(&self) -> Option<&Self::Query> {
                Some(&self.$query_field)
            })?
            $(fn body(&self) -> Option<&Self::Body> {
                Some(&self.$body_field)
            })?
            $(fn body(&self) -> Option<&Self::Body> {
                endpoints!(@ignore $empty);
                Some(&Empty {})
            })?
        }
    )*};
    (@ignore $token:tt) => {};
    (@or $ty:ty) => { $ty };
    (@or) => { Empty };
}

mod account;
mod exports;
mod initiatives;
mod invitations;
mod moderation;
mod pledges;
mod regions;
mod stakeholders;
mod stats;

pub use account::*;
pub use exports::*;
pub use initiatives::*;
pub use invitations::*;
pub use moderation::*;
pub use pledges::*;
pub use regions::*;
pub use stakeholders::*;
pub use stats::*;

/// The paths of every endpoint above with their method, for checking them against the
/// server's OpenAPI document. Templates with an action segment list each action.
pub fn all_paths() -> Vec<(Method, String)> {
    fn one<E: Endpoint>() -> (Method, String) {
        (E::METHOD, E::TEMPLATE.to_owned())
    }
    let mut paths = vec![
        one::<ListInitiatives>(),
        one::<SimilarInitiatives>(),
        one::<GetInitiative>(),
        one::<CreateInitiative>(),
        one::<UpdateInitiative>(),
        one::<ChangeStatus>(),
        one::<InitiativePledges>(),
        one::<Offer>(),
        one::<InitiativeMatchList>(),
        one::<InitiativeInvitations>(),
        one::<Invite>(),
        one::<StakeholderInvitations>(),
        one::<DeclineInvitation>(),
        one::<ListStakeholders>(),
        one::<GetStakeholder>(),
        one::<CreateStakeholder>(),
        one::<UpdateStakeholder>(),
        one::<StakeholderPledges>(),
        one::<StakeholderMatchList>(),
        one::<Stats>(),
        one::<StatsOfCities>(),
        one::<CityAchievements>(),
        one::<Report>(),
        one::<Queue>(),
        one::<Moderate>(),
        one::<ModerateStakeholder>(),
        one::<AuditTrail>(),
        one::<Verify>(),
        one::<SetFlagship>(),
        one::<Calendar>(),
        one::<InitiativeEvent>(),
        one::<AskCode>(),
        one::<SignIn>(),
        one::<SignOut>(),
        one::<SignOutEverywhere>(),
        one::<GetMe>(),
        one::<PutSettings>(),
        one::<OtherApis>(),
        one::<ListRegions>(),
    ];
    for action in [
        PledgeAction::Accept,
        PledgeAction::Decline,
        PledgeAction::Withdraw,
    ] {
        paths.push((Method::Post, format!("/pledges/{{id}}/{}", action.slug())));
    }
    for export in Export::ALL {
        paths.push((Method::Get, format!("/exports/{}", export.file())));
    }
    paths
}
