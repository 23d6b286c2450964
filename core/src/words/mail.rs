//! The words of the mails the server sends: sign-in codes and notifications. Only the server
//! reads this part, so it never reaches the widget's wasm.

use serde::Serialize;

/// A notification's subject and its one paragraph of news; the blanks are named in each.
#[derive(Debug, Serialize)]
pub struct Notice {
    pub subject: &'static str,
    pub body: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Mail {
    /// `{code}`.
    pub code_subject: &'static str,
    /// `{code}`, `{minutes}`.
    pub code_body: &'static str,
    pub code_ignore: &'static str,
    /// `{stakeholder}`, `{initiative}`, `{resource}`.
    pub pledge_offered: Notice,
    /// `{message}`: the stakeholder's note.
    pub pledge_message: &'static str,
    /// `{stakeholder}`, `{initiative}`, `{resource}`.
    pub pledge_withdrawn: Notice,
    /// `{initiative}`, `{resource}`.
    pub pledge_accepted: Notice,
    /// `{person}`, `{email}`, `{phone}`: the owner's contact, each line only when given.
    pub contact_person: &'static str,
    pub contact_email: &'static str,
    pub contact_phone: &'static str,
    pub whatsapp: &'static str,
    /// `{initiative}`, `{resource}`.
    pub pledge_declined: Notice,
    /// `{initiative}`.
    pub initiative_approved: Notice,
    /// `{initiative}`.
    pub initiative_hidden: Notice,
    /// `{n}`: new initiatives, listed after the body one per line.
    pub weekly_digest: Notice,
    /// `{proposed}`, `{hidden}`: what waits in the admin's regions.
    pub moderation_digest: Notice,
    pub open_pentahelix: &'static str,
    pub why: &'static str,
    pub unsubscribe: &'static str,
    /// The page an unsubscribe link opens. `{kind}`: what stops.
    pub unsubscribe_title: &'static str,
    pub unsubscribe_confirm: &'static str,
    pub unsubscribe_button: &'static str,
    pub unsubscribed: &'static str,
    pub unsubscribe_invalid: &'static str,
    /// The kinds, as the unsubscribe page names them, in the order of `NotificationKind::ALL`.
    pub kinds: [&'static str; crate::api::NotificationKind::ALL.len()],
}
