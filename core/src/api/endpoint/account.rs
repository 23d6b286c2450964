//! Signing in by mailed code, the signed-in address's own view and settings, and what the loader reads.

use super::{Empty, Endpoint, Method};
use crate::api::{
    EmailCodeRequest, EmbedApis, FirstPage, FirstPageQuery, Me, NotificationSettings,
    SessionCreated, SessionRequest,
};

endpoints! {
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
    /// The list a widget opens with, as markup to paint before the wasm and as data (read by the
    /// loader).
    GetFirstPage { query: FirstPageQuery }
        = Get "/embed/first-page" => |_e| "/embed/first-page".into();
        query: query as FirstPageQuery;
        -> FirstPage;
}
