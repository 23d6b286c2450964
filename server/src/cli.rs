//! The command line: `serve`, `admin create-token`, `backup`, `restore` and `migrate-data`.
//! Every `serve` flag also reads an environment variable, so a container or a systemd unit
//! configures the server without a wrapper script.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use pentahelix_core::RegionCode;

#[derive(Debug, Parser)]
#[command(
    name = "pentahelix-server",
    version,
    about = "The Pentahelix API server"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the built widget.
    Serve(ServeArgs),
    /// Administration tasks run by the city's operator.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Copy the SQLite database to a new file; safe while the server runs.
    Backup(BackupArgs),
    /// Replace the SQLite database with a backup; the server must be stopped.
    Restore(RestoreArgs),
    /// Copy a SQLite database into an empty PostgreSQL one, ids and all, and verify the copy by
    /// row counts and checksums. Stop the server first: writes made during the copy are not
    /// copied.
    MigrateData(MigrateDataArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/pentahelix.db"
    )]
    pub database_url: String,
    /// The backup file to write; it must not exist yet.
    #[arg(long)]
    pub to: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    /// A file written by `backup`.
    #[arg(long)]
    pub from: PathBuf,
    /// The database to replace; the replaced file is kept beside it.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/pentahelix.db"
    )]
    pub database_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct MigrateDataArgs {
    /// The database to copy: `sqlite://PATH`.
    #[arg(long)]
    pub from: String,
    /// The empty database to copy into: `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (its
    /// schema is created first).
    #[arg(long)]
    pub to: String,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an admin token for one or more regions and print it (once: only its hash is kept).
    CreateToken(CreateTokenArgs),
    /// List the admin tokens: number, holder, regions, dates (never the tokens themselves).
    ListTokens(DatabaseArgs),
    /// Revoke an admin token by its number; every server process refuses it from then on.
    RevokeToken(RevokeTokenArgs),
    /// Send every event of a region to a city system's address, signed (Standard Webhooks);
    /// prints the signing key once.
    AddWebhook(AddWebhookArgs),
    /// List the webhooks: number, region, address (never their keys).
    ListWebhooks(DatabaseArgs),
    /// Remove a webhook by its number; its undelivered events go with it.
    RemoveWebhook(RevokeTokenArgs),
    /// Make an address an official of a region: it signs in with an emailed code and gets the
    /// officials' workspace there. Mails the invitation (through a running server).
    Invite(InviteArgs),
    /// List the officials: address, region, role.
    ListOfficials(DatabaseArgs),
    /// Take an address's official grants away (in one region, or all).
    RemoveOfficial(RemoveOfficialArgs),
}

/// The roles `admin invite` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum RoleArg {
    /// Works the queue: approves, rejects, hides, restores, dismisses reports, edits records.
    #[default]
    Moderator,
    /// Also deletes records, verifies partners, sets flagship products and exports contacts.
    Manager,
}

#[derive(Debug, Clone, Args)]
pub struct InviteArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The official's email address: the one they sign in with.
    #[arg(long)]
    pub email: String,
    /// The region they work in (a city such as `32.73`, a kecamatan, or a province); repeat
    /// for more.
    #[arg(long = "region", required = true)]
    pub regions: Vec<RegionCode>,
    #[arg(long, value_enum, default_value_t)]
    pub role: RoleArg,
}

#[derive(Debug, Clone, Args)]
pub struct RemoveOfficialArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[arg(long)]
    pub email: String,
    /// Only this region's grant; every grant of the address when omitted.
    #[arg(long)]
    pub region: Option<RegionCode>,
}

#[derive(Debug, Clone, Args)]
pub struct AddWebhookArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The region whose events it receives (a city such as `32.73`, or a province).
    #[arg(long)]
    pub region: RegionCode,
    /// Where events are POSTed: `https://…` (or `http://` on a private network).
    #[arg(long)]
    pub url: String,
}

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/pentahelix.db"
    )]
    pub database_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct RevokeTokenArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The number `list-tokens` (or `list-webhooks`) shows.
    pub id: i64,
}

#[derive(Debug, Clone, Args)]
pub struct CreateTokenArgs {
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/pentahelix.db"
    )]
    pub database_url: String,
    /// Region the token may administer (a city such as `32.73`, or a province); repeat for more.
    #[arg(long = "region", required = true)]
    pub regions: Vec<RegionCode>,
    /// Who holds it, for the audit trail ("Hub manager Metro").
    #[arg(long, default_value = "admin")]
    pub label: String,
    /// Days until the token stops working; it never expires when omitted.
    #[arg(long)]
    pub expires_in_days: Option<u32>,
    /// Where its holder gets a daily digest of what waits in the moderation queue (optional).
    #[arg(long)]
    pub email: Option<String>,
}

