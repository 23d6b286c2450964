//! Each address's notification settings: the language of its mails, the kinds it turned off and
//! the opt-in kinds it turned on. An address without a row gets every kind but the opt-in ones,
//! in Indonesian.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pentahelix_core::Lang;
use pentahelix_core::api::{NotificationKind, NotificationSettings};
use pentahelix_core::validate::email_key;

use super::sql::{Columns, Db, Sql, SqlStore};
use crate::error::Error;

#[async_trait]
pub trait MailSettingsStore: Send + Sync {
    async fn mail_settings(&self, email: &str) -> Result<NotificationSettings, Error>;
    async fn put_mail_settings(
        &self,
        email: &str,
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// Records the language an address uses: always when `replace` (it chose one, signing in),
    /// else only when it has no settings yet (the language it first wrote a record in).
    async fn remember_lang(
        &self,
        email: &str,
        lang: Lang,
        replace: bool,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
}

#[async_trait]
impl<DB: Db> MailSettingsStore for SqlStore<DB> {
    async fn mail_settings(&self, email: &str) -> Result<NotificationSettings, Error> {
        let row = Sql::new("SELECT lang, muted, opted_in FROM mail_settings WHERE email = $1")
            .arg(email_key(email))
            .fetch_optional(&self.read)
            .await?;
        let Some(row) = row else {
            return Ok(NotificationSettings::default());
        };
        let (muted, opted_in) = (row.text("muted")?, row.text("opted_in")?);
        let listed = |column: &str, kind: NotificationKind| {
            column.split_whitespace().any(|slug| slug == kind.slug())
        };
        Ok(NotificationSettings {
            lang: Lang::from_tag(&row.text("lang")?).unwrap_or_default(),
            off: NotificationKind::ALL
                .into_iter()
                .filter(|kind| {
                    if kind.opt_in() {
                        !listed(&opted_in, *kind)
                    } else {
                        listed(&muted, *kind)
                    }
                })
                .collect(),
        })
    }

    async fn put_mail_settings(
        &self,
        email: &str,
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        // Default-on kinds are stored when turned off, opt-in kinds when turned on.
        let stored = |opt_in: bool, off: bool| {
            NotificationKind::ALL
                .into_iter()
                .filter(|kind| kind.opt_in() == opt_in && settings.off.contains(kind) == off)
                .map(NotificationKind::slug)
                .collect::<Vec<_>>()
                .join(" ")
        };
        Sql::new(
            "INSERT INTO mail_settings (email, lang, muted, opted_in, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (email) DO UPDATE SET lang = $2, muted = $3, opted_in = $4, updated_at = $5",
        )
        .arg(email_key(email))
        .arg(settings.lang.tag())
        .arg(stored(false, true))
        .arg(stored(true, false))
        .arg(now)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    async fn remember_lang(
        &self,
        email: &str,
        lang: Lang,
        replace: bool,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let on_conflict = if replace {
            "DO UPDATE SET lang = $2, updated_at = $3"
        } else {
            "DO NOTHING"
        };
        Sql::new(format!(
            "INSERT INTO mail_settings (email, lang, muted, updated_at) VALUES ($1, $2, '', $3) \
             ON CONFLICT (email) {on_conflict}"
        ))
        .arg(email_key(email))
        .arg(lang.tag())
        .arg(now)
        .execute(&self.write)
        .await?;
        Ok(())
    }
}

/// Deletes the record `id` of `table` (`initiatives` or `stakeholders`) and forgets what is
/// kept about its contact address once no record or session is left for it: its settings and
/// the notifications to it. So deleting one's last record leaves the address nowhere in the
/// database (UU PDP). Whether there was such a record.
pub async fn delete_with_address<DB: Db>(
    tx: &mut sqlx::Transaction<'_, DB>,
    table: &str,
    id: i64,
) -> Result<bool, Error> {
    let deleted = Sql::new(format!(
        "DELETE FROM {table} WHERE id = $1 RETURNING contact_email"
    ))
    .arg(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = deleted else {
        return Ok(false);
    };
    let Some(email) = row.maybe_text("contact_email")?.map(|e| email_key(&e)) else {
        return Ok(true);
    };
    let in_use = Sql::new(
        "SELECT 1 AS used FROM initiatives WHERE lower(contact_email) = $1 \
         UNION ALL SELECT 1 FROM stakeholders WHERE lower(contact_email) = $1 \
         UNION ALL SELECT 1 FROM sessions WHERE email = $1 LIMIT 1",
    )
    .arg(&email)
    .fetch_optional(&mut *tx)
    .await?;
    if in_use.is_some() {
        return Ok(true);
    }
    for statement in [
        "DELETE FROM mail_settings WHERE email = $1",
        "DELETE FROM outbox WHERE lower(recipient) = $1",
    ] {
        Sql::new(statement).arg(&email).execute(&mut *tx).await?;
    }
    Ok(true)
}
