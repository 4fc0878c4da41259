//! Réseau's benchmark harness (issue 7).
//!
//! `cargo run --release -p bench -- [scenario…] [--postgres URL] [--quick]`
//!
//! It builds the `reseau` release binary with cargo, starts it as a separate process on a fresh
//! database (SQLite, or a database it creates on the PostgreSQL server given), with a real SMTP
//! sink on loopback, and drives it over HTTP with its own keep-alive connections. Each scenario
//! also measures its baseline in the same run, so that the figure that matters is a ratio.
//! It prints a table, writes the same as JSON under `target/bench/`, and exits non-zero when a
//! correctness check fails.

mod baseline;
mod cpu;
mod db;
mod load;
mod report;
mod scenario;
mod server;
mod sink;
mod smtp_client;

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use anyhow::{Context, bail};
use clap::Parser;

use crate::{
    db::Backend,
    report::{Machine, Report, Results},
    scenario::Ctx,
};

/// Réseau's allocator: the baselines served in this process are compared with it on equal terms.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SCENARIOS: [&str; 9] = [
    "pages",
    "join",
    "rush",
    "session-rush",
    "login-flood",
    "newsletter",
    "scale",
    "enumeration",
    "scale-data",
];

#[derive(Parser, Debug)]
#[command(
    name = "bench",
    about = "Réseau's benchmark harness: the real release binary against a baseline per scenario"
)]
struct Args {
    /// Scenarios to run (pages, join, rush, session-rush, login-flood, newsletter, scale,
    /// enumeration, scale-data); all of them when none is named (scale only on PostgreSQL),
    /// but scale-data (a million members) only with --quick or when named.
    scenarios: Vec<String>,
    /// Run on PostgreSQL: a URL to a server where a fresh database can be created, e.g.
    /// postgres://postgres@127.0.0.1:5432/test.
    #[arg(long, value_name = "URL")]
    postgres: Option<String>,
    /// Small counts, to check correctness in CI rather than to measure speed.
    #[arg(long)]
    quick: bool,
    /// Client connections of `pages` and `join` (and of `rush`'s untimed preparation; its race
    /// has 200, `login-flood` 50 + 16, as issue 7 sets them).
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Members of the newsletter scenario (default 100,000; 2,000 with --quick); `scale`
    /// sends to a fifth of them. For `scale-data`, the one size to run (default 100,000 and
    /// then 1,000,000; 5,000 with --quick).
    #[arg(long, value_name = "N")]
    members: Option<u64>,
    /// Extra environment for the server, after the bench's own (repeatable), to try a setting:
    /// e.g. --server-env RESEAU_WORKER__ENABLED=false. Figures taken so are experiments.
    #[arg(long = "server-env", value_name = "KEY=VALUE")]
    server_env: Vec<String>,
    /// Run this `reseau` binary instead of building the workspace's: to measure a copy of an
    /// earlier build against the current one in the same session.
    #[arg(long, value_name = "PATH")]
    binary: Option<PathBuf>,
    /// `newsletter` only: send through this SMTP relay (e.g. smtp://127.0.0.1:25, a local
    /// Postfix) instead of the bench's sink, Réseau and the plain client alike, so the relay's
    /// own limit shows. Per-recipient counts are then taken from the outbox, not the sink.
    #[arg(long = "smtp-relay", value_name = "URL")]
    smtp_relay: Option<String>,
}

/// The workspace root: this crate lives in `crates/bench`.
fn workspace_root() -> anyhow::Result<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .context("finding the workspace root")
}

fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

fn commit(root: &Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("bench: FAILED: a correctness check failed (see above)");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("bench: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run() -> anyhow::Result<bool> {
    let args = Args::parse();
    let scenarios: Vec<String> = if args.scenarios.is_empty() {
        SCENARIOS
            .iter()
            .filter(|s| args.quick || **s != "scale-data")
            .map(|s| (*s).to_owned())
            .collect()
    } else {
        args.scenarios.clone()
    };
    if let Some(unknown) = scenarios.iter().find(|s| !SCENARIOS.contains(&s.as_str())) {
        bail!(
            "unknown scenario {unknown:?}; known: {}",
            SCENARIOS.join(", ")
        );
    }
    let started_at = chrono::Utc::now();
    let root = workspace_root()?;
    let target = target_dir(&root);
    let binary = match &args.binary {
        Some(path) => path.canonicalize().context("--binary")?,
        None => server::build_release(&root, &target)?,
    };
    let backend = match &args.postgres {
        Some(url) => Backend::Postgres(url.clone()),
        None => Backend::Sqlite,
    };
    let mut server_env = Vec::new();
    for pair in &args.server_env {
        let (key, value) = pair
            .split_once('=')
            .with_context(|| format!("--server-env {pair:?} is not KEY=VALUE"))?;
        eprintln!("bench: experiment: the server also gets {key}={value}");
        server_env.push((key.to_owned(), value.to_owned()));
    }
    let ctx = Ctx {
        binary,
        backend,
        quick: args.quick,
        connections: args.connections,
        members: args.members,
        server_env,
        smtp_relay: args.smtp_relay.clone(),
    };

    let mut results = Results::default();
    let clock = std::time::Instant::now();
    for name in &scenarios {
        let outcome = match name.as_str() {
            "pages" => scenario::pages::run(&ctx, &mut results).await,
            "join" => scenario::join::run(&ctx, &mut results).await,
            "rush" => scenario::rush::run(&ctx, &mut results).await,
            "session-rush" => scenario::session_rush::run(&ctx, &mut results).await,
            "login-flood" => scenario::login_flood::run(&ctx, &mut results).await,
            "newsletter" => scenario::newsletter::run(&ctx, &mut results).await,
            "scale" => scenario::scale::run(&ctx, &mut results).await,
            "enumeration" => scenario::enumeration::run(&ctx, &mut results).await,
            "scale-data" => scenario::scale_data::run(&ctx, &mut results).await,
            _ => unreachable!("scenarios are checked above"),
        };
        if let Err(e) = outcome {
            eprintln!("bench: {name} failed: {e:#}");
            results
                .failures
                .push(format!("{name} ({}): {e:#}", ctx.backend_name()));
        }
    }
    eprintln!(
        "bench: scenarios ran in {:.1} s",
        clock.elapsed().as_secs_f64()
    );

    println!("{}", report::table(&results));
    for note in &results.server_log {
        println!("server log: {note}");
    }
    let passed = results.passed();
    let report = Report {
        started_at: started_at.to_rfc3339(),
        command: std::env::args().collect(),
        quick: args.quick,
        commit: commit(&root),
        machine: Machine::read(),
        results: &results,
        passed,
    };
    let stamp = started_at.format("%Y%m%dT%H%M%SZ").to_string();
    let path = report::write_json(&target.join("bench"), &stamp, &report)?;
    println!("JSON: {}", path.display());
    Ok(passed)
}
