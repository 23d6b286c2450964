//! The words of the mails the server sends: sign-in codes and notifications. Only the server
//! reads this part, so it never reaches the widget's wasm.

use serde::Serialize;

/// A notification's subject and its one paragraph of news; the blanks are named in each.
#[derive(Debug, Serialize)]
pub struct Notice {
    pub subject: &'static str,
    pub body: &'static str,
}

/// What an owner is told of each official decision.
#[derive(Debug, Serialize)]
pub struct Decisions {
    pub approve: Notice,
    pub reject: Notice,
    pub hide: Notice,
    pub restore: Notice,
    pub edit: Notice,
    pub delete: Notice,
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
    /// An official's decision on a record, `{title}` (an initiative's title or a partner's
    /// name), one notice per action in the order of `Decisions`.
    pub decisions: Decisions,
    /// `{reason}`: the official's words.
    pub decision_reason: &'static str,
    /// `{role}`, `{regions}`.
    pub official_invited: Notice,
    /// How to sign in, after the invitation: `{email}`.
    pub official_sign_in: &'static str,
    /// The roles as the invitation names them: moderator, manager.
    pub roles: [&'static str; 2],
    /// `{stakeholder}`, `{initiative}`, `{needs}`: the owner's invitation to a partner.
    pub partner_invited: Notice,
    /// `{message}`: the owner's note.
    pub invitation_message: &'static str,
    /// The link to the initiative, where the partner offers support.
    pub see_initiative: &'static str,
    pub open_pentahelix: &'static str,
    pub why: &'static str,
    pub unsubscribe: &'static str,
    /// The page an unsubscribe link opens. `{kind}`: what stops.
    pub unsubscribe_title: &'static str,
    pub unsubscribe_confirm: &'static str,
    pub unsubscribe_button: &'static str,
    pub unsubscribed: &'static str,
    pub unsubscribe_invalid: &'static str,
    /// The page a shared initiative's link opens for a moment, before the city's page.
    pub share_opening: &'static str,
    /// The kinds, as the unsubscribe page names them, in the order of `NotificationKind::ALL`.
    pub kinds: [&'static str; crate::api::NotificationKind::ALL.len()],
}
