//! The words in English, for visitors and partners from elsewhere.

mod mail;
mod widget;

pub(super) use mail::MAIL;
pub(super) use widget::WIDGET;

use super::{Labels, Problem, Problems, Reasons, Rules, Words};

pub static EN: Words = Words {
    widget: &WIDGET,
    labels: &LABELS,
    rules: &RULES,
    reasons: &REASONS,
    problems: &PROBLEMS,
    mail: &MAIL,
};

pub(super) static LABELS: Labels = Labels {
    helices: ["Government", "Academia", "Business", "Community", "Media"],
    subsectors: [
        "Apps",
        "Game development",
        "Architecture",
        "Interior design",
        "Visual communication design",
        "Product design",
        "Fashion",
        "Film, animation and video",
        "Photography",
        "Crafts",
        "Culinary",
        "Music",
        "Publishing",
        "Advertising",
        "Performing arts",
        "Fine arts",
        "Television and radio",
    ],
    resources: [
        "Venue and space",
        "Funding",
        "Mentoring and training",
        "Research and data",
        "Publicity",
        "Permits and policy support",
        "Market access",
        "Equipment",
        "Volunteers and talent",
        "Technology",
    ],
    statuses: [
        "Proposed",
        "Open",
        "Active",
        "Completed",
        "Withdrawn",
        "Hidden",
    ],
};

pub(super) static RULES: Rules = Rules {
    required: "This is required.",
    too_short: "Too short: write at least {min} characters.",
    too_long: "Too long: at most {max} characters.",
    control_characters: "Contains hidden control characters; please retype it.",
    too_many: "Choose at most {max}.",
    duplicate: "Already listed above.",
    outside_scope: "This region is outside the cities this site serves.",
    not_a_kecamatan: "Choose a kecamatan, not a whole city or province.",
    not_a_city_or_kecamatan: "Choose a city or a kecamatan, not a whole province.",
    unknown_region: "This region is not in the list of regions.",
    dates_out_of_order: "The end date must be on or after the start date.",
    invalid_email: "Not a valid email address, for example name@example.id.",
    invalid_phone: "Not a valid phone number, for example 0812 3456 7890.",
    invalid_website: "A web address starts with https:// or http://.",
    contact_missing: "Give an email address or a phone number.",
    consent_required: "Tick this box so that your contact can be stored and shared with accepted partners.",
    not_offered: "Your profile does not offer this; add it to your profile first.",
    not_needed: "This initiative does not ask for this kind of support.",
    date_out_of_range: "Choose a date between the years 2000 and 2100.",
    wrong_code: "The code is wrong or no longer valid. Check the latest email from Pentahelix, or ask for a new code.",
};

pub(super) static REASONS: Reasons = Reasons {
    fills_need: "Fills a need: {label}",
    asked_helix: "The helix asked for: {label}",
    brings_helix: "Brings a missing helix: {label}",
    other_helix: "From another helix: {label}",
    shares_subsector: "Same subsector: {label}",
    same_district: "In the same kecamatan",
    same_city: "In the same city",
    same_province: "In the same province",
    far: "From another city",
    verified: "Verified organisation",
};

pub(super) static PROBLEMS: Problems = Problems {
    not_found: Problem {
        title: "Not found",
        detail: "There is nothing at this address in the Pentahelix API.",
    },
    method_not_allowed: Problem {
        title: "Method not allowed",
        detail: "This address does not accept that HTTP method.",
    },
    validation: Problem {
        title: "Invalid input",
        detail: "Please check the marked fields.",
    },
    unauthorized: Problem {
        title: "Manage link or admin token needed",
        detail: "This action needs the record's private manage link or an admin token for its region.",
    },
    forbidden: Problem {
        title: "Not allowed",
        detail: "This token does not grant access to this record or region.",
    },
    conflict: Problem {
        title: "Already exists",
        detail: "The same offer already exists and is still open.",
    },
    unsupported_media_type: Problem {
        title: "Unsupported media type",
        detail: "Send the request body as JSON (Content-Type: application/json).",
    },
    payload_too_large: Problem {
        title: "Payload too large",
        detail: "The request body exceeds the API's size limit.",
    },
    rate_limited: Problem {
        title: "Too many requests",
        detail: "Too many requests from your address. Wait a moment and try again.",
    },
    unavailable: Problem {
        title: "Service busy",
        detail: "The server is busy or not ready. Try again in a moment.",
    },
    idempotency_mismatch: Problem {
        title: "Idempotency key reused",
        detail: "This Idempotency-Key was already used for a different request in the last 24 hours.",
    },
    idempotency_in_progress: Problem {
        title: "Still processing",
        detail: "The same request is still being processed. Try again in a moment.",
    },
    internal: Problem {
        title: "Server error",
        detail: "Something went wrong on the server. Please try again.",
    },
    bad_request: "Bad request",
    state_conflict: "Cannot change",
};
