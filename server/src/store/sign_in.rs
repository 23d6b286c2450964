//! Sign-in by email: the one-time codes mailed to an address, the sessions they open, and the
//! records an address manages (every initiative and profile whose contact email it is).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::api::{InitiativeId, StakeholderId};
use pentahelix_core::validate::email_key;

use super::credentials::Owner;
use super::sql::{Columns, Db, Sql, SqlStore};
use crate::auth::TokenHash;
use crate::error::Error;

/// What checking a code found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// The code was right; it is used up.
    Accepted,
    /// Wrong; the code stays valid for `tries_left` more tries.
    Wrong { tries_left: i64 },
    /// No live code for the address: never asked for, expired, used, or out of tries.
    NoCode,
}

/// A signed-in address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

#[async_trait]
pub trait SignInStore: Send + Sync {
    /// Stores a new code for `email`, replacing any earlier one, unless one was made after
    /// `not_since` (the address's rate limit): whether it was stored.
    async fn put_email_code(
        &self,
        email: &str,
        code: &TokenHash,
        tries: i64,
        expires_at: DateTime<Utc>,
        not_since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, Error>;
    /// Checks `code` against the address's live code, spending one try.
    async fn check_email_code(
        &self,
        email: &str,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<CodeCheck, Error>;
    async fn create_session(
        &self,
        token: &TokenHash,
        email: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<i64, Error>;
    async fn session(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, Error>;
    /// Ends one session; whether there was one.
    async fn end_session(&self, token: &TokenHash) -> Result<bool, Error>;
    /// Ends every session of the address ("sign out everywhere"); how many.
    async fn end_sessions_of(&self, email: &str) -> Result<u64, Error>;
    /// The records whose contact email is `email`, case-blind.
    async fn records_of(&self, email: &str) -> Result<Vec<Owner>, Error>;
    /// Forgets expired codes and sessions.
    async fn purge_sign_ins(&self, now: DateTime<Utc>) -> Result<(), Error>;
}

#[async_trait]
impl<DB: Db> SignInStore for SqlStore<DB> {
    async fn put_email_code(
        &self,
        email: &str,
        code: &TokenHash,
        tries: i64,
        expires_at: DateTime<Utc>,
        not_since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let stored = Sql::new(
            "INSERT INTO email_codes (email, code_hash, tries_left, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (email) DO UPDATE SET code_hash = $2, tries_left = $3, expires_at = $4, \
             created_at = $5 WHERE email_codes.created_at <= $6",
        )
        .arg(email)
        .arg(code.as_bytes())
        .arg(tries)
        .arg(expires_at)
        .arg(now)
        .arg(not_since)
        .execute(&self.write)
        .await?;
        Ok(stored > 0)
    }

    async fn check_email_code(
        &self,
        email: &str,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<CodeCheck, Error> {
        let mut tx = self.write.begin().await?;
        let row = Sql::new(format!(
            "SELECT code_hash, tries_left, expires_at FROM email_codes WHERE email = $1{}",
            DB::FOR_UPDATE
        ))
        .arg(email)
        .fetch_optional(&mut tx)
        .await?;
        let Some(row) = row else {
            return Ok(CodeCheck::NoCode);
        };
        let tries_left = row.int("tries_left")?;
        if row.time("expires_at")? <= now || tries_left <= 0 {
            return Ok(CodeCheck::NoCode);
        }
        let right =
            TokenHash::from_bytes(&row.bytes("code_hash")?).is_some_and(|h| h.matches(code));
        let check = if right {
            Sql::new("DELETE FROM email_codes WHERE email = $1")
                .arg(email)
                .execute(&mut tx)
                .await?;
            CodeCheck::Accepted
        } else {
            Sql::new("UPDATE email_codes SET tries_left = tries_left - 1 WHERE email = $1")
                .arg(email)
                .execute(&mut tx)
                .await?;
            CodeCheck::Wrong {
                tries_left: tries_left - 1,
            }
        };
        tx.commit().await?;
        Ok(check)
    }

    async fn create_session(
        &self,
        token: &TokenHash,
        email: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<i64, Error> {
        Sql::new(
            "INSERT INTO sessions (token_hash, email, created_at, expires_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .arg(token.as_bytes())
        .arg(email)
        .arg(now)
        .arg(expires_at)
        .fetch_one(&self.write)
        .await?
        .int("id")
    }

    async fn session(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, Error> {
        let row = Sql::new(
            "SELECT id, token_hash, email, expires_at FROM sessions WHERE token_hash = $1",
        )
        .arg(token.as_bytes())
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let stored = row.bytes("token_hash")?;
        let expires_at = row.time("expires_at")?;
        if expires_at <= now || !TokenHash::from_bytes(&stored).is_some_and(|s| s.matches(token)) {
            return Ok(None);
        }
        Ok(Some(Session {
            id: row.int("id")?,
            email: row.text("email")?,
            expires_at,
        }))
    }

    async fn end_session(&self, token: &TokenHash) -> Result<bool, Error> {
        let ended = Sql::new("DELETE FROM sessions WHERE token_hash = $1")
            .arg(token.as_bytes())
            .execute(&self.write)
            .await?;
        Ok(ended > 0)
    }

    async fn end_sessions_of(&self, email: &str) -> Result<u64, Error> {
        Sql::new("DELETE FROM sessions WHERE email = $1")
            .arg(email)
            .execute(&self.write)
            .await
    }

    async fn records_of(&self, email: &str) -> Result<Vec<Owner>, Error> {
        Sql::new(
            "SELECT 'initiative' AS kind, id FROM initiatives WHERE lower(contact_email) = $1 \
             UNION ALL SELECT 'stakeholder', id FROM stakeholders WHERE lower(contact_email) = $1 \
             ORDER BY 1, 2",
        )
        .arg(email_key(email))
        .fetch_all(&self.read)
        .await?
        .iter()
        .map(|row| {
            let id = row.int("id")?;
            Ok(if row.text("kind")? == "initiative" {
                Owner::Initiative(InitiativeId(id))
            } else {
                Owner::Stakeholder(StakeholderId(id))
            })
        })
        .collect()
    }

    async fn purge_sign_ins(&self, now: DateTime<Utc>) -> Result<(), Error> {
        Sql::new("DELETE FROM email_codes WHERE expires_at <= $1")
            .arg(now)
            .execute(&self.write)
            .await?;
        Sql::new("DELETE FROM sessions WHERE expires_at <= $1")
            .arg(now)
            .execute(&self.write)
            .await?;
        Ok(())
    }
}
