//! What is copied: every table in foreign-key order, with its columns and the kind of each.

#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    Int,
    Text,
    Bytes,
    Bool,
    Time,
    Date,
}

pub(super) struct Table {
    pub name: &'static str,
    /// The column(s) rows are copied and compared in the order of; text sorts bytewise on both
    /// sides.
    pub order_by: &'static str,
    /// Whether `id` comes from a sequence that must continue after the copied ids.
    pub identity: bool,
    pub columns: &'static [(&'static str, Kind)],
}

use Kind::{Bool, Bytes, Date, Int, Text, Time};

/// In foreign-key order: a pledge's initiative and stakeholder are copied before it.
pub(super) const TABLES: &[Table] = &[
    Table {
        name: "stakeholders",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("name", Text),
            ("helix", Text),
            ("region", Int),
            ("subsectors", Int),
            ("offers", Int),
            ("description", Text),
            ("website", Text),
            ("verified", Bool),
            ("contact_person", Text),
            ("contact_email", Text),
            ("contact_phone", Text),
            ("token_hash", Bytes),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    Table {
        name: "initiatives",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("title", Text),
            ("description", Text),
            ("region", Int),
            ("subsectors", Int),
            ("needs", Text),
            ("needed", Int),
            ("starts_on", Date),
            ("ends_on", Date),
            ("place", Text),
            ("status", Text),
            ("status_before_hidden", Text),
            ("coverage", Int),
            ("fulfilled", Int),
            ("report_count", Int),
            ("contact_person", Text),
            ("contact_email", Text),
            ("contact_phone", Text),
            ("token_hash", Bytes),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    Table {
        name: "pledges",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("initiative_id", Int),
            ("stakeholder_id", Int),
            ("resource", Text),
            ("message", Text),
            ("status", Text),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    Table {
        name: "invitations",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("initiative_id", Int),
            ("stakeholder_id", Int),
            ("message", Text),
            ("status", Text),
            ("created_at", Time),
            ("updated_at", Time),
        ],
    },
    Table {
        name: "reports",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("target_kind", Text),
            ("target_id", Int),
            ("reporter", Bytes),
            ("category", Text),
            ("reason", Text),
            ("resolved", Bool),
            ("created_at", Time),
        ],
    },
    Table {
        name: "officials",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("email", Text),
            ("region", Int),
            ("role", Text),
            ("created_at", Time),
        ],
    },
    Table {
        name: "audit_trail",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("at", Time),
            ("actor", Text),
            ("action", Text),
            ("target_kind", Text),
            ("target_id", Int),
            ("region", Int),
            ("title", Text),
            ("before", Text),
            ("after", Text),
            ("reason", Text),
        ],
    },
    Table {
        name: "admin_tokens",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("token_hash", Bytes),
            ("label", Text),
            ("regions", Text),
            ("created_at", Time),
            ("expires_at", Time),
            ("email", Text),
        ],
    },
    Table {
        name: "flagship_products",
        order_by: "region",
        identity: false,
        columns: &[("region", Int), ("product", Text), ("updated_at", Time)],
    },
    // Kept so a client retrying across the move still gets its first answer.
    Table {
        name: "idempotency_keys",
        order_by: "key_hash, scope",
        identity: false,
        columns: &[
            ("key_hash", Bytes),
            ("scope", Text),
            ("request_hash", Bytes),
            ("status", Int),
            ("body", Bytes),
            ("created_at", Time),
            ("holds", Text),
        ],
    },
    // Signed-in people stay signed in, and keep their mail settings and unsent notifications.
    Table {
        name: "sessions",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("token_hash", Bytes),
            ("email", Text),
            ("created_at", Time),
            ("expires_at", Time),
        ],
    },
    Table {
        name: "mail_settings",
        order_by: "email",
        identity: false,
        columns: &[
            ("email", Text),
            ("lang", Text),
            ("muted", Text),
            ("opted_in", Text),
            ("updated_at", Time),
        ],
    },
    Table {
        name: "webhooks",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("region", Text),
            ("region_low", Int),
            ("region_high", Int),
            ("url", Text),
            ("secret", Bytes),
            ("created_at", Time),
        ],
    },
    Table {
        name: "outbox",
        order_by: "id",
        identity: true,
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("recipient", Text),
            ("subject_id", Int),
            ("region", Int),
            ("message_id", Text),
            ("attempts", Int),
            ("next_attempt_at", Time),
            ("claimed_until", Time),
            ("sent_at", Time),
            ("failed_at", Time),
            ("last_error", Text),
            ("created_at", Time),
            ("webhook_id", Int),
        ],
    },
    // The reporter and mail keys: open reports keep counting each person once, and unsubscribe
    // links in mails already sent keep working.
    Table {
        name: "server_keys",
        order_by: "name",
        identity: false,
        columns: &[("name", Text), ("key", Bytes), ("created_at", Time)],
    },
];

/// The statement that reads `table` in its copy order; `text_order` collates text columns.
pub(super) fn select(table: &Table, text_order: &str) -> String {
    let columns: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
    let order: Vec<String> = table
        .order_by
        .split(", ")
        .map(|column| {
            let text = table
                .columns
                .iter()
                .any(|(name, kind)| *name == column && matches!(kind, Text));
            if text {
                format!("{column}{text_order}")
            } else {
                column.to_owned()
            }
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        columns.join(", "),
        table.name,
        order.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keys_sort_bytewise_in_postgresql() {
        let keys = TABLES
            .iter()
            .find(|t| t.name == "idempotency_keys")
            .unwrap();
        assert_eq!(
            select(keys, " COLLATE \"C\""),
            "SELECT key_hash, scope, request_hash, status, body, created_at, holds FROM idempotency_keys \
             ORDER BY key_hash, scope COLLATE \"C\""
        );
    }
}
