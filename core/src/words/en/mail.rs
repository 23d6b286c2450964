//! The mails' words in English.

use crate::words::{Decisions, Mail, Notice};

pub(in crate::words) static MAIL: Mail = Mail {
    code_subject: "Your Pentahelix sign-in code: {code}",
    code_body: "Your sign-in code: {code}. It works for {minutes} minutes, once.",
    code_ignore: "If you are not signing in to Pentahelix, ignore this email: without this code nobody can sign in.",
    pledge_offered: Notice {
        subject: "{stakeholder} offers support for \u{201c}{initiative}\u{201d}",
        body: "{stakeholder} offers {resource} for your initiative \u{201c}{initiative}\u{201d}. Sign in to Pentahelix with this email address to accept or decline the offer.",
    },
    pledge_message: "Their message: \u{201c}{message}\u{201d}",
    pledge_withdrawn: Notice {
        subject: "{stakeholder} withdrew its offer for \u{201c}{initiative}\u{201d}",
        body: "{stakeholder} withdrew its offer of {resource} for your initiative \u{201c}{initiative}\u{201d}.",
    },
    pledge_accepted: Notice {
        subject: "Your offer for \u{201c}{initiative}\u{201d} was accepted",
        body: "The owner of the initiative \u{201c}{initiative}\u{201d} accepted your offer of {resource}. Contact them to start working together:",
    },
    contact_person: "Contact: {person}",
    contact_email: "Email: {email}",
    contact_phone: "Phone: {phone}",
    whatsapp: "Chat on WhatsApp",
    pledge_declined: Notice {
        subject: "Your offer for \u{201c}{initiative}\u{201d} was declined",
        body: "The owner of the initiative \u{201c}{initiative}\u{201d} declined your offer of {resource} this time. Other initiatives may need it: see your matches on Pentahelix.",
    },
    initiative_approved: Notice {
        subject: "\u{201c}{initiative}\u{201d} is now shown on Pentahelix",
        body: "A city official approved your initiative \u{201c}{initiative}\u{201d}: everyone can now see it and offer support.",
    },
    initiative_hidden: Notice {
        subject: "\u{201c}{initiative}\u{201d} is hidden for now",
        body: "Your initiative \u{201c}{initiative}\u{201d} is hidden until a city official reviews it, because several people or an official reported it. You will get an email when it is shown again.",
    },
    weekly_digest: Notice {
        subject: "{n} new initiatives need what you offer",
        body: "This week {n} new initiatives in your city need what you offer. Open Pentahelix to offer support:",
    },
    moderation_digest: Notice {
        subject: "{proposed} proposals and {hidden} hidden initiatives wait for you",
        body: "In your regions, {proposed} proposals wait for approval and {hidden} initiatives are hidden until reviewed. Open the Admin tab of Pentahelix to review them.",
    },
    decisions: Decisions {
        approve: Notice {
            subject: "\u{201c}{title}\u{201d} is now shown on Pentahelix",
            body: "A city official approved \u{201c}{title}\u{201d}: everyone can now see it and offer support.",
        },
        reject: Notice {
            subject: "\u{201c}{title}\u{201d} was not approved",
            body: "A city official did not approve \u{201c}{title}\u{201d}, so it is not shown. You can change it and ask the city's officials to review it again.",
        },
        hide: Notice {
            subject: "\u{201c}{title}\u{201d} was hidden by a city official",
            body: "A city official hid \u{201c}{title}\u{201d}: nobody else can see it now. You can still change it, and reply to the officials if you think this is a mistake.",
        },
        restore: Notice {
            subject: "\u{201c}{title}\u{201d} is shown again",
            body: "A city official reviewed \u{201c}{title}\u{201d} and shows it again: everyone can see it and offer support.",
        },
        edit: Notice {
            subject: "A city official changed \u{201c}{title}\u{201d}",
            body: "A city official changed the text of \u{201c}{title}\u{201d}. Open it on Pentahelix to see it as it is now.",
        },
        delete: Notice {
            subject: "\u{201c}{title}\u{201d} was deleted",
            body: "A city official deleted \u{201c}{title}\u{201d} from Pentahelix, with the personal data it held.",
        },
    },
    decision_reason: "The official's reason: \u{201c}{reason}\u{201d}",
    official_invited: Notice {
        subject: "You are invited to the Pentahelix officials' workspace",
        body: "You are now a {role} on Pentahelix for {regions}. You can review reports and proposals, verify partners and see what the program achieved.",
    },
    partner_invited: Notice {
        subject: "{stakeholder} is invited to support \u{201c}{initiative}\u{201d}",
        body: "The owner of the initiative \u{201c}{initiative}\u{201d} sees {stakeholder} as a good partner and invites you to join. What it needs: {needs}. Open the initiative to offer support, or decline the invitation under My things.",
    },
    invitation_message: "The owner's message: \u{201c}{message}\u{201d}",
    see_initiative: "See the initiative",
    official_sign_in: "To start, open Pentahelix, go to My things and sign in with {email}: a code will be sent to this address. The Admin tab then appears.",
    roles: ["moderator", "manager"],
    open_pentahelix: "Open Pentahelix",
    why: "You receive this email because this address is the contact of a record on Pentahelix.",
    unsubscribe: "Stop emails of this kind",
    unsubscribe_title: "Stop emails",
    unsubscribe_confirm: "Stop emails {kind} to this address?",
    unsubscribe_button: "Yes, stop them",
    unsubscribed: "Done. You will get no more emails {kind}. You can turn them back on in My things.",
    unsubscribe_invalid: "This link is incomplete or no longer valid. Manage your emails in My things.",
    share_opening: "Opening this initiative on the city's page…",
    kinds: [
        "about new offers",
        "about withdrawn offers",
        "about accepted offers",
        "about declined offers",
        "about approved initiatives",
        "about hidden initiatives",
        "with the weekly digest of new initiatives",
        "with the daily digest of the moderation queue",
        "about the city officials' decisions on your records",
        "with invitations to the officials' workspace",
        "with invitations to support an initiative",
    ],
};
