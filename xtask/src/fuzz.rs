//! `cargo xtask fuzz`: the core's cargo-fuzz targets (`core/fuzz`), each for a bounded time,
//! with its corpus kept in the target directory so every run starts where the last one ended.
//!
//! libFuzzer without a sanitizer: the core has no `unsafe`, so what fuzzing can find here is a
//! panic or a broken invariant, and that build works on the stable toolchain.

use std::fs;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::tools;
use crate::workspace::Workspace;

/// Long enough to find a shallow panic from the seeds, short enough for every CI run.
pub const CI_SECONDS: u32 = 20;

pub const TARGETS: [&str; 4] = ["validate", "region_code", "slugs", "region_import"];

pub fn run(ws: &Workspace, seconds: u32) -> Result<()> {
    let cargo_fuzz = tools::ensure_cargo_fuzz(ws)?;
    let crate_dir = ws.root.join("core");
    let work = ws.target_dir.join("fuzz");
    let mut lines = Vec::new();
    for target in TARGETS {
        let corpus = work.join("corpus").join(target);
        let artifacts = work.join("artifacts").join(target);
        // Only this run's findings: an old crash file must not be read as a new one.
        let _ = fs::remove_dir_all(&artifacts);
        for dir in [&corpus, &artifacts] {
            fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
        }
        println!("xtask: fuzzing {target} for {seconds} s");
        let mut fuzz = Command::new(&cargo_fuzz);
        fuzz.current_dir(&crate_dir)
            .args(["fuzz", "run", "--sanitizer", "none", "--target-dir"])
            .arg(work.join("build"))
            .arg(target)
            .arg(&corpus)
            .arg(crate_dir.join("fuzz/seeds").join(target))
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            .arg("-print_final_stats=1");
        let output = fuzz
            .output()
            .with_context(|| format!("could not start {}", cargo_fuzz.display()))?;
        let log = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            for line in tail.iter().rev() {
                eprintln!("  {line}");
            }
            let found = fs::read_dir(&artifacts).map_or(0, |d| d.count());
            if found == 0 {
                bail!("fuzz target `{target}` did not build or run (its output is above)");
            }
            bail!(
                "fuzz target `{target}` broke; the input is in {} (replay: cd core && cargo fuzz \
                 run --sanitizer none {target} FILE)",
                artifacts.display()
            );
        }
        let runs = final_stat(&log, "number_of_executed_units").unwrap_or(0);
        let corpus_size = fs::read_dir(&corpus).map_or(0, |d| d.count());
        lines.push(format!(
            "  {target:<14} {runs:>12} runs in {seconds} s, corpus {corpus_size}, no failure"
        ));
    }
    println!("xtask: fuzzing done");
    for line in lines {
        println!("{line}");
    }
    Ok(())
}

/// Reads `stat::NAME: VALUE` from libFuzzer's final statistics.
fn final_stat(log: &str, name: &str) -> Option<u64> {
    log.lines().find_map(|line| {
        let value = line.strip_prefix("stat::")?.strip_prefix(name)?;
        value.trim_start_matches(':').trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_count_is_read_from_libfuzzers_final_statistics() {
        let log = "#1024 pulse\nstat::number_of_executed_units: 123456\nstat::average_exec_per_sec:     6172\n";
        assert_eq!(final_stat(log, "number_of_executed_units"), Some(123456));
        assert_eq!(final_stat(log, "average_exec_per_sec"), Some(6172));
        assert_eq!(final_stat("nothing", "number_of_executed_units"), None);
    }

    #[test]
    fn every_target_has_a_source_and_seeds() {
        let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fuzz");
        let manifest = fs::read_to_string(core.join("Cargo.toml")).unwrap();
        for target in TARGETS {
            assert!(
                core.join(format!("fuzz_targets/{target}.rs")).is_file(),
                "{target}"
            );
            assert!(
                manifest.contains(&format!("name = \"{target}\"")),
                "{target}"
            );
            assert!(
                fs::read_dir(core.join("seeds").join(target))
                    .unwrap()
                    .count()
                    > 0,
                "{target}"
            );
        }
    }
}
