//! Every operation of `/api/v1` the widget calls, as a value: its method, its path with the ids
//! filled in, its query and body, and the type it answers. The widget's client sends any
//! [`Endpoint`] through one generic request; a server test checks each [`Endpoint::TEMPLATE`]
//! against the OpenAPI document, so a route renamed on the server fails there, not in a browser.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::query::{
    AuditQuery, CityQuery, EditQuery, EventsQuery, InitiativeQuery, MatchQuery, QueryPairs,
    QueueQuery, SimilarQuery, StakeholderQuery,
};
use super::{
    Achievements, AuditEntry, CityStats, Created, Decided, Decision, EmailCodeRequest, EmbedApis,
    FlagshipInput, Initiative, InitiativeId, InitiativeInput, InitiativeMatches, Invitation,
    InvitationId, InvitationInput, Me, ModerationAction, ModerationQueue, NotificationSettings,
    Page, Pledge, PledgeId, PledgeInput, ReportInput, ReportReceipt, SessionCreated,
    SessionRequest, Stakeholder, StakeholderId, StakeholderInput, StakeholderMatches, StatusChange,
    Verification,
};
use crate::RegionCode;

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

/// The CSV exports an admin may download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Initiatives,
    Stakeholders,
    /// The officials' actions (any official's regions).
    Audit,
    /// One workbook for people: initiatives, partners and what the program achieved.
    Program,
}

impl Export {
    pub const ALL: [Export; 4] = [
        Export::Initiatives,
        Export::Stakeholders,
        Export::Audit,
        Export::Program,
    ];

    pub fn file(self) -> &'static str {
        match self {
            Export::Initiatives => "initiatives.csv",
            Export::Stakeholders => "stakeholders.csv",
            Export::Audit => "audit.csv",
            Export::Program => "program.xlsx",
        }
    }
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
    InitiativePledges { id: InitiativeId }
        = Get "/initiatives/{id}/pledges" => |e| format!("/initiatives/{}/pledges", e.id.0);
        -> Vec<Pledge>;
    Offer { id: InitiativeId, input: PledgeInput }
        = Post "/initiatives/{id}/pledges" => |e| format!("/initiatives/{}/pledges", e.id.0);
        body: input as PledgeInput;
        -> Pledge;
    InitiativeMatchList { id: InitiativeId, query: MatchQuery }
        = Get "/initiatives/{id}/matches" => |e| format!("/initiatives/{}/matches", e.id.0);
        query: query as MatchQuery;
        -> InitiativeMatches;
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
    /// Accept, decline or withdraw a pledge.
    AnswerPledge { id: PledgeId, action: PledgeAction }
        = Post "/pledges/{id}/{action}" => |e| format!("/pledges/{}/{}", e.id.0, e.action.slug());
        empty_body;
        -> Pledge;
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
    StakeholderPledges { id: StakeholderId }
        = Get "/stakeholders/{id}/pledges" => |e| format!("/stakeholders/{}/pledges", e.id.0);
        -> Vec<Pledge>;
    StakeholderMatchList { id: StakeholderId, query: MatchQuery }
        = Get "/stakeholders/{id}/matches" => |e| format!("/stakeholders/{}/matches", e.id.0);
        query: query as MatchQuery;
        -> StakeholderMatches;
    Stats { query: CityQuery }
        = Get "/stats" => |_e| "/stats".into();
        query: query as CityQuery;
        -> CityStats;
    /// What a city's program achieved, per month and kecamatan.
    CityAchievements { query: CityQuery }
        = Get "/stats/achievements" => |_e| "/stats/achievements".into();
        query: query as CityQuery;
        -> Achievements;
    /// Every served city's stats, for comparing them.
    StatsOfCities {}
        = Get "/stats/cities" => |_e| "/stats/cities".into();
        -> Vec<CityStats>;
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
    /// Mail a sign-in code.
    AskCode { input: EmailCodeRequest }
        = Post "/auth/email-code" => |_e| "/auth/email-code".into();
        body: input as EmailCodeRequest;
        -> ();
    /// Trade the mailed code for a session.
    SignIn { input: SessionRequest }
        = Post "/auth/session" => |_e| "/auth/session".into();
        body: input as SessionRequest;
        -> SessionCreated;
    SignOut {}
        = Delete "/auth/session" => |_e| "/auth/session".into();
        -> ();
    SignOutEverywhere {}
        = Delete "/auth/sessions" => |_e| "/auth/sessions".into();
        -> ();
    /// What the signed-in address manages and has to answer.
    GetMe {}
        = Get "/me" => |_e| "/me".into();
        -> Me;
    PutSettings { settings: NotificationSettings }
        = Put "/me/settings" => |_e| "/me/settings".into();
        body: settings as NotificationSettings;
        -> NotificationSettings;
    /// The other servers a widget loaded from this one may be pointed at (read by the loader).
    OtherApis {}
        = Get "/embed/apis" => |_e| "/embed/apis".into();
        -> EmbedApis;
}

/// A CSV export, as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Download {
    pub export: Export,
}

impl Endpoint for Download {
    const METHOD: Method = Method::Get;
    const TEMPLATE: &'static str = "/exports/{file}";
    const FORMAT: Format = Format::Text;
    type Query = Empty;
    type Body = Empty;
    type Answer = String;

    fn path(&self) -> String {
        format!("/exports/{}", self.export.file())
    }
}

/// A region's upcoming events as an iCalendar feed, to subscribe to or download (a link, not a
/// request of the widget's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calendar {
    pub query: EventsQuery,
}

impl Endpoint for Calendar {
    const METHOD: Method = Method::Get;
    const TEMPLATE: &'static str = "/exports/events.ics";
    const FORMAT: Format = Format::Text;
    type Query = EventsQuery;
    type Body = Empty;
    type Answer = String;

    fn path(&self) -> String {
        Self::TEMPLATE.to_owned()
    }

    fn query(&self) -> Option<&EventsQuery> {
        Some(&self.query)
    }
}

/// One initiative's dates as an iCalendar file, for "add to calendar" (a link, not a request of
/// the widget's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitiativeEvent {
    pub id: InitiativeId,
}

impl Endpoint for InitiativeEvent {
    const METHOD: Method = Method::Get;
    const TEMPLATE: &'static str = "/initiatives/{id}/event.ics";
    const FORMAT: Format = Format::Text;
    type Query = Empty;
    type Body = Empty;
    type Answer = String;

    fn path(&self) -> String {
        format!("/initiatives/{}/event.ics", self.id.0)
    }
}

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
