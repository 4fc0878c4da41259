//! The real `reseau` release binary, built by cargo and run as a separate process, configured
//! only through environment variables.

use std::{
    net::{SocketAddr, TcpListener},
    path::{Path, PathBuf},
    process::Stdio,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use tokio::{
    process::{Child, Command},
    task::JoinHandle,
};

use crate::load::Conn;

/// Runs `cargo build --release --bin reseau` in the workspace and returns the binary's path.
pub fn build_release(root: &Path, target_dir: &Path) -> anyhow::Result<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("bench: cargo build --release --bin reseau");
    let mut command = std::process::Command::new(&cargo);
    command
        .args(["build", "--release", "--bin", "reseau"])
        .current_dir(root);
    // `cargo run` gives this process the variables of the bench package (CARGO_PKG_NAME,
    // CARGO_MANIFEST_DIR, …). Some build scripts (ring's) rerun when those change, so a nested
    // build that inherited them would rebuild half the tree, and the next plain build again.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("CARGO_PKG_")
            || key.starts_with("CARGO_MANIFEST_")
            || key.starts_with("CARGO_BIN_")
            || matches!(
                key.as_str(),
                "CARGO_CRATE_NAME" | "CARGO_PRIMARY_PACKAGE" | "CARGO_TARGET_TMPDIR" | "OUT_DIR"
            )
        {
            command.env_remove(key);
        }
    }
    let status = command
        .status()
        .with_context(|| format!("running {cargo} build"))?;
    if !status.success() {
        bail!("cargo build --release --bin reseau failed ({status})");
    }
    let binary = target_dir.join("release").join("reseau");
    if !binary.is_file() {
        bail!("{} is missing after the build", binary.display());
    }
    Ok(binary)
}

/// A free port on loopback (free when asked; the server binds it right after).
pub fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr().context("reading a port")?.port())
}

/// What a `reseau` process does: serve the site (and, unless told not to, run the worker), or
/// run only the outbox worker and the scheduled jobs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Serve,
    Worker,
}

pub struct Server {
    child: Child,
    pid: u32,
    pub addr: SocketAddr,
    pub base: String,
    log: PathBuf,
    peak_kib: Arc<AtomicU64>,
    sampler: JoinHandle<()>,
}

impl Server {
    /// Starts `reseau serve` in `dir` on `database_url`, sending mail to the sink on
    /// `smtp_port`, and waits until `/healthz` answers "ok".
    pub async fn start(
        binary: &Path,
        dir: &Path,
        database_url: &str,
        smtp_port: u16,
        extra_env: &[(String, String)],
    ) -> anyhow::Result<Self> {
        Self::launch(
            binary,
            dir,
            database_url,
            smtp_port,
            Role::Serve,
            None,
            extra_env,
        )
        .await
    }

