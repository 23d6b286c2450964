//! `cargo xtask bench`: every figure of BENCHMARKS.md in one run on this machine, written into
//! the file between its `bench:begin` and `bench:end` markers with the command and the date.
//!
//! Load comes from `wrk` in a second process on loopback. Each API figure is also given as a
//! fraction of a bare axum handler measured in the same run (`server/examples/ceiling.rs`), so
//! the numbers mean something on another machine too.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use pentahelix_core::Resource;

use crate::workspace::Workspace;
use crate::{cmd, dist, postgres};

mod lighthouse;
mod load;

use lighthouse::lighthouse;
use load::{Process, Scripts, api_under_load, ensure_wrk, wrk};

const STAKEHOLDERS: usize = 100_000;
const INITIATIVES: usize = 20_000;
const SEED: u64 = 2026;
const LOAD: &[&str] = &["-t2", "-c16", "-d10s", "--latency"];
const LIGHTHOUSE_VERSION: &str = "12.8.2";
const LIGHTHOUSE_RUNS: usize = 3;
const BEGIN: &str = "<!-- bench:begin -->";
const END: &str = "<!-- bench:end -->";

/// The API calls measured: a filtered list page, the partner ranking, and a write.
const LIST: &str = "/api/v1/initiatives?region=32.73&resource=venue&limit=20";
const MATCHES: &str = "/api/v1/initiatives/1/matches";
const CREATE: &str = "/api/v1/initiatives";
/// The same two, spread the way a city's traffic is: every kecamatan of Bandung with every
/// resource of the taxonomy (300 list pages), and every one of the seeded initiatives' matches, so that the
/// server ranks afresh for nearly every request instead of reusing a kept answer.
const KECAMATAN: u32 = 30;

