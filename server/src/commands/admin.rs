//! Operator commands run on the server's machine (`pentahelix-server admin …`).

use chrono::{Duration, Utc};

use crate::auth::{TokenKind, new_token};
use crate::cli::CreateTokenArgs;
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
    let id = store
        .create_admin_token(&hash, &args.label, &args.regions, expires_at, now)
        .await?;
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