    /// Starts `reseau serve` or `reseau worker`. `base` is the public address the process puts
    /// in links (several servers behind one balancer share one); by default its own. A server
    /// is waited for until healthy; a worker, until it has run for a moment without exiting.
    pub async fn launch(
        binary: &Path,
        dir: &Path,
        database_url: &str,
        smtp_port: u16,
        role: Role,
        base: Option<&str>,
        extra_env: &[(String, String)],
    ) -> anyhow::Result<Self> {
        let port = free_port()?;
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let base = base.map_or_else(|| format!("http://127.0.0.1:{port}"), str::to_owned);
        let (subcommand, log_name) = match role {
            Role::Serve => ("serve", format!("server-{port}.log")),
            Role::Worker => ("worker", format!("worker-{port}.log")),
        };
        let log = dir.join(log_name);
        let out = std::fs::File::create(&log).context("creating the server log")?;
        let err = out.try_clone().context("sharing the server log")?;
        let mut command = Command::new(binary);
        command.arg(subcommand).current_dir(dir);
        // Nothing from this shell's environment configures the server, only what is below.
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("RESEAU_") {
                command.env_remove(key);
            }
        }
        command
            .env("RESEAU_DATABASE_URL", database_url)
            .env("RESEAU_BIND", addr.to_string())
            .env("RESEAU_BASE_URL", &base)
            .env(
                "RESEAU_SECRET_KEY",
                "bench-secret-key-of-every-instance-0123",
            )
            .env("RESEAU_MAIL__TRANSPORT", "smtp")
            .env("RESEAU_MAIL__ALLOW_RESERVED_DOMAINS", "true")
            // The load comes from one address: no cap on its connections.
            .env("RESEAU_LIMITS__CONNECTIONS_PER_IP", "0")
            .env(
                "RESEAU_MAIL__SMTP_URL",
                format!("smtp://127.0.0.1:{smtp_port}"),
            )
            .env("RESEAU_FORMS__MIN_FILL_SECONDS", "0")
            .env("RESEAU_LIMITS__IP_BURST", "100000000")
            .env("RESEAU_LIMITS__IP_PER_MINUTE", "100000000")
            .env("RESEAU_LIMITS__MAILS_PER_ADDRESS_PER_HOUR", "1000")
            .env("RESEAU_LOG", "warn")
            .envs(extra_env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .kill_on_drop(true);
        let child = command
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let pid = child.id().context("the server has no process id")?;

        let peak_kib = Arc::new(AtomicU64::new(0));
        let sampling = peak_kib.clone();
        let sampler = tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_millis(100));
            loop {
                every.tick().await;
                match memory_kib(pid) {
                    Some(kib) => {
                        sampling.fetch_max(kib, Ordering::Relaxed);
                    }
                    None => break,
                }
            }
        });

        let mut server = Self {
            child,
            pid,
            addr,
            base,
            log,
            peak_kib,
            sampler,
        };
        match role {
            Role::Serve => server.wait_healthy().await?,
            Role::Worker => {
                tokio::time::sleep(Duration::from_millis(300)).await;
                if let Some(status) = server.child.try_wait().context("checking the worker")? {
                    bail!(
                        "the worker exited ({status}); its log:\n{}",
                        server.log_tail(40)
                    );
                }
            }
        }
        Ok(server)
    }

    async fn wait_healthy(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut conn = Conn::new(self.addr);
        loop {
            if let Ok(reply) = conn.get("/healthz", None).await
                && reply.status.is_success()
                && reply.text().trim() == "ok"
            {
                return Ok(());
            }
            conn.reset();
            if let Some(status) = self.child.try_wait().context("checking the server")? {
                bail!(
                    "the server exited ({status}); its log:\n{}",
                    self.log_tail(40)
                );
            }
            if Instant::now() > deadline {
                bail!(
                    "the server did not become healthy in 60 s; its log:\n{}",
                    self.log_tail(40)
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The server's peak resident memory so far, in MiB.
    pub fn peak_mib(&self) -> f64 {
        let sampled = self.peak_kib.load(Ordering::Relaxed);
        let kib = memory_kib(self.pid).unwrap_or(0).max(sampled);
        kib as f64 / 1024.0
    }

    /// The server's resident memory now, in MiB.
    pub fn rss_mib(&self) -> f64 {
        memory_field(self.pid, "VmRSS:").unwrap_or(0) as f64 / 1024.0
    }

    /// The last `lines` lines of what the server printed.
    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// Warnings and errors the server logged (it runs with RESEAU_LOG=warn), but the one
    /// expected on every fresh database (no organizer yet).
    pub fn log_problems(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(strip_ansi)
            .filter(|l| l.contains("WARN") || l.contains("ERROR"))
            .filter(|l| !l.contains("no organizer yet"))
            .collect()
    }

    /// Asks the server to stop (SIGTERM), and kills it if it has not within 15 seconds.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        self.sampler.abort();
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.pid.to_string()])
            .status();
        match tokio::time::timeout(Duration::from_secs(15), self.child.wait()).await {
            Ok(status) => {
                status.context("waiting for the server")?;
            }
            Err(_) => {
                eprintln!("bench: the server ignored SIGTERM for 15 s; killing it");
                self.child.kill().await.context("killing the server")?;
            }
        }
        Ok(())
    }
}

/// Runs `reseau <args>` (a subcommand such as `organizer create`) in `dir` on `database_url`,
/// with only the environment given here, and fails with what it printed unless it succeeded.
pub async fn run_command(
    binary: &Path,
    dir: &Path,
    database_url: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> anyhow::Result<String> {
    let mut command = Command::new(binary);
    command.args(args).current_dir(dir);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("RESEAU_") {
            command.env_remove(key);
        }
    }
    command
        .env("RESEAU_DATABASE_URL", database_url)
        .env("RESEAU_LOG", "warn")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .kill_on_drop(true);
    let out = command
        .output()
        .await
        .with_context(|| format!("running {} {}", binary.display(), args.join(" ")))?;
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() {
        bail!(
            "reseau {} failed ({}): {printed}",
            args.join(" "),
            out.status
        );
    }
    Ok(printed)
}

/// Peak resident set (VmHWM), else the current one (VmRSS), of `pid`, in KiB.
fn memory_kib(pid: u32) -> Option<u64> {
    memory_field(pid, "VmHWM:").or_else(|| memory_field(pid, "VmRSS:"))
}

/// A memory field of `/proc/<pid>/status`, in KiB.
fn memory_field(pid: u32, name: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
}

/// A log line without its colour codes.
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-letter
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
