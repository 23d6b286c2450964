//! What each notification says, composed when it is sent from the records as they are then (a
//! renamed initiative is mailed under its new name; a deleted one is not mailed at all), in the
//! recipient's language, as plain text and as HTML.

use pentahelix_core::Lang;
use pentahelix_core::api::{AuditAction, InvitationId, NotificationKind, OfficialRole, PledgeId};
use pentahelix_core::words::{self, fill};

use super::draft::Draft;
use super::{digests, unsubscribe};
use crate::error::Error;
use crate::mail::Letter;
use crate::state::AppState;
use crate::store::OutboxItem;

/// A notification to send, or the reason it is no longer meaningful.
#[derive(Debug)]
pub enum Composed {
    Letter(Box<Letter>),
    Dropped(&'static str),
}

pub async fn compose(state: &AppState, item: &OutboxItem) -> Result<Composed, Error> {
    let store = state.store();
    let settings = store.mail_settings(&item.recipient).await?;
    if settings.off.contains(&item.kind) {
        return Ok(Composed::Dropped("turned off by the recipient"));
    }
    let lang = settings.lang;
    let mail = words::mail(lang);
    let mut draft = match item.kind {
        NotificationKind::WeeklyDigest | NotificationKind::ModerationDigest => {
            match digests::draft(state, item, lang).await? {
                Some(draft) => draft,
                None => return Ok(Composed::Dropped("nothing new for this digest")),
            }
        }
        NotificationKind::PledgeOffered
        | NotificationKind::PledgeWithdrawn
        | NotificationKind::PledgeAccepted
        | NotificationKind::PledgeDeclined => {
            let Some(pledge) = store.pledge(PledgeId(item.subject_id)).await? else {
                return Ok(Composed::Dropped("the pledge was deleted"));
            };
            let Some(initiative) = store.initiative(pledge.initiative_id).await? else {
                return Ok(Composed::Dropped("the initiative was deleted"));
            };
            let resource = words::in_sentence(pledge.resource.label(lang));
            let values = [
                ("stakeholder", pledge.stakeholder.name.as_str()),
                ("initiative", initiative.title.as_str()),
                ("resource", resource.as_str()),
            ];
            let notice = match item.kind {
                NotificationKind::PledgeOffered => &mail.pledge_offered,
                NotificationKind::PledgeWithdrawn => &mail.pledge_withdrawn,
                NotificationKind::PledgeAccepted => &mail.pledge_accepted,
                _ => &mail.pledge_declined,
            };
            let mut draft = Draft {
                subject: fill(notice.subject, &values),
                paragraphs: vec![fill(notice.body, &values)],
                links: Vec::new(),
            };
            if item.kind == NotificationKind::PledgeOffered && !pledge.message.trim().is_empty() {
                draft.paragraphs.push(fill(
                    mail.pledge_message,
                    &[("message", pledge.message.trim())],
                ));
            }
            if item.kind == NotificationKind::PledgeAccepted
                && let Some(contact) = initiative.contact
            {
                draft
                    .paragraphs
                    .push(fill(mail.contact_person, &[("person", &contact.person)]));
                if let Some(email) = &contact.email {
                    draft
                        .paragraphs
                        .push(fill(mail.contact_email, &[("email", email)]));
                }
                if let Some(phone) = &contact.phone {
                    draft
                        .paragraphs
                        .push(fill(mail.contact_phone, &[("phone", phone)]));
                }
                if let Some(link) = contact.whatsapp_link() {
                    draft.links.push((mail.whatsapp.to_owned(), link));
                }
            }
            draft
        }
        NotificationKind::PartnerInvited => {
            let Some(invitation) = store.invitation(InvitationId(item.subject_id)).await? else {
                return Ok(Composed::Dropped("the invitation was deleted"));
            };
            if invitation.status != pentahelix_core::api::InvitationStatus::Pending {
                return Ok(Composed::Dropped(
                    "the partner answered the invitation already",
                ));
            }
            let Some(initiative) = store.initiative(invitation.initiative_id).await? else {
                return Ok(Composed::Dropped("the initiative was deleted"));
            };
            if !initiative.status.is_live() {
                return Ok(Composed::Dropped(
                    "the initiative no longer looks for partners",
                ));
            }
            let needs = initiative
                .needs
                .iter()
                .map(|need| words::in_sentence(need.resource.label(lang)))
                .collect::<Vec<_>>()
                .join(", ");
            let values = [
                ("stakeholder", invitation.stakeholder.name.as_str()),
                ("initiative", initiative.title.as_str()),
                ("needs", needs.as_str()),
            ];
            let mut draft = Draft {
                subject: fill(mail.partner_invited.subject, &values),
                paragraphs: vec![fill(mail.partner_invited.body, &values)],
                links: Vec::new(),
            };
            if !invitation.message.is_empty() {
                draft.paragraphs.push(fill(
                    mail.invitation_message,
                    &[("message", invitation.message.as_str())],
                ));
            }
            draft.links.push((
                mail.see_initiative.to_owned(),
                format!(
                    "{}/#pentahelix/initiative/{}",
                    state.public_url(),
                    initiative.id.0
                ),
            ));
            draft
        }
        NotificationKind::InitiativeApproved | NotificationKind::InitiativeHidden => {
            let Some(initiative) = store
                .initiative(pentahelix_core::api::InitiativeId(item.subject_id))
                .await?
            else {
                return Ok(Composed::Dropped("the initiative was deleted"));
            };
            let values = [("initiative", initiative.title.as_str())];
            let notice = if item.kind == NotificationKind::InitiativeApproved {
                &mail.initiative_approved
            } else {
                &mail.initiative_hidden
            };
            Draft {
                subject: fill(notice.subject, &values),
                paragraphs: vec![fill(notice.body, &values)],
                links: Vec::new(),
            }
        }
        NotificationKind::OfficialDecision => {
            // The trail keeps the title as it was, so even a deleted record's owner is told
            // which one.
            let Some(entry) = store.audit_entry(item.subject_id).await? else {
                return Ok(Composed::Dropped("the decision is not in the audit trail"));
            };
            let decisions = &mail.decisions;
            let notice = match entry.action {
                AuditAction::Approve => &decisions.approve,
                AuditAction::Reject => &decisions.reject,
                AuditAction::Hide => &decisions.hide,
                AuditAction::Restore => &decisions.restore,
                AuditAction::Edit => &decisions.edit,
                AuditAction::Delete => &decisions.delete,
                _ => return Ok(Composed::Dropped("this decision is not told to owners")),
            };
            let values = [("title", entry.title.as_str())];
            let mut paragraphs = vec![fill(notice.body, &values)];
            if !entry.reason.is_empty() {
                paragraphs.push(fill(
                    mail.decision_reason,
                    &[("reason", entry.reason.as_str())],
                ));
            }
            Draft {
                subject: fill(notice.subject, &values),
                paragraphs,
                links: Vec::new(),
            }
        }
        NotificationKind::OfficialInvited => {
            let grants = store.official_grants(&item.recipient).await?;
            let Some(invited) = store.official(item.subject_id).await? else {
                return Ok(Composed::Dropped("the official was removed"));
            };
            let regions = grants
                .iter()
                .map(|grant| {
                    state
                        .regions()
                        .name(grant.region)
                        .map_or_else(|| grant.region.to_string(), str::to_owned)
                })
                .collect::<Vec<_>>()
                .join(", ");
            let role = match invited.role {
                OfficialRole::Moderator => mail.roles[0],
                OfficialRole::Manager => mail.roles[1],
            };
            Draft {
                subject: mail.official_invited.subject.to_owned(),
                paragraphs: vec![
                    fill(
                        mail.official_invited.body,
                        &[("role", role), ("regions", regions.as_str())],
                    ),
                    fill(mail.official_sign_in, &[("email", item.recipient.as_str())]),
                ],
                links: Vec::new(),
            }
        }
    };
    let public_url = state.public_url();
    draft
        .links
        .push((mail.open_pentahelix.to_owned(), format!("{public_url}/")));
    let unsubscribe = format!(
        "{public_url}/mail/unsubscribe?token={}",
        unsubscribe::token(state.mail_key(), &item.recipient, item.kind)
    );
    Ok(Composed::Letter(Box::new(draft.written(
        lang,
        &item.recipient,
        &item.message_id,
        Some(unsubscribe),
    ))))
}

/// The mail with a sign-in code. Sent at once rather than through the outbox: a code is only
/// worth something in the next minutes, and the outbox would keep it on disk until sent.
pub fn sign_in_code(lang: Lang, to: &str, code: &str, minutes: i64, message_id: &str) -> Letter {
    let mail = words::mail(lang);
    let minutes = minutes.to_string();
    let values = [("code", code), ("minutes", minutes.as_str())];
    Draft {
        subject: fill(mail.code_subject, &values),
        paragraphs: vec![fill(mail.code_body, &values), mail.code_ignore.to_owned()],
        links: Vec::new(),
    }
    .written(lang, to, message_id, None)
}

impl Draft {
    fn written(
        self,
        lang: Lang,
        to: &str,
        message_id: &str,
        unsubscribe: Option<String>,
    ) -> Letter {
        let mail = words::mail(lang);
        let mut text = self.paragraphs.join("\n\n");
        for (label, url) in &self.links {
            text.push_str(&format!("\n\n{label}: {url}"));
        }
        let mut html = format!(
            "<!doctype html><html lang=\"{}\"><body style=\"font-family:system-ui,sans-serif;\
             line-height:1.5;color:#1f2933;max-width:36rem\">",
            lang.tag()
        );
        for paragraph in &self.paragraphs {
            html.push_str(&format!(
                "<p>{}</p>",
                escape(paragraph).replace('\n', "<br>")
            ));
        }
        for (label, url) in &self.links {
            html.push_str(&format!(
                "<p><a href=\"{}\" style=\"display:inline-block;padding:.6em 1em;\
                 background:#0b6e4f;color:#fff;border-radius:6px;text-decoration:none\">{}</a></p>",
                escape(url),
                escape(label)
            ));
        }
        if let Some(url) = &unsubscribe {
            text.push_str(&format!(
                "\n\n--\n{}\n{}: {url}",
                mail.why, mail.unsubscribe
            ));
            html.push_str(&format!(
                "<hr><p style=\"font-size:.85em;color:#52606d\">{}<br><a href=\"{}\">{}</a></p>",
                escape(mail.why),
                escape(url),
                escape(mail.unsubscribe)
            ));
        }
        html.push_str("</body></html>");
        Letter {
            to: to.to_owned(),
            subject: self.subject,
            text,
            html,
            message_id: message_id.to_owned(),
            unsubscribe,
        }
    }
}

/// Text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_mail_says_the_code_in_both_forms_and_has_no_unsubscribe() {
        let letter = sign_in_code(Lang::En, "siti@contoh.id", "042917", 15, "abc");
        assert_eq!(letter.subject, "Your Pentahelix sign-in code: 042917");
        assert!(letter.text.contains("042917") && letter.text.contains("15 minutes"));
        assert!(letter.html.contains("042917"));
        assert_eq!(letter.unsubscribe, None);
    }

    #[test]
    fn text_from_people_cannot_become_markup() {
        assert_eq!(
            escape("<b>\"Kopi\" & 'teh'</b>"),
            "&lt;b&gt;&quot;Kopi&quot; &amp; &#39;teh&#39;&lt;/b&gt;"
        );
    }
}