/// When new initiatives become visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ModerationMode {
    /// New initiatives wait for an admin's approval.
    Pre,
    /// New initiatives are visible at once; reports over the threshold hide them until reviewed.
    #[default]
    Post,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on. Port 0 picks a free port; the address actually bound is printed.
    #[arg(long, env = "PENTAHELIX_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Where the data lives: `sqlite://PATH` (created if missing), `sqlite::memory:`, or
    /// `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (add `?sslmode=require` across a network).
    /// Several processes may serve one PostgreSQL database.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/pentahelix.db"
    )]
    pub database_url: String,

    /// Folder of the built widget (`dist/`), served at `/`.
    #[arg(long, env = "PENTAHELIX_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// The cities this deployment serves, as Kemendagri codes (comma-separated). Defaults to the
    /// five seed cities.
    #[arg(long, env = "PENTAHELIX_CITIES", value_delimiter = ',')]
    pub cities: Vec<RegionCode>,

    /// Origins of the city websites allowed to call the API from a browser (comma-separated,
    /// e.g. `https://bandung.go.id`). The server's own origin needs no entry.
    #[arg(long, env = "PENTAHELIX_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Other Pentahelix servers that markup on a city page may point a widget loaded from this
    /// server at, as origins (comma-separated, e.g. `https://pentahelix.depok.go.id`). The
    /// loader ignores an `api` attribute that names any other server than this one or these.
    #[arg(long, env = "PENTAHELIX_OTHER_APIS", value_delimiter = ',', value_parser = parse_origin)]
    pub other_apis: Vec<String>,

    #[arg(long, env = "PENTAHELIX_MODERATION", value_enum, default_value_t = ModerationMode::Post)]
    pub moderation: ModerationMode,

    /// Unresolved reports after which an initiative is hidden pending review.
    #[arg(long, env = "PENTAHELIX_REPORT_THRESHOLD", default_value_t = 3)]
    pub report_threshold: u32,

    /// Read requests (GET) one client address may make per minute.
    #[arg(long, env = "PENTAHELIX_RATE_LIMIT_READS", default_value_t = 600)]
    pub rate_limit_reads: u32,

    /// Write requests (POST, PUT, DELETE) one client address may make per minute.
    #[arg(long, env = "PENTAHELIX_RATE_LIMIT_WRITES", default_value_t = 30)]
    pub rate_limit_writes: u32,

    /// The reverse proxies in front of this server (networks or addresses, comma-separated):
    /// from these peers only, the client's address is taken from `X-Forwarded-For`. Any other
    /// peer is the client itself, whatever it sends.
    #[arg(long, env = "PENTAHELIX_TRUSTED_PROXIES", value_delimiter = ',', value_parser = crate::http::client::parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// How long, in milliseconds, an answer to an anonymous read is reused. A write through this
    /// process makes them stale at once; a write through another process (several servers on
    /// one PostgreSQL) shows within this time. 0 turns reuse off.
    #[arg(long, env = "PENTAHELIX_PUBLIC_CACHE_MS", default_value_t = 1000)]
    pub public_cache_ms: u64,

    /// The mail server notifications and sign-in codes go through: `smtp://USER:PASS@HOST:587`
    /// (STARTTLS, required), `smtps://USER:PASS@HOST:465`, or `smtp://127.0.0.1:PORT` (a mail
    /// catcher on this machine, plain). Without it nothing is mailed: sign-in is unavailable and
    /// notifications wait in the outbox.
    #[arg(long, env = "PENTAHELIX_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The sender of every mail, e.g. `Pentahelix Kota Bandung <pentahelix@bandung.go.id>`.
    #[arg(
        long,
        env = "PENTAHELIX_MAIL_FROM",
        default_value = "Pentahelix <pentahelix@localhost>"
    )]
    pub mail_from: String,

    /// The address people reach this server at, the base of every link in a mail (e.g.
    /// `https://pentahelix.bandung.go.id`). Defaults to the address it listens on.
    #[arg(long, env = "PENTAHELIX_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Seconds a mail server may take to accept one message before the attempt counts as failed.
    #[arg(long, env = "PENTAHELIX_SMTP_TIMEOUT_SECONDS", default_value_t = 30)]
    pub smtp_timeout_seconds: u64,

    /// Seconds before a failed notification is tried again; the wait doubles with each failure
    /// (up to six hours), and after 8 attempts it is given up and listed for admins.
    #[arg(long, env = "PENTAHELIX_MAIL_RETRY_SECONDS", default_value_t = 60)]
    pub mail_retry_seconds: u64,

    /// Load the demo data set (stakeholders and initiatives in the seed cities) into an empty
    /// database.
    #[arg(long, env = "PENTAHELIX_DEMO")]
    pub demo: bool,
}

impl ServeArgs {
    /// The defaults, for tests and embedding: an in-memory database and no static files.
    pub fn for_tests() -> ServeArgs {
        ServeArgs {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            database_url: "sqlite::memory:".into(),
            static_dir: PathBuf::from("dist"),
            cities: Vec::new(),
            allowed_origins: Vec::new(),
            other_apis: Vec::new(),
            moderation: ModerationMode::Post,
            report_threshold: 3,
            rate_limit_reads: 100_000,
            rate_limit_writes: 100_000,
            trusted_proxies: Vec::new(),
            public_cache_ms: 1000,
            smtp_url: None,
            mail_from: "Pentahelix <pentahelix@localhost>".into(),
            public_url: None,
            smtp_timeout_seconds: 30,
            mail_retry_seconds: 60,
            demo: false,
        }
    }
}

/// An origin as browsers write it (`https://host` or `https://host:port`, lower case, no path),
/// so the loader can compare it with a URL's `origin`.
fn parse_origin(text: &str) -> Result<String, String> {
    let text = text.trim();
    match crate::http::origin::origin_of(text) {
        Some(origin) if origin.eq_ignore_ascii_case(text.trim_end_matches('/')) => Ok(origin),
        _ => Err(format!(
            "`{text}` is not an origin: give the http(s) scheme and host only, such as https://pentahelix.depok.go.id"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_origin;

    #[test]
    fn other_apis_are_origins_as_browsers_write_them() {
        assert_eq!(
            parse_origin("https://Pentahelix.Depok.go.id/").as_deref(),
            Ok("https://pentahelix.depok.go.id")
        );
        assert_eq!(
            parse_origin("http://127.0.0.1:8080").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        assert!(parse_origin("https://depok.go.id/api").is_err());
        assert!(parse_origin("depok.go.id").is_err());
        assert!(parse_origin("https://user@evil.example").is_err());
    }
}
