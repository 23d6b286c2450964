//! Operator commands run on the server's machine (`pentahelix-server admin …`).

use chrono::{Duration, Utc};

use crate::auth::{TokenKind, new_token};
use crate::cli::{CreateTokenArgs, DatabaseArgs, RevokeTokenArgs};
use crate::error::Error;

/// Creates a region-scoped admin token and prints it. The token is shown this once; the
/// database keeps only its hash, so a lost token is replaced, not recovered.
pub async fn create_token(args: CreateTokenArgs) -> Result<(), Error> {
    let store = crate::store::open(&args.database_url).await?;
    let (token, hash) = new_token(TokenKind::Admin);
    let now = Utc::now();
    let expires_at = args
        .expires_in_days
        .map(|days| now + Duration::days(i64::from(days)));
    if let Some(email) = &args.email
        && !pentahelix_core::validate::is_valid_email(email.trim())
    {
        return Err(Error::Config(format!(
            "--email `{email}`: not an email address"
        )));
    }
    let id = store
        .create_admin_token(&hash, &args.label, &args.regions, expires_at, now)
        .await?;
    if let Some(email) = &args.email {
        store.set_admin_email(id, email).await?;
    }
    let regions = args
        .regions
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!(
        "Admin token #{id} for {regions} ({}){}:",
        args.label,
        match expires_at {
            Some(at) => format!(", valid until {}", at.format("%Y-%m-%d")),
            None => String::new(),
        }
    );
    println!("{token}");
    Ok(())
}

/// Prints every admin token's number, holder, regions and dates; a token itself cannot be shown,
/// as only its hash is kept.
pub async fn list_tokens(args: DatabaseArgs) -> Result<(), Error> {
    let store = crate::store::open(&args.database_url).await?;
    let tokens = store.admin_tokens().await?;
    if tokens.is_empty() {
        eprintln!("No admin tokens. Create one with `pentahelix-server admin create-token`.");
        return Ok(());
    }
    let now = Utc::now();
    println!(
        "{:>4}  {:<24}  {:<20}  {:<10}  {:<10}  digest to",
        "id", "label", "regions", "created", "expires"
    );
    for token in tokens {
        let regions = token
            .regions
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let expires = match token.expires_at {
            Some(at) if at <= now => format!("{} (expired)", at.format("%Y-%m-%d")),
            Some(at) => at.format("%Y-%m-%d").to_string(),
            None => "never".to_owned(),
        };
        println!(
            "{:>4}  {:<24}  {:<20}  {:<10}  {expires:<10}  {}",
            token.id,
            token.label,
            regions,
            token.created_at.format("%Y-%m-%d"),
            token.email.as_deref().unwrap_or("-"),
        );
    }
    Ok(())
}

/// Deletes an admin token. Every request checks its token against the database, so each server
/// process on this database refuses it from the next request on.
pub async fn revoke_token(args: RevokeTokenArgs) -> Result<(), Error> {
    let store = crate::store::open(&args.database.database_url).await?;
    if !store.revoke_admin_token(args.id).await? {
        return Err(Error::Config(format!(
            "there is no admin token #{}; `pentahelix-server admin list-tokens` shows them",
            args.id
        )));
    }
    eprintln!("Admin token #{} is revoked.", args.id);
    Ok(())
}