pub fn run(ws: &Workspace, with_lighthouse: bool) -> Result<()> {
    let started = Instant::now();
    ensure_wrk()?;
    let mut report = String::new();
    let date = cmd::output(Command::new("date").arg("+%Y-%m-%d"))?;
    let _ = writeln!(
        report,
        "Measured by `cargo xtask bench` on {} ({} cores); every table below comes from that one run.\n",
        date.trim(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    println!("xtask bench: the widget's weight");
    dist::build(ws)?;
    widget_weight(ws, &mut report)?;

    println!("xtask bench: the core's matching benchmark");
    let core_ms = core_matching(ws)?;

    let mut cargo = ws.cargo();
    cargo.args([
        "build",
        "--release",
        "-p",
        "pentahelix-server",
        "--bins",
        "--examples",
    ]);
    cmd::run(&mut cargo)?;
    let release = ws.target_dir.join("release");
    let server = release.join("pentahelix-server");

    let work = ws.target_dir.join("bench");
    fs::create_dir_all(&work)?;
    let seeded = seeded_city(&server, &release.join("examples/seed"), &work)?;
    let scripts = Scripts::write(&work)?;

    println!(
        "xtask bench: the API on SQLite, {STAKEHOLDERS} stakeholders and {INITIATIVES} initiatives"
    );
    let database = work.join("run.db");
    copy_database(&seeded, &database)?;
    let sqlite = api_under_load(
        &server,
        &format!("sqlite://{}", database.display()),
        &scripts,
    )?;

    println!("xtask bench: the ceiling (a bare axum handler sending the list page's bytes)");
    let page = work.join("list-page.json");
    fs::write(&page, &sqlite.list_page)?;
    let mut ceiling = Command::new(release.join("examples/ceiling"));
    ceiling.arg(&page);
    let ceiling = Process::start(ceiling)?;
    let ceiling_load = wrk(&ceiling.url, &[])?;
    drop(ceiling);

    println!("xtask bench: the same on PostgreSQL");
    let cluster = postgres::Cluster::start()?;
    let pg_url = cluster.url();
    let mut migrate = Command::new(&server);
    migrate.args([
        "migrate-data",
        "--from",
        &format!("sqlite://{}", seeded.display()),
        "--to",
        &pg_url,
    ]);
    cmd::run(&mut migrate)?;
    let postgres = api_under_load(&server, &pg_url, &scripts)?;
    drop(cluster);

    let _ = writeln!(report, "## API under load\n");
    let _ = writeln!(
        report,
        "A city of {STAKEHOLDERS} stakeholders and {INITIATIVES} initiatives in Kota Bandung \
         (`server/examples/seed.rs`, seed {SEED}). Load: `wrk {}` from a second process on \
         loopback, after a one-second warm-up; client and server share the machine's cores. \
         The ceiling is a bare axum handler returning a fixed JSON body of the list page's size \
         ({} bytes, the page itself; `server/examples/ceiling.rs`), measured in the same run: \
         **{:.0} requests/s**, p50 {}, p99 {}. Anonymous answers are reused for up to a second (`--public-cache-ms`, the \
         default), as in production; the \"spread\" rows ask a different URL each time, so they \
         show the work behind a fresh answer.\n",
        LOAD.join(" "),
        sqlite.list_page.len(),
        ceiling_load.rps,
        ms(ceiling_load.p50),
        ms(ceiling_load.p99)
    );
    let _ = writeln!(
        report,
        "| backend | request | requests/s | of the ceiling | p50 | p99 |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|---|");
    for (backend, run) in [("SQLite", &sqlite), ("PostgreSQL 15", &postgres)] {
        for (name, load) in [
            (format!("`GET {LIST}`"), &run.list),
            (
                format!(
                    "list, spread: `?region=32.73.NN&resource=R&limit=20` over the {} kecamatan × {} resources",
                    KECAMATAN,
                    Resource::ALL.len()
                ),
                &run.list_spread,
            ),
            (format!("`GET {MATCHES}` (city scope)"), &run.matches),
            (
                format!(
                    "matches, spread: `/api/v1/initiatives/N/matches` over all {INITIATIVES} initiatives"
                ),
                &run.matches_spread,
            ),
            (format!("`POST {CREATE}`"), &run.create),
        ] {
            let _ = writeln!(
                report,
                "| {backend} | {name} | {:.0} | {:.2} | {} | {} |",
                load.rps,
                load.rps / ceiling_load.rps,
                ms(load.p50),
                ms(load.p99)
            );
        }
    }
    let _ = writeln!(
        report,
        "\nGoals: list ≥ 0.5 of the ceiling; matches p99 ≤ 25 ms.\n"
    );

    let _ = writeln!(report, "## Server memory and start-up\n");
    let _ = writeln!(
        report,
        "| backend | start-up with the 100k city | resident, idle | resident, peak under the load above |"
    );
    let _ = writeln!(report, "|---|---|---|---|");
    for (backend, run) in [("SQLite", &sqlite), ("PostgreSQL 15", &postgres)] {
        let _ = writeln!(
            report,
            "| {backend} | {} | {:.1} MiB | {:.1} MiB |",
            ms(run.startup),
            run.rss_idle_kib as f64 / 1024.0,
            run.rss_peak_kib as f64 / 1024.0
        );
    }

    println!("xtask bench: the engine against one SQL query");
    let mut compare = Command::new(release.join("examples/compare_ranking"));
    copy_database(&seeded, &database)?;
    compare.args([
        "--database-url",
        &format!("sqlite://{}", database.display()),
    ]);
    let comparison: serde_json::Value = serde_json::from_str(cmd::output(&mut compare)?.trim())
        .context("the compare_ranking example printed no JSON")?;
    let engine_ms = comparison["engine_ms"].as_f64().unwrap_or(f64::NAN);
    let sql_ms = comparison["sql_ms"].as_f64().unwrap_or(f64::NAN);
    let _ = writeln!(report, "\n## Matching at scale\n");
    let _ = writeln!(report, "| what | time | |");
    let _ = writeln!(report, "|---|---|---|");
    let _ = writeln!(
        report,
        "| the core alone: top 20 of **1,000,000** candidates (`cargo bench -p pentahelix-core --bench matching`, median) | {core_ms:.2} ms | |"
    );
    let _ = writeln!(
        report,
        "| the server's ranking of {} stakeholders for one initiative, as `/matches` does it: ask the database whether the features changed, take them from memory, rank (median of {} initiatives) | {engine_ms:.2} ms | 1 |",
        comparison["candidates"], comparison["initiatives"]
    );
    let _ = writeln!(
        report,
        "| the same after a change: the process reloads all features from the database first | {:.2} ms | |",
        comparison["cold_load_ms"].as_f64().unwrap_or(f64::NAN)
    );
    let _ = writeln!(
        report,
        "| the same ranking as one SQL query, scored and sorted by SQLite (`server/examples/compare_ranking/ranking_sql.rs`), same results checked | {sql_ms:.2} ms | **{:.1}× slower** |",
        sql_ms / engine_ms
    );

    if with_lighthouse {
        println!("xtask bench: Lighthouse on the demo page");
        lighthouse(ws, &server, &work, &mut report)?;
    }

    let _ = writeln!(
        report,
        "\nThe whole run took {:.0} s.",
        started.elapsed().as_secs_f64()
    );
    write_report(&ws.root.join("BENCHMARKS.md"), &report)?;
    println!("xtask bench: BENCHMARKS.md updated\n\n{report}");
    Ok(())
}

fn widget_weight(ws: &Workspace, report: &mut String) -> Result<()> {
    let files = dist::first_view(&ws.dist_dir())?;
    let _ = writeln!(report, "## Widget weight\n");
    let _ = writeln!(
        report,
        "Everything the first view needs from the build, as sent (`wasm-opt -Oz`, brotli 11, gzip 9). Budget: 120 KB brotli.\n"
    );
    let _ = writeln!(report, "| file | raw | gzip | brotli |");
    let _ = writeln!(report, "|---|---|---|---|");
    for file in &files {
        let _ = writeln!(
            report,
            "| `{}` | {} | {} | {} |",
            file.name,
            kib(file.raw),
            kib(file.gzip),
            kib(file.brotli)
        );
    }
    let total = |f: fn(&dist::Transfer) -> u64| files.iter().map(f).sum::<u64>();
    let brotli = total(|f| f.brotli);
    let _ = writeln!(
        report,
        "| **first view** | {} | {} | **{}** {} |\n",
        kib(total(|f| f.raw)),
        kib(total(|f| f.gzip)),
        kib(brotli),
        if brotli <= 120_000 {
            "(within budget)"
        } else {
            "(over budget)"
        }
    );
    let _ = writeln!(
        report,
        "The other views are fetched when first shown (`src/views/on_demand.rs`); what each one \
         fetches, brotli (a file shared by several views is fetched once, and counted in each):\n"
    );
    let _ = writeln!(report, "| view | files | brotli |");
    let _ = writeln!(report, "|---|---|---|");
    for (view, files) in dist::on_demand(&ws.dist_dir(), &dist::pkg_dir(ws))? {
        let brotli: u64 = files.iter().map(|f| f.brotli).sum();
        let _ = writeln!(report, "| {view} | {} | {} |", files.len(), kib(brotli));
    }
    let _ = writeln!(report);
    Ok(())
}

/// The core's criterion benchmark; returns the median of the top-20-of-a-million ranking in ms.
fn core_matching(ws: &Workspace) -> Result<f64> {
    let mut cargo = ws.cargo();
    cargo.args([
        "bench",
        "-p",
        "pentahelix-core",
        "--bench",
        "matching",
        "--",
        "--noplot",
    ]);
    cmd::run(&mut cargo)?;
    let estimates = ws
        .target_dir
        .join("criterion/top20_of_1m_stakeholders/new/estimates.json");
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&estimates)?)
        .with_context(|| format!("{} is not JSON", estimates.display()))?;
    json["median"]["point_estimate"]
        .as_f64()
        .map(|ns| ns / 1e6)
        .context("criterion's estimates have no median")
}

