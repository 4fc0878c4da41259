//! What a run found: rows of figures, correctness checks, targets; printed as a table and
//! written as JSON under `target/bench/`.

use std::{fmt::Write as _, path::Path};

use anyhow::Context;
use serde::Serialize;

use crate::{cpu::Usage, load::Outcome};

#[derive(Clone, Debug, Default, Serialize)]
pub struct Row {
    pub scenario: String,
    pub backend: String,
    /// Operations a second.
    pub throughput: f64,
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    pub peak_server_mib: Option<f64>,
    /// The baseline's operations a second, measured in the same run.
    pub baseline: Option<f64>,
    /// throughput ÷ baseline.
    pub ratio: Option<f64>,
    pub ops: u64,
    pub errors: u64,
    pub seconds: f64,
    pub connections: usize,
    pub baseline_p50_ms: Option<f64>,
    pub baseline_p99_ms: Option<f64>,
    pub note: Option<String>,
    /// CPU during the measured run, and during the baseline's run.
    pub cpu: Option<Usage>,
    pub baseline_cpu: Option<Usage>,
    /// How a sign-in flood was answered (`login-flood` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flood: Option<crate::scenario::login_flood::FloodCounts>,
    /// Anything else a scenario measured (the newsletter trials, the timing of enumeration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<serde_json::Value>,
}

impl Row {
    /// A row from a measured run, against an optional baseline run.
    pub fn measured(
        scenario: &str,
        backend: &str,
        connections: usize,
        run: &Outcome,
        baseline: Option<&Outcome>,
        peak_server_mib: f64,
    ) -> Self {
        let throughput = run.per_second();
        let base = baseline.map(Outcome::per_second);
        Row {
            scenario: scenario.to_owned(),
            backend: backend.to_owned(),
            throughput,
            p50_ms: (run.ops > 0).then(|| run.p50_ms()),
            p99_ms: (run.ops > 0).then(|| run.p99_ms()),
            peak_server_mib: Some(peak_server_mib),
            baseline: base,
            ratio: base.filter(|b| *b > 0.0).map(|b| throughput / b),
            ops: run.ops,
            errors: run.errors,
            seconds: run.elapsed.as_secs_f64(),
            connections,
            baseline_p50_ms: baseline.filter(|b| b.ops > 0).map(Outcome::p50_ms),
            baseline_p99_ms: baseline.filter(|b| b.ops > 0).map(Outcome::p99_ms),
            note: None,
            cpu: None,
            baseline_cpu: None,
            flood: None,
            detail: None,
        }
    }

    pub fn with_cpu(mut self, run: Usage, baseline: Option<Usage>) -> Self {
        self.cpu = Some(run);
        self.baseline_cpu = baseline;
        self
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub scenario: String,
    pub backend: String,
    pub what: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Target {
    pub scenario: String,
    pub backend: String,
    pub target: String,
    pub measured: String,
    pub met: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Results {
    pub rows: Vec<Row>,
    pub checks: Vec<Check>,
    pub targets: Vec<Target>,
    /// Warnings and errors the server logged, per scenario.
    pub server_log: Vec<String>,
    /// Scenarios that could not run to the end.
    pub failures: Vec<String>,
}

impl Results {
    pub fn check(&mut self, scenario: &str, backend: &str, what: &str, ok: bool, detail: String) {
        let mark = if ok { "ok  " } else { "FAIL" };
        eprintln!("bench: [{mark}] {scenario} ({backend}): {what}: {detail}");
        self.checks.push(Check {
            scenario: scenario.to_owned(),
            backend: backend.to_owned(),
            what: what.to_owned(),
            ok,
            detail,
        });
    }

    pub fn target(&mut self, row: &Row, target: &str, measured: String, met: bool) {
        self.targets.push(Target {
            scenario: row.scenario.clone(),
            backend: row.backend.clone(),
            target: target.to_owned(),
            measured,
            met,
        });
    }

    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.checks.iter().all(|c| c.ok)
    }
}

fn opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.decimals$}"))
}

