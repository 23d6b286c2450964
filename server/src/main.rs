use clap::Parser;
use pentahelix_server::cli::{AdminCommand, Cli, Command};

/// A quarter of the server's time under load went to glibc's malloc and free (per-request
/// futures, headers and buffers; found with `perf` by `cargo xtask bench`'s list load).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "pentahelix_server=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match Cli::parse().command {
        Command::Serve(args) => pentahelix_server::serve(args).await,
        Command::Admin(AdminCommand::CreateToken(args)) => {
            pentahelix_server::commands::admin::create_token(args).await
        }
        Command::Admin(AdminCommand::ListTokens(args)) => {
            pentahelix_server::commands::admin::list_tokens(args).await
        }
        Command::Admin(AdminCommand::RevokeToken(args)) => {
            pentahelix_server::commands::admin::revoke_token(args).await
        }
        Command::Admin(AdminCommand::AddWebhook(args)) => {
            pentahelix_server::commands::webhooks::add(args).await
        }
        Command::Admin(AdminCommand::ListWebhooks(args)) => {
            pentahelix_server::commands::webhooks::list(args).await
        }
        Command::Admin(AdminCommand::RemoveWebhook(args)) => {
            pentahelix_server::commands::webhooks::remove(args).await
        }
        Command::Admin(AdminCommand::Invite(args)) => {
            pentahelix_server::commands::officials::invite(args).await
        }
        Command::Admin(AdminCommand::ListOfficials(args)) => {
            pentahelix_server::commands::officials::list(args).await
        }
        Command::Admin(AdminCommand::RemoveOfficial(args)) => {
            pentahelix_server::commands::officials::remove(args).await
        }
        Command::Backup(args) => pentahelix_server::commands::backup::backup(args).await,
        Command::Restore(args) => pentahelix_server::commands::backup::restore(args).await,
        Command::MigrateData(args) => pentahelix_server::commands::migrate::run(args).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("pentahelix-server: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
