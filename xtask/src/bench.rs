//! `cargo xtask bench`: every figure of BENCHMARKS.md in one run on this machine, written into
//! the file between its `bench:begin` and `bench:end` markers with the command and the date.
//!
//! Load comes from `wrk` in a second process on loopback. Each API figure is also given as a
//! fraction of a bare axum handler measured in the same run (`server/examples/ceiling.rs`), so
//! the numbers mean something on another machine too.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use pentahelix_core::Resource;

use crate::workspace::Workspace;
use crate::{cmd, dist, postgres, tools};

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
        "Everything the first view needs, as sent (`wasm-opt -Oz`, brotli 11, gzip 9). Budget: 150 KB brotli.\n"
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
        if brotli <= 150_000 {
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

struct ApiRun {
    startup: Duration,
    rss_idle_kib: u64,
    rss_peak_kib: u64,
    /// The answer to `LIST`, for the ceiling to send.
    list_page: Vec<u8>,
    list: Load,
    list_spread: Load,
    matches: Load,
    matches_spread: Load,
    create: Load,
}

/// wrk's Lua scripts, written into the bench folder.
struct Scripts {
    post: PathBuf,
    list_spread: PathBuf,
    matches_spread: PathBuf,
}

impl Scripts {
    fn write(work: &Path) -> Result<Scripts> {
        let list_paths: Vec<String> = (1..=KECAMATAN)
            .flat_map(|k| {
                Resource::ALL.iter().map(move |r| {
                    format!(
                        "/api/v1/initiatives?region=32.73.{k:02}&resource={}&limit=20",
                        r.slug()
                    )
                })
            })
            .collect();
        let matches_paths: Vec<String> = (1..=INITIATIVES)
            .map(|n| format!("/api/v1/initiatives/{n}/matches"))
            .collect();
        let scripts = Scripts {
            post: work.join("post.lua"),
            list_spread: work.join("list-spread.lua"),
            matches_spread: work.join("matches-spread.lua"),
        };
        fs::write(&scripts.post, POST_SCRIPT)?;
        fs::write(&scripts.list_spread, spread_script(&list_paths))?;
        fs::write(&scripts.matches_spread, spread_script(&matches_paths))?;
        Ok(scripts)
    }
}

/// A wrk script that walks `paths` in turn, each thread starting at its own share of them, so
/// two threads do not ask the same URL moments apart (which the server would answer from
/// memory). The warm-up (`SPREAD_WARM_UP` set) starts a quarter of the way in, so the measured
/// run does not begin with the answers the warm-up just made.
fn spread_script(paths: &[String]) -> String {
    let mut lua = String::from("local paths = {\n");
    for path in paths {
        let _ = writeln!(lua, "  \"{path}\",");
    }
    lua.push_str(
        r#"}
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
local n = nil
function request()
  if n == nil then
    n = offset * math.floor(#paths / 2)
    if os.getenv("SPREAD_WARM_UP") then n = n + math.floor(#paths / 4) end
  end
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
"#,
    );
    lua
}

fn api_under_load(server: &Path, database_url: &str, scripts: &Scripts) -> Result<ApiRun> {
    let mut serve = Command::new(server);
    serve
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            database_url,
        ])
        .args([
            "--rate-limit-reads",
            "1000000000",
            "--rate-limit-writes",
            "1000000000",
        ]);
    let started = Instant::now();
    let process = Process::start(serve)?;
    let startup = started.elapsed();
    std::thread::sleep(Duration::from_secs(1));
    let rss_idle_kib = process.status("VmRSS")?;
    let list_page = http_get(&process.url, LIST)?;
    let list = wrk(&format!("{}{}", process.url, &LIST[1..]), &[])?;
    let list_spread = wrk(
        &process.url,
        &["-s", &scripts.list_spread.to_string_lossy()],
    )?;
    let matches = wrk(&format!("{}{}", process.url, &MATCHES[1..]), &[])?;
    let matches_spread = wrk(
        &process.url,
        &["-s", &scripts.matches_spread.to_string_lossy()],
    )?;
    let create = wrk(
        &format!("{}{}", process.url, &CREATE[1..]),
        &["-s", &scripts.post.to_string_lossy()],
    )?;
    let rss_peak_kib = process.status("VmHWM")?;
    Ok(ApiRun {
        startup,
        rss_idle_kib,
        rss_peak_kib,
        list_page,
        list,
        list_spread,
        matches,
        matches_spread,
        create,
    })
}

/// The body of a `200 OK` answer to `GET path` from the server at `base` (`http://HOST:PORT/`).
fn http_get(base: &str, path: &str) -> Result<Vec<u8>> {
    use std::io::{Read, Write};
    let host = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&host)
        .with_context(|| format!("could not connect to {host}"))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("an answer without headers")?;
    let head = String::from_utf8_lossy(&answer[..split]).to_lowercase();
    if !head.starts_with("http/1.1 200") || head.contains("transfer-encoding: chunked") {
        bail!("GET {path}: expected a plain 200 answer, got\n{head}");
    }
    Ok(answer[split + 4..].to_vec())
}