/// The seeded city, made once per seed and size and reused: seeding takes about a minute.
fn seeded_city(server: &Path, seeder: &Path, work: &Path) -> Result<PathBuf> {
    let path = work.join(format!("city-{STAKEHOLDERS}-{INITIATIVES}-{SEED}.db"));
    if path.exists() {
        return Ok(path);
    }
    let partial = work.join("seeding.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    println!(
        "xtask bench: seeding {STAKEHOLDERS} stakeholders and {INITIATIVES} initiatives (about a minute, once)"
    );
    let mut seed = Command::new(seeder);
    seed.args(["--database-url", &format!("sqlite://{}", partial.display())])
        .args([
            "--stakeholders",
            &STAKEHOLDERS.to_string(),
            "--initiatives",
            &INITIATIVES.to_string(),
        ])
        .args(["--seed", &SEED.to_string()]);
    cmd::run(&mut seed)?;
    // `VACUUM INTO` folds the log into one self-contained file.
    let mut backup = Command::new(server);
    backup
        .args([
            "backup",
            "--database-url",
            &format!("sqlite://{}", partial.display()),
        ])
        .arg("--to")
        .arg(&path);
    cmd::run(&mut backup)?;
    Ok(path)
}

fn copy_database(from: &Path, to: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", to.display()));
    }
    fs::copy(from, to).with_context(|| format!("could not copy {}", from.display()))?;
    Ok(())
}

pub(super) fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// Replaces what lies between the markers, keeping the hand-written text around them.
fn write_report(path: &Path, report: &str) -> Result<()> {
    let current = fs::read_to_string(path).unwrap_or_default();
    let updated = splice(&current, report);
    fs::write(path, updated).with_context(|| format!("could not write {}", path.display()))
}

fn splice(current: &str, report: &str) -> String {
    let block = format!("{BEGIN}\n{report}{END}");
    match (current.find(BEGIN), current.find(END)) {
        (Some(begin), Some(end)) if begin < end => {
            format!(
                "{}{block}{}",
                &current[..begin],
                &current[end + END.len()..]
            )
        }
        _ => format!("{block}\n\n{current}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_report_replaces_the_old_one_between_the_markers_only() {
        let file = format!("# Benchmarks\n\nintro\n\n{BEGIN}\nold\n{END}\n\n## History\nkept\n");
        let updated = splice(&file, "new\n");
        assert_eq!(
            updated,
            format!("# Benchmarks\n\nintro\n\n{BEGIN}\nnew\n{END}\n\n## History\nkept\n")
        );
        assert!(splice("no markers\n", "new\n").starts_with(&format!("{BEGIN}\nnew\n{END}")));
    }
}
