//! API contract fuzzing: schemathesis reads the server's own OpenAPI document and sends every
//! operation requests made from it — valid ones, invalid ones, edge cases, and chains that carry
//! real ids from one response into the next request (the stateful phase, over the links it infers
//! from the document). Every response must be free of server errors, match the document (status,
//! media type, headers, body schema), and every error must be a problem document. A city system
//! built from the document then meets the server the document describes.
//!
//! Settings shared by every run (which statuses count as "accepted") are in
//! `tests/schemathesis.toml`, so a run by hand behaves the same.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::mail_catcher::MailCatcher;
use crate::server::TestServer;
use crate::tools;
use crate::workspace::Workspace;

/// The cities the server serves by default; an admin of all of them reaches every record.
const SERVED_CITIES: [&str; 5] = ["32.73", "32.76", "36.74", "18.72", "35.73"];

pub struct Fuzz {
    /// Test cases per operation in each phase.
    pub max_examples: u32,
    pub cases: Cases,
}

/// Which test cases a run generates.
pub enum Cases {
    /// The same every run, so a failure in the test command fails again on the next run.
    Deterministic,
    /// Those of an earlier run, from the seed it printed.
    Seeded(u64),
    /// New ones; schemathesis prints the seed.
    Random,
}

/// The run in `cargo xtask test`: about two minutes on two cores.
const BOUNDED: Fuzz = Fuzz {
    max_examples: 30,
    cases: Cases::Deterministic,
};

pub fn bounded(ws: &Workspace) -> Result<()> {
    run(ws, &BOUNDED)
}

/// Fuzzes the API twice: as an anonymous client (the public operations, and every protected one
/// refusing it), then as an admin of every served city (the protected operations doing their
/// work). Both runs share one server, so the second meets the records the first left behind.
pub fn run(ws: &Workspace, fuzz: &Fuzz) -> Result<()> {
    let st = tools::ensure_schemathesis(ws)?;
    let server = TestServer::prepare(ws, "schemathesis")?;
    let admin = server.admin_token(&SERVED_CITIES, "contract fuzzing")?;
    // A real mail server, so sign-in answers as in production rather than "unavailable".
    let mail = MailCatcher::start_anywhere(ws)?;
    let running = server.start(ws, &["--smtp-url", &mail.smtp_url])?;
    let schema = format!("{}api/openapi.json", running.url);
    let config = ws.root.join("tests/schemathesis.toml");
    let workdir = ws.target_dir.join("schemathesis");

    let started = Instant::now();
    let mut cases = 0;
    let mut failed = Vec::new();
    for (client, authorization) in [
        ("an anonymous client", None),
        ("an admin", Some(format!("Authorization: Bearer {admin}"))),
    ] {
        println!("xtask: fuzzing the API as {client}");
        let mut st = Command::new(&st);
        st.current_dir(&workdir)
            .arg("--config-file")
            .arg(&config)
            .args(["run", &schema, "--checks", "all"])
            .args(["--max-examples", &fuzz.max_examples.to_string()]);
        match fuzz.cases {
            Cases::Deterministic => {
                st.arg("--generation-deterministic");
            }
            Cases::Seeded(seed) => {
                st.args(["--seed", &seed.to_string()]);
            }
            Cases::Random => {}
        }
        if let Some(header) = &authorization {
            st.args(["--header", header]);
        }
        let (passed, generated) = run_counting(&mut st)?;
        cases += generated;
        if !passed {
            failed.push(client);
        }
    }
    drop(running);
    drop(mail);

    println!(
        "xtask: contract fuzzing: {cases} test cases in {:.0?}",
        started.elapsed()
    );
    if !failed.is_empty() {
        bail!(
            "schemathesis failed as {}: see its report above, where each failure has a curl \
             command that reproduces it",
            failed.join(" and ")
        );
    }
    Ok(())
}

/// Runs `st`, passing its report through, and returns whether it passed and how many test cases
/// it generated.
fn run_counting(st: &mut Command) -> Result<(bool, u64)> {
    println!("$ {}", cmd::display(st));
    let mut child = st
        .stdout(Stdio::piped())
        .spawn()
        .context("could not start schemathesis")?;
    let stdout = child.stdout.take().context("no output from schemathesis")?;
    let mut generated = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.context("could not read schemathesis's output")?;
        println!("{line}");
        generated = generated_cases(&line).unwrap_or(generated);
    }
    let status = child.wait().context("schemathesis did not finish")?;
    Ok((status.success(), generated))
}

/// Reads the summary line `  2447 generated, 2447 passed`.
fn generated_cases(line: &str) -> Option<u64> {
    let (count, rest) = line.trim().split_once(' ')?;
    rest.starts_with("generated").then(|| count.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_of_cases_is_read_from_the_summary() {
        assert_eq!(generated_cases("  2447 generated, 2447 passed"), Some(2447));
        assert_eq!(
            generated_cases("  2447 generated, 7 found 7 unique failures"),
            Some(2447)
        );
        assert_eq!(generated_cases("Test cases:"), None);
        assert_eq!(generated_cases("     Scenarios:    24"), None);
    }
}
