//! `pentahelix-server admin invite`, `list-officials`, `remove-official`: the city's named
//! officials. They sign in like everyone else; these commands say where they work, and in which
//! role.

use chrono::Utc;
use pentahelix_core::api::OfficialRole;
use pentahelix_core::validate::{email_key, is_valid_email};

use crate::cli::{DatabaseArgs, InviteArgs, RemoveOfficialArgs, RoleArg};
use crate::error::Error;
use crate::store::Invited;

fn address(email: &str) -> Result<String, Error> {
    let email = email.trim();
    if is_valid_email(email) {
        Ok(email_key(email))
    } else {
        Err(Error::Config(format!(
            "--email `{email}`: not an email address"
        )))
    }
}

pub async fn invite(args: InviteArgs) -> Result<(), Error> {
    let email = address(&args.email)?;
    let role = match args.role {
        RoleArg::Moderator => OfficialRole::Moderator,
        RoleArg::Manager => OfficialRole::Manager,
    };
    let store = crate::store::open(&args.database.database_url).await?;
    for region in &args.regions {
        match store
            .invite_official(&email, *region, role, Utc::now())
            .await?
        {
            Invited::New(_) => eprintln!(
                "{email} is now {} of {region}; the invitation is mailed by the running server.",
                role.slug()
            ),
            Invited::Changed(_) => eprintln!(
                "{email} already worked in {region}; now as {}.",
                role.slug()
            ),
        }
    }
    Ok(())
}

pub async fn list(args: DatabaseArgs) -> Result<(), Error> {
    let store = crate::store::open(&args.database_url).await?;
    let officials = store.officials().await?;
    if officials.is_empty() {
        eprintln!("No officials. Invite one with `pentahelix-server admin invite`.");
        return Ok(());
    }
    println!("{:<40}  {:<10}  {:<10}  since", "email", "region", "role");
    for official in officials {
        println!(
            "{:<40}  {:<10}  {:<10}  {}",
            official.email,
            official.region.to_string(),
            official.role.slug(),
            official.created_at.format("%Y-%m-%d")
        );
    }
    Ok(())
}

pub async fn remove(args: RemoveOfficialArgs) -> Result<(), Error> {
    let email = address(&args.email)?;
    let store = crate::store::open(&args.database.database_url).await?;
    let removed = store.remove_official(&email, args.region).await?;
    if removed == 0 {
        return Err(Error::Config(format!(
            "{email} is no official{}",
            args.region.map(|r| format!(" of {r}")).unwrap_or_default()
        )));
    }
    eprintln!("{email}: {removed} grant(s) removed; their sessions no longer reach the workspace.");
    Ok(())
}
