//! The command line: `pentahelix-server serve`, with room for `admin`, `backup` and
//! `migrate-data` beside it. Every flag also reads an environment variable, so a container or a
//! systemd unit configures the server without a wrapper script.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
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
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on. Port 0 picks a free port; the address actually bound is printed.
    #[arg(long, env = "PENTAHELIX_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Folder of the built widget (`dist/`), served at `/`.
    #[arg(long, env = "PENTAHELIX_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// The cities this deployment serves, as Kemendagri codes (comma-separated). Defaults to the
    /// five seed cities.
    #[arg(long, env = "PENTAHELIX_CITIES", value_delimiter = ',')]
    pub cities: Vec<RegionCode>,
}
