//! `cargo xtask test`: every check CI runs, in the order that fails fastest.

use std::env;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::tools::{self, WASM_TARGET};
use crate::workspace::Workspace;
use crate::{cmd, dist, e2e, fuzz, postgres, schemathesis};

type Step = (&'static str, fn(&Workspace) -> Result<()>);

const STEPS: [Step; 13] = [
    ("format (cargo fmt, leptosfmt --check)", format),
    ("tools (install what is missing)", install_tools),
    ("clippy, native", clippy_native),
    ("clippy, widget for wasm", clippy_wasm),
    ("tests, native (cargo test --workspace)", test_native),
    (
        "server tests on PostgreSQL (a throwaway cluster)",
        test_on_postgres,
    ),
    ("OpenAPI lint (redocly, recommended rules)", lint_openapi),
    ("API contract fuzzing (schemathesis)", schemathesis::bounded),
    ("core builds for wasm", core_for_wasm),
    ("fuzzing the core's parsers (cargo fuzz)", fuzz_core),
    ("widget tests in headless Chromium", widget_in_browser),
    ("widget release build (dist/)", dist::build),
    ("user journeys in headless Chromium (tests/e2e)", e2e::run),
];

pub fn run_all(ws: &Workspace) -> Result<()> {
    let total = STEPS.len();
    for (done, (name, step)) in STEPS.iter().enumerate() {
        println!("\n==> [{}/{total}] {name}", done + 1);
        let started = Instant::now();
        if let Err(err) = step(ws) {
            println!("\n==> [{}/{total}] {name}: FAILED", done + 1);
            println!("xtask: {done} passed, 1 failed");
            return Err(err.context(format!("step `{name}` failed")));
        }
        println!(
            "==> [{}/{total}] {name}: ok in {:.1?}",
            done + 1,
            started.elapsed()
        );
    }
    println!("\nxtask: {total} passed, 0 failed");
    Ok(())
}

/// rustfmt leaves the markup inside `view!` as written, so leptosfmt checks the widget's views.
fn format(ws: &Workspace) -> Result<()> {
    let mut cargo = ws.cargo();
    cargo.args(["fmt", "--all", "--", "--check"]);
    cmd::run(&mut cargo).context("the code is not formatted; fix: cargo fmt --all")?;
    let leptosfmt = tools::ensure_leptosfmt(ws)?;
    let mut check = Command::new(&leptosfmt);
    check.arg("--check").arg(ws.root.join("src"));
    cmd::run(&mut check).with_context(|| {
        format!(
            "the views are not formatted; fix: {} src && cargo fmt --all",
            leptosfmt.display()
        )
    })
}

/// The committed snapshot is the served document (`server/tests/openapi.rs` holds them equal),
/// so linting it lints what a city's integrator downloads. Any error or warning fails.
fn lint_openapi(ws: &Workspace) -> Result<()> {
    let redocly = tools::ensure_redocly(ws)?;
    let document = "server/tests/snapshots/openapi.json";
    let mut lint = std::process::Command::new(redocly);
    lint.current_dir(&ws.root)
        .args([
            "lint",
            document,
            "--format",
            "json",
            "--max-problems",
            "500",
        ])
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    println!("$ {}", cmd::display(&lint));
    let out = lint.output().context("could not run redocly")?;
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).with_context(|| {
        format!(
            "redocly printed no report: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )
    })?;
    let problems: Vec<String> = report["problems"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            format!(
                "{} {}: {} ({})",
                p["severity"].as_str().unwrap_or("?"),
                p["ruleId"].as_str().unwrap_or("?"),
                p["message"].as_str().unwrap_or("?"),
                p["location"][0]["pointer"].as_str().unwrap_or("?"),
            )
        })
        .collect();
    if !problems.is_empty() {
        bail!(
            "redocly found {} problems in {document}:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
    println!("xtask: redocly lint: no errors, no warnings");
    Ok(())
}

fn fuzz_core(ws: &Workspace) -> Result<()> {
    fuzz::run(ws, fuzz::CI_SECONDS)
}

fn install_tools(ws: &Workspace) -> Result<()> {
    tools::ensure_wasm_target()?;
    let bindgen = tools::ensure_wasm_bindgen(ws)?;
    let wasm_opt = tools::ensure_wasm_opt(ws)?;
    let esbuild = tools::ensure_esbuild(ws)?;
    tools::ensure_chromium()?;
    let postgres = postgres::ensure_installed()?;
    println!("xtask: Rust target {WASM_TARGET}: installed");
    println!("xtask: wasm-bindgen: {}", bindgen.cli().display());
    println!("xtask: wasm-opt: {}", wasm_opt.display());
    println!("xtask: esbuild: {}", esbuild.display());
    println!("xtask: chromedriver: {}", tools::CHROMEDRIVER);
    println!("xtask: PostgreSQL: {}", postgres.display());
    Ok(())
}

fn clippy_native(ws: &Workspace) -> Result<()> {
    let mut cargo = ws.cargo();
    cargo.args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    cmd::run(&mut cargo)
}

/// The widget's wasm-only code (`cfg(target_arch = "wasm32")`) is invisible to native clippy.
/// Twice: as the tests build the widget, and as the release build does (views split off).
fn clippy_wasm(ws: &Workspace) -> Result<()> {
    let mut cargo = ws.cargo();
    cargo.args(["clippy", "-p", "pentahelix-widget", "--target", WASM_TARGET]);
    cargo.args(["--lib", "--tests", "--", "-D", "warnings"]);
    cmd::run(&mut cargo)?;
    let mut cargo = ws.cargo();
    cargo.args(["clippy", "-p", "pentahelix-widget", "--target", WASM_TARGET]);
    cargo.args(["--lib", "--features", "split", "--", "-D", "warnings"]);
    cmd::run(&mut cargo)
}

fn test_native(ws: &Workspace) -> Result<()> {
    let mut cargo = ws.cargo();
    cargo.args(["test", "--workspace"]);
    cmd::run(&mut cargo)
}

/// The server's storage and HTTP scenarios again, each test on its own database in a throwaway
/// PostgreSQL cluster, and the tests that need PostgreSQL (two server processes on one database,
/// `migrate-data`), which are skipped without one.
fn test_on_postgres(ws: &Workspace) -> Result<()> {
    test_postgres(ws, &[])
}

pub fn test_postgres(ws: &Workspace, cargo_test_args: &[String]) -> Result<()> {
    let cluster = postgres::Cluster::start()?;
    let mut cargo = ws.cargo();
    cargo
        .args(["test", "-p", "pentahelix-server"])
        .args(cargo_test_args)
        .env(postgres::TEST_ENV, cluster.url());
    cmd::run(&mut cargo)
}

/// The core is shared with the widget, so a native-only dependency must fail here, not in the
/// widget build.
fn core_for_wasm(ws: &Workspace) -> Result<()> {
    let mut cargo = ws.cargo();
    cargo.args(["build", "-p", "pentahelix-core", "--target", WASM_TARGET]);
    cmd::run(&mut cargo)
}

fn widget_in_browser(ws: &Workspace) -> Result<()> {
    let bindgen = tools::ensure_wasm_bindgen(ws)?;
    tools::ensure_chromium()?;
    let mut path = vec![bindgen.bin_dir.clone()];
    path.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    let Ok(path) = env::join_paths(path) else {
        bail!("{} cannot be added to PATH", bindgen.bin_dir.display());
    };

    let mut cargo = ws.cargo();
    cargo
        .args(["test", "-p", "pentahelix-widget", "--target", WASM_TARGET])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            bindgen.test_runner(),
        )
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("PATH", path);
    cmd::run(&mut cargo)
}
