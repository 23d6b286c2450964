//! Lighthouse's mobile audit of the demo page, run a few times and reported by the median run.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::Result;

use super::load::Process;
use super::{LIGHTHOUSE_RUNS, LIGHTHOUSE_VERSION};
use crate::workspace::Workspace;
use crate::{cmd, tools};

/// Lighthouse's mobile preset: a 4× slower CPU and a slow 4G network, simulated.
pub(super) fn lighthouse(
    ws: &Workspace,
    server: &Path,
    work: &Path,
    report: &mut String,
) -> Result<()> {
    let package = tools::ensure_npm_package(ws, "lighthouse", LIGHTHOUSE_VERSION)?;
    let demo = work.join("demo.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", demo.display()));
    }
    let mut serve = Command::new(server);
    serve
        .current_dir(&ws.root)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--demo",
            "--database-url",
        ])
        .arg(format!("sqlite://{}", demo.display()))
        .arg("--static-dir")
        .arg(ws.dist_dir());
    let process = Process::start(serve)?;
    let mut runs = Vec::with_capacity(LIGHTHOUSE_RUNS);
    for _ in 0..LIGHTHOUSE_RUNS {
        runs.push(lighthouse_once(&package, &process.url, work)?);
    }
    // The median run by score: one run's score moved by eight points on this machine.
    runs.sort_by(|a, b| a.score.total_cmp(&b.score));
    let median = &runs[runs.len() / 2];
    let (low, high) = (runs[0].score, runs[runs.len() - 1].score);
    let _ = writeln!(
        report,
        "\n## Time to interactive (Lighthouse {LIGHTHOUSE_VERSION})\n"
    );
    let _ = writeln!(
        report,
        "The demo page (`/`, the widget on a plain host page, demo data) in headless Chromium with \
         Lighthouse's mobile preset: a 4× slower CPU and a slow 4G network (simulated). \
         {LIGHTHOUSE_RUNS} runs; the median run by score is shown (scores {low:.0}–{high:.0}).\n"
    );
    let _ = writeln!(
        report,
        "| performance score | largest contentful paint | total blocking time | cumulative layout shift | time to interactive | everything fetched |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|---|");
    let _ = writeln!(
        report,
        "| **{:.0}** (goal ≥ 98) | **{:.2} s** (goal ≤ 1.5 s) | **{:.0} ms** (goal ≤ 100 ms) | {:.3} (goal ≤ 0.01) | {:.2} s | {} |",
        median.score,
        median.lcp_ms / 1000.0,
        median.blocking_ms,
        median.layout_shift,
        median.interactive_ms / 1000.0,
        super::kib(median.bytes.round() as u64),
    );
    let _ = writeln!(
        report,
        "\n\"Everything fetched\" is Lighthouse's total byte weight: every response the page needed \
         before it was idle, as transferred (the host page and its stylesheet, the loader, the \
         list's first page, the glue, the wasm and the widget's stylesheet)."
    );
    Ok(())
}

/// One Lighthouse run's figures.
pub(super) struct Audit {
    pub(super) score: f64,
    pub(super) lcp_ms: f64,
    pub(super) interactive_ms: f64,
    pub(super) blocking_ms: f64,
    pub(super) layout_shift: f64,
    /// Bytes transferred, all responses.
    pub(super) bytes: f64,
}

pub(super) fn lighthouse_once(package: &Path, url: &str, work: &Path) -> Result<Audit> {
    let profile = work.join("chromium-profile");
    let _ = fs::remove_dir_all(&profile);
    // Chromium leaves a ~160 MB scoped folder per run in its temporary folder: keep it in one we
    // remove afterwards, so repeated runs do not fill the disk (they did once).
    let scratch = work.join("chromium-tmp");
    fs::create_dir_all(&scratch)?;
    let out = work.join("lighthouse.json");
    let mut lighthouse = Command::new("node");
    lighthouse
        .arg(package.join("cli/index.js"))
        .arg(url)
        .args(["--only-categories=performance", "--output=json", "--quiet"])
        .arg(format!("--output-path={}", out.display()))
        .arg(format!(
            "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
             --disable-background-networking --disable-component-update --disable-sync \
             --user-data-dir={}",
            profile.display()
        ))
        .env("CHROME_PATH", tools::CHROMIUM)
        .env("TMPDIR", &scratch);
    let ran = cmd::run(&mut lighthouse);
    let _ = fs::remove_dir_all(&scratch);
    let _ = fs::remove_dir_all(&profile);
    ran?;
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out)?)?;
    let audit = |id: &str| {
        json["audits"][id]["numericValue"]
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    Ok(Audit {
        score: json["categories"]["performance"]["score"]
            .as_f64()
            .unwrap_or(f64::NAN)
            * 100.0,
        lcp_ms: audit("largest-contentful-paint"),
        interactive_ms: audit("interactive"),
        blocking_ms: audit("total-blocking-time"),
        layout_shift: audit("cumulative-layout-shift"),
        bytes: audit("total-byte-weight"),
    })
}
