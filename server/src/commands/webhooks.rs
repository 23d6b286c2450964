//! `pentahelix-server admin add-webhook`, `list-webhooks`, `remove-webhook`: a city's own systems
//! (a WhatsApp or SMS gateway, a data warehouse) hear of every event of their region.

use chrono::Utc;

use crate::cli::{AddWebhookArgs, DatabaseArgs, RevokeTokenArgs};
use crate::error::Error;
use crate::notify::webhook::new_secret;

/// Adds a webhook and prints its signing key, this once (the receiver needs it to verify).
pub async fn add(args: AddWebhookArgs) -> Result<(), Error> {
    let url = args.url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.len() < 10 || url.chars().any(char::is_whitespace) {
        return Err(Error::Config(format!(
            "--url `{url}`: give the address events are POSTed to, as https://HOST/PATH"
        )));
    }
    let store = crate::store::open(&args.database.database_url).await?;
    let (key, shown) = new_secret()?;
    let id = store
        .add_webhook(args.region, url, &key, Utc::now())
        .await?;
    eprintln!(
        "Webhook #{id}: every event of {} is POSTed to {url}, signed with this key (Standard \
         Webhooks; shown once):",
        args.region
    );
    println!("{shown}");
    Ok(())
}

pub async fn list(args: DatabaseArgs) -> Result<(), Error> {
    let store = crate::store::open(&args.database_url).await?;
    let webhooks = store.webhooks().await?;
    if webhooks.is_empty() {
        eprintln!("No webhooks. Add one with `pentahelix-server admin add-webhook`.");
        return Ok(());
    }
    println!("{:>4}  {:<10}  {:<10}  url", "id", "region", "created");
    for webhook in webhooks {
        println!(
            "{:>4}  {:<10}  {:<10}  {}",
            webhook.id,
            webhook.region.to_string(),
            webhook.created_at.format("%Y-%m-%d"),
            webhook.url
        );
    }
    Ok(())
}

pub async fn remove(args: RevokeTokenArgs) -> Result<(), Error> {
    let store = crate::store::open(&args.database.database_url).await?;
    if !store.remove_webhook(args.id).await? {
        return Err(Error::Config(format!(
            "there is no webhook #{}; `pentahelix-server admin list-webhooks` shows them",
            args.id
        )));
    }
    eprintln!("Webhook #{} is removed.", args.id);
    Ok(())
}
