//! API load from `wrk` in a second process on loopback: the server under test, the Lua scripts
//! that spread requests the way a city's traffic is spread, and wrk's summary.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use pentahelix_core::Resource;

use super::{CREATE, INITIATIVES, KECAMATAN, LIST, LOAD, MATCHES, ms};
use crate::{cmd, tools};

pub(super) struct ApiRun {
    pub(super) startup: Duration,
    pub(super) rss_idle_kib: u64,
    pub(super) rss_peak_kib: u64,
    /// The answer to `LIST`, for the ceiling to send.
    pub(super) list_page: Vec<u8>,
    pub(super) list: Load,
    pub(super) list_spread: Load,
    pub(super) matches: Load,
    pub(super) matches_spread: Load,
    pub(super) create: Load,
}

/// wrk's Lua scripts, written into the bench folder.
pub(super) struct Scripts {
    pub(super) post: PathBuf,
    pub(super) list_spread: PathBuf,
    pub(super) matches_spread: PathBuf,
}

impl Scripts {
    pub(super) fn write(work: &Path) -> Result<Scripts> {
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
pub(super) fn spread_script(paths: &[String]) -> String {
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

pub(super) fn api_under_load(
    server: &Path,
    database_url: &str,
    scripts: &Scripts,
) -> Result<ApiRun> {
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
pub(super) fn http_get(base: &str, path: &str) -> Result<Vec<u8>> {
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
pub(super) struct Load {
    pub(super) rps: f64,
    pub(super) p50: Duration,
    pub(super) p99: Duration,
}

pub(super) fn wrk(url: &str, extra: &[&str]) -> Result<Load> {
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

pub(super) fn parse_wrk(report: &str) -> Option<Load> {
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
pub(super) fn duration(text: &str) -> Option<Duration> {
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

/// A server process that prints "… running at http://…/" first; killed when dropped.
pub(super) struct Process {
    pub(super) child: Child,
    pub(super) url: String,
}

impl Process {
    pub(super) fn start(mut command: Command) -> Result<Process> {
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

pub(super) fn ensure_wrk() -> Result<()> {
    if cmd::probe(Command::new("wrk").arg("--version")).is_some()
        || Command::new("wrk").arg("--version").output().is_ok()
    {
        return Ok(());
    }
    tools::apt_install(&["wrk"])
}

/// A citizen proposing an initiative, over and over.
pub(super) const POST_SCRIPT: &str = r#"wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"Festival Kopi Coblong","description":"Pameran dan lokakarya kopi lokal untuk warga dan UMKM di Coblong.","region":"32.73.02","subsectors":["kuliner"],"needs":[{"resource":"venue"},{"resource":"publicity"}],"starts_on":"2027-02-13","ends_on":"2027-02-14","contact":{"person":"Ani Rahmawati","email":"ani@contoh.id"},"contact_consent":true}'
"#;

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
}