/// wrk's summary of one load run.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Load {
    rps: f64,
    p50: Duration,
    p99: Duration,
}

fn wrk(url: &str, extra: &[&str]) -> Result<Load> {
    // A second of one connection first: steady state is measured, not the first request's
    // one-off work (loading 100,000 features into memory, warming the page cache).
    let mut warm_up = Command::new("wrk");
    warm_up
        .args(["-t1", "-c1", "-d1s"])
        .args(extra)
        .arg(url)
        .env("SPREAD_WARM_UP", "1");
    cmd::output(&mut warm_up)?;
    let mut wrk = Command::new("wrk");
    wrk.args(LOAD).args(extra).arg(url);
    let out = cmd::output(&mut wrk)?;
    let load = parse_wrk(&out).with_context(|| format!("could not read wrk's report:\n{out}"))?;
    if out.contains("Non-2xx or 3xx responses") {
        bail!("wrk got error answers from {url}:\n{out}");
    }
    println!(
        "  {url}: {:.0} requests/s, p50 {}, p99 {}",
        load.rps,
        ms(load.p50),
        ms(load.p99)
    );
    Ok(load)
}

fn parse_wrk(report: &str) -> Option<Load> {
    let percentile = |label: &str| {
        report.lines().find_map(|line| {
            let mut parts = line.split_whitespace();
            (parts.next()? == label).then(|| parts.next().and_then(duration))?
        })
    };
    let rps = report
        .lines()
        .find_map(|line| line.trim().strip_prefix("Requests/sec:"))?
        .trim()
        .parse()
        .ok()?;
    Some(Load {
        rps,
        p50: percentile("50%")?,
        p99: percentile("99%")?,
    })
}

/// wrk's durations: `812.00us`, `4.91ms`, `1.02s`.
fn duration(text: &str) -> Option<Duration> {
    let (number, scale) = if let Some(n) = text.strip_suffix("us") {
        (n, 1e-6)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1e-3)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1.0)
    } else {
        return None;
    };
    Some(Duration::from_secs_f64(number.parse::<f64>().ok()? * scale))
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// A server process that prints "… running at http://…/" first; killed when dropped.
struct Process {
    child: Child,
    url: String,
}

impl Process {
    fn start(mut command: Command) -> Result<Process> {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("could not start the server")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut banner = String::new();
        BufReader::new(stdout).read_line(&mut banner)?;
        let process = Process {
            child,
            url: crate::server::url_from_banner(&banner)
                .with_context(|| format!("no address in {banner:?}"))?,
        };
        Ok(process)
    }