/// The table of figures, then the targets and the checks.
pub fn table(results: &Results) -> String {
    let header = [
        "scenario",
        "backend",
        "throughput (ops/s)",
        "p50 (ms)",
        "p99 (ms)",
        "peak server memory (MiB)",
        "baseline (ops/s)",
        "ratio",
    ];
    let rows: Vec<[String; 8]> = results
        .rows
        .iter()
        .map(|r| {
            [
                r.scenario.clone(),
                r.backend.clone(),
                format!("{:.0}", r.throughput),
                opt(r.p50_ms, 2),
                opt(r.p99_ms, 2),
                opt(r.peak_server_mib, 1),
                opt(r.baseline, 0),
                r.ratio
                    .map_or_else(|| "-".to_owned(), |v| format!("{:.0} %", v * 100.0)),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: &[String], out: &mut String| {
        let mut text = String::from("|");
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            if i < 2 {
                let _ = write!(text, " {cell}{} |", " ".repeat(pad));
            } else {
                let _ = write!(text, " {}{cell} |", " ".repeat(pad));
            }
        }
        out.push_str(&text);
        out.push('\n');
    };
    line(&header.map(str::to_owned), &mut out);
    let mut rule = String::from("|");
    for (i, w) in widths.iter().enumerate() {
        if i < 2 {
            rule.push_str(&"-".repeat(w + 2));
        } else {
            rule.push_str(&"-".repeat(w + 1));
            rule.push(':');
        }
        rule.push('|');
    }
    out.push_str(&rule);
    out.push('\n');
    for row in &rows {
        line(row, &mut out);
    }
    let with_cpu: Vec<&Row> = results.rows.iter().filter(|r| r.cpu.is_some()).collect();
    if !with_cpu.is_empty() {
        out.push_str(
            "\nCPU during each run, in cores of the machine's total (server = réseau; bench = client,\n\
             plus the in-process baseline server during baseline runs; machine = all processes):\n",
        );
        for r in with_cpu {
            let per_op = |cores: f64, rate: f64| {
                if rate > 0.0 {
                    format!("{:.0} µs/op", cores * 1e6 / rate)
                } else {
                    "-".to_owned()
                }
            };
            if let Some(c) = r.cpu {
                let switches = if r.ops > 0 {
                    c.server_switches as f64 / r.ops as f64
                } else {
                    0.0
                };
                let _ = writeln!(
                    out,
                    "  {} ({}): server {:.2} ({}, {switches:.1} context switches/op), bench {:.2} ({}), machine {:.2} of {:.0}",
                    r.scenario,
                    r.backend,
                    c.server_cores,
                    per_op(c.server_cores, r.throughput),
                    c.bench_cores,
                    per_op(c.bench_cores, r.throughput),
                    c.machine_busy_cores,
                    c.machine_cores
                );
            }
            if let (Some(b), Some(rate)) = (r.baseline_cpu, r.baseline) {
                let _ = writeln!(
                    out,
                    "  {} ({}) baseline: bench {:.2} ({}), machine {:.2} of {:.0}",
                    r.scenario,
                    r.backend,
                    b.bench_cores,
                    per_op(b.bench_cores, rate),
                    b.machine_busy_cores,
                    b.machine_cores
                );
            }
        }
    }
    if !results.targets.is_empty() {
        out.push_str("\nTargets (issue 7):\n");
        for t in &results.targets {
            let verdict = if t.met { "met" } else { "MISSED" };
            let _ = writeln!(
                out,
                "  {verdict:6} {} ({}): {} — measured {}",
                t.scenario, t.backend, t.target, t.measured
            );
        }
    }
    let failed: Vec<&crate::report::Check> = results.checks.iter().filter(|c| !c.ok).collect();
    let _ = writeln!(
        out,
        "\nCorrectness: {} checks, {} failed",
        results.checks.len(),
        failed.len()
    );
    for c in failed {
        let _ = writeln!(
            out,
            "  FAIL {} ({}): {}: {}",
            c.scenario, c.backend, c.what, c.detail
        );
    }
    for f in &results.failures {
        let _ = writeln!(out, "  FAIL {f}");
    }
    out
}

#[derive(Serialize)]
pub struct Machine {
    pub cores: usize,
    pub cpu_model: String,
    pub memory_mib: u64,
}

impl Machine {
    pub fn read() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu_model = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_mib = meminfo
            .lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0, |kib| kib / 1024);
        Self {
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            cpu_model,
            memory_mib,
        }
    }
}

#[derive(Serialize)]
pub struct Report<'a> {
    pub started_at: String,
    pub command: Vec<String>,
    pub quick: bool,
    pub commit: Option<String>,
    pub machine: Machine,
    pub results: &'a Results,
    pub passed: bool,
}

/// Writes `report` as `<dir>/<stamp>.json` and `<dir>/latest.json`; returns the first path.
pub fn write_json(
    dir: &Path,
    stamp: &str,
    report: &Report<'_>,
) -> anyhow::Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let json = serde_json::to_string_pretty(report).context("writing JSON")?;
    let path = dir.join(format!("{stamp}.json"));
    std::fs::write(&path, &json).with_context(|| format!("writing {}", path.display()))?;
    let latest = dir.join("latest.json");
    std::fs::write(&latest, &json).with_context(|| format!("writing {}", latest.display()))?;
    Ok(path)
}
