//! Storage: SQLite (one process, one file: a city) or PostgreSQL (several processes: a province
//! or the nation), chosen by the database URL's scheme, behind one set of traits so the handlers
//! never know which one they talk to.
//!
//! Each aggregate has its module, holding its trait, the types of its arguments and the SQL that
//! implements it once for both databases (see `sql`): a handler calls the store, the store runs
//! the SQL. Stores return the API types of `pentahelix-core` with contacts filled in; who may
//! *see* a contact is decided above the store, in `access`.

pub mod audit;
pub mod credentials;
pub mod decisions;
pub mod features;
pub mod flagships;
pub mod idempotency;
pub mod initiatives;
pub mod invitations;
pub mod mail_settings;
pub mod moderation;
pub mod officials;
pub mod outbox;
pub mod pledges;
pub mod postgres;
pub mod sign_in;
pub mod sql;
pub mod sqlite;
pub mod stakeholders;
pub mod stats;
pub mod trace;
pub mod webhooks;

use async_trait::async_trait;
use sqlx::Database;

pub use audit::{AuditFilter, AuditStore};
pub use credentials::{AdminGrant, AdminTokenEntry, CredentialStore, Owner};
pub use decisions::{DecisionStore, Outcome};
pub use features::{FeatureStore, Versions};
pub use flagships::FlagshipStore;
pub use idempotency::{IdempotencyClaim, IdempotencyStore};
pub use initiatives::{InitiativeFilter, InitiativeStore};
pub use invitations::InvitationStore;
pub use mail_settings::MailSettingsStore;
pub use moderation::{ModerationStore, QueueFilter, QueuePosition, ReportEntry, ReportTarget};
pub use officials::{Invited, OfficialEntry, OfficialStore};
pub use outbox::{OutboxItem, OutboxStore, Recipient};
pub use pledges::{PledgeChange, PledgeStore};
pub use postgres::PgStore;
pub use sign_in::{CodeCheck, Session, SignInStore};
pub use sqlite::SqliteStore;
pub use stakeholders::{StakeholderFilter, StakeholderStore};
pub use stats::{StatsInitiative, StatsRows, StatsStore};
pub use trace::Act;
pub use webhooks::{WebhookEntry, WebhookStore, WebhookTarget};

use crate::error::Error;
use sql::{Db, Sql, SqlStore};

/// Keyset pagination: newest first, strictly older than `before` when given. Insertions during a
/// walk get higher ids, so they can neither duplicate nor push out an item of a later page.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub before: Option<i64>,
    pub limit: u32,
}

/// Everything the server stores. A part of the server that needs one aggregate takes that
/// aggregate's trait instead.
#[async_trait]
pub trait Store:
    InitiativeStore
    + StakeholderStore
    + PledgeStore
    + InvitationStore
    + ModerationStore
    + DecisionStore
    + AuditStore
    + OfficialStore
    + FlagshipStore
    + StatsStore
    + FeatureStore
    + CredentialStore
    + IdempotencyStore
    + SignInStore
    + OutboxStore
    + MailSettingsStore
    + WebhookStore
    + Send
    + Sync
    + 'static
{
    /// Checks the database answers: `/readyz`.
    async fn ping(&self) -> Result<(), Error>;
}

#[async_trait]
impl<DB: Db> Store for SqlStore<DB>
where
    SqlStore<DB>: Send + Sync,
    DB: Database,
{
    async fn ping(&self) -> Result<(), Error> {
        Sql::new("SELECT 1").execute(&self.read).await?;
        Ok(())
    }
}

/// Opens the store at `url`, the backend picked by its scheme.
pub async fn open(url: &str) -> Result<Box<dyn Store>, Error> {
    if url.starts_with("sqlite:") {
        Ok(Box::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Box::new(PgStore::open(url).await?))
    } else {
        Err(Error::Config(format!(
            "--database-url `{}`: unsupported scheme; use sqlite://PATH or \
             postgres://USER:PASSWORD@HOST:PORT/DATABASE",
            redact_password(url)
        )))
    }
}

/// A database URL fit for a log line or an error message: without its password.
pub fn redact_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find(['/', '?'])
        .map_or(url.len(), |i| scheme_end + i);
    let authority = &url[scheme_end..authority_end];
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!(
                "{}{user}:***@{host}{}",
                &url[..scheme_end],
                &url[authority_end..]
            ),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_password;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact_password("postgres://app:s3cr%40t@db.example:5432/ph?sslmode=require"),
            "postgres://app:***@db.example:5432/ph?sslmode=require"
        );
        assert_eq!(
            redact_password("postgres://app@db/ph"),
            "postgres://app@db/ph"
        );
        assert_eq!(
            redact_password("sqlite://data/pentahelix.db"),
            "sqlite://data/pentahelix.db"
        );
    }
}