    /// A field of `/proc/PID/status`, in KiB (`VmRSS`: resident now, `VmHWM`: its peak).
    fn status(&self, field: &str) -> Result<u64> {
        let status = fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        status
            .lines()
            .find_map(|line| {
                line.strip_prefix(field)?
                    .trim_start_matches(':')
                    .split_whitespace()
                    .next()?
                    .parse()
                    .ok()
            })
            .with_context(|| format!("no {field} in /proc status"))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ensure_wrk() -> Result<()> {
    if cmd::probe(Command::new("wrk").arg("--version")).is_some()
        || Command::new("wrk").arg("--version").output().is_ok()
    {
        return Ok(());
    }
    tools::apt_install(&["wrk"])
}

/// A citizen proposing an initiative, over and over.
const POST_SCRIPT: &str = r#"wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"Festival Kopi Coblong","description":"Pameran dan lokakarya kopi lokal untuk warga dan UMKM di Coblong.","region":"32.73.02","subsectors":["kuliner"],"needs":[{"resource":"venue"},{"resource":"publicity"}],"starts_on":"2027-02-13","ends_on":"2027-02-14","contact":{"person":"Ani Rahmawati","email":"ani@contoh.id"},"contact_consent":true}'
"#;

/// Lighthouse's mobile preset: a 4× slower CPU and a slow 4G network, simulated.
fn lighthouse(ws: &Workspace, server: &Path, work: &Path, report: &mut String) -> Result<()> {
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
        "| performance score | largest contentful paint | time to interactive | total blocking time |"
    );
    let _ = writeln!(report, "|---|---|---|---|");
    let _ = writeln!(
        report,
        "| **{:.0}** (goal ≥ 95) | **{:.2} s** (goal ≤ 2.0 s) | {:.2} s | {:.0} ms |",
        median.score,
        median.lcp_ms / 1000.0,
        median.interactive_ms / 1000.0,
        median.blocking_ms
    );
    Ok(())
}

/// One Lighthouse run's figures.
struct Audit {
    score: f64,
    lcp_ms: f64,
    interactive_ms: f64,
    blocking_ms: f64,
}

fn lighthouse_once(package: &Path, url: &str, work: &Path) -> Result<Audit> {
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
    })
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

    const WRK: &str = "Running 10s test @ http://127.0.0.1:1/\n  2 threads and 16 connections\n  Thread Stats   Avg      Stdev     Max   +/- Stdev\n    Latency     4.91ms    1.20ms  30.00ms   80.00%\n  Latency Distribution\n     50%    4.80ms\n     75%    5.50ms\n     90%    7.12ms\n     99%  812.00us\n  31800 requests in 10.00s, 10.00MB read\nRequests/sec:   3180.25\nTransfer/sec:      1.00MB\n";

    #[test]
    fn the_spread_loads_ask_every_kecamatan_resource_pair_and_every_initiative() {
        let dir = std::env::temp_dir().join(format!("xtask-spread-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let scripts = Scripts::write(&dir).unwrap();
        let paths = |file: &Path| {
            std::fs::read_to_string(file)
                .unwrap()
                .lines()
                .filter(|l| l.trim_start().starts_with("\"/api/"))
                .count()
        };
        let (lists, matches) = (paths(&scripts.list_spread), paths(&scripts.matches_spread));
        let list_script = std::fs::read_to_string(&scripts.list_spread).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(lists, 300);
        assert!(list_script.contains("region=32.73.30&resource=market-access&limit=20"));
        assert_eq!(matches, INITIATIVES);
    }

    #[test]
    fn wrks_report_gives_throughput_and_percentiles() {
        let load = parse_wrk(WRK).unwrap();
        assert_eq!(load.rps, 3180.25);
        assert_eq!(load.p50, Duration::from_micros(4800));
        assert_eq!(load.p99, Duration::from_micros(812));
        assert!(parse_wrk("connection refused").is_none());
    }

    #[test]
    fn durations_in_every_unit_wrk_prints() {
        assert_eq!(duration("1.50s"), Some(Duration::from_millis(1500)));
        assert_eq!(duration("2.00ms"), Some(Duration::from_millis(2)));
        assert_eq!(duration("10.00us"), Some(Duration::from_micros(10)));
        assert_eq!(duration("fast"), None);
    }

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
