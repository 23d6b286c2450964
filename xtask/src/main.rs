//! Pentahelix developer commands. The README's two are `cargo xtask run` and `cargo xtask test`,
//! and beside them `cargo xtask fuzz-api` for a longer contract fuzzing run than `test`'s and
//! `cargo xtask screenshots` for the README's pictures; all install what they need on a fresh
//! machine.

mod bench;
mod checks;
mod cmd;
mod dist;
mod e2e;
mod fuzz;
mod mail_catcher;
mod postgres;
mod schemathesis;
mod screenshots;
mod serve;
mod server;
mod split;
mod tools;
mod workspace;

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::workspace::Workspace;

#[derive(Parser)]
#[command(about, bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Build the widget into dist/, then start the server with demo data.
    Run {
        /// Passed to `pentahelix-server serve`, replacing the defaults they name
        /// (e.g. `cargo xtask run -- --listen 127.0.0.1:0`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        server_args: Vec<String>,
    },
    /// Run every check CI runs: fmt, clippy, native tests, wasm tests in Chromium, release build,
    /// and the user journeys in Chromium.
    Test,
    /// Fuzz the API from its OpenAPI document with schemathesis, longer than `test` does.
    FuzzApi {
        /// Test cases per operation in each phase (`test` runs 30).
        #[arg(long, default_value_t = 500)]
        max_examples: u32,
        /// Repeat an earlier run: schemathesis prints the seed it used.
        #[arg(long, conflicts_with = "deterministic")]
        seed: Option<u64>,
        /// Generate the same cases every run, as `test` does (`--max-examples 30` is its run).
        #[arg(long)]
        deterministic: bool,
    },
    /// Measure everything in BENCHMARKS.md (widget weight, API load against a bare axum
    /// ceiling on SQLite and PostgreSQL, memory, matching, Lighthouse) and write it there.
    Bench {
        /// Skip the Lighthouse run (it needs Chromium and the npm registry).
        #[arg(long)]
        no_lighthouse: bool,
    },
    /// Take the README's screenshots of every view, at 360 and 1280 px wide, in Indonesian and
    /// English, against the demo data, into docs/screenshots/ (named VIEW-LANG-WIDTH.png); fails,
    /// leaving them as they were, when a view does not render.
    Screenshots,
    /// Build the widget into dist/ only.
    #[command(hide = true)]
    Dist,
    /// Build the widget into dist/ and run the browser journeys (two steps of `test`).
    #[command(hide = true)]
    E2e,
    /// Fuzz the core's parsers and validation (cargo-fuzz), each target for a while.
    Fuzz {
        /// Seconds per target; the test command uses the default.
        #[arg(long, default_value_t = fuzz::CI_SECONDS)]
        seconds: u32,
    },
    /// Only the server's tests on a throwaway PostgreSQL cluster (one step of `test`). Arguments
    /// after `--` go to `cargo test` (a test name, `-- --nocapture`).
    #[command(hide = true)]
    TestPostgres {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        cargo_test_args: Vec<String>,
    },
}

/// Prints the error chain one cause a line, without the backtrace `anyhow` would print when
/// `RUST_BACKTRACE` is set: what failed and how to fix it is what a developer needs here.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task) -> Result<()> {
    let ws = Workspace::locate()?;
    match task {
        Task::Run { server_args } => serve::run(&ws, &server_args),
        Task::Test => checks::run_all(&ws),
        Task::FuzzApi {
            max_examples,
            seed,
            deterministic,
        } => {
            let cases = match (deterministic, seed) {
                (true, _) => schemathesis::Cases::Deterministic,
                (false, Some(seed)) => schemathesis::Cases::Seeded(seed),
                (false, None) => schemathesis::Cases::Random,
            };
            schemathesis::run(
                &ws,
                &schemathesis::Fuzz {
                    max_examples,
                    cases,
                },
            )
        }
        Task::Dist => dist::build(&ws),
        Task::E2e => dist::build(&ws).and_then(|()| e2e::run(&ws)),
        Task::Screenshots => screenshots::run(&ws),
        Task::Bench { no_lighthouse } => bench::run(&ws, !no_lighthouse),
        Task::Fuzz { seconds } => fuzz::run(&ws, seconds),
        Task::TestPostgres { cargo_test_args } => checks::test_postgres(&ws, &cargo_test_args),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn arguments_after_run_go_to_the_server() {
        for args in [
            &["xtask", "run", "--", "--listen", "127.0.0.1:0"][..],
            &["xtask", "run", "--listen", "127.0.0.1:0"][..],
        ] {
            let Task::Run { server_args } = Cli::try_parse_from(args).unwrap().command else {
                panic!("`{}` is not `run`", args.join(" "));
            };
            assert_eq!(server_args, ["--listen", "127.0.0.1:0"]);
        }
    }
}
