//! The scenarios. Each starts its own server on its own fresh database, with its own SMTP
//! sink, and leaves nothing behind.

pub mod enumeration;
pub mod join;
pub mod login_flood;
pub mod newsletter;
pub mod pages;
pub mod rush;
pub mod scale;
pub mod scale_data;
pub mod session_rush;

use std::{
    net::SocketAddr,
    path::PathBuf,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use hyper::StatusCode;

use crate::{
    baseline::Baseline,
    cpu,
    db::{Backend, FreshDb},
    load::{self, Amount, BoxFuture, Conn, Op, Outcome},
    report::Results,
    server::Server,
    sink::Sink,
};

/// The CSRF cookie (signed double submit: the cookie, and its HMAC in each form).
pub const CSRF_COOKIE: &str = "reseau_csrf";
/// The server's pool (`db_max_connections`'s default); the PostgreSQL baseline gets as many
/// connections.
const POOL_SIZE: u32 = 8;

/// What every scenario is given.
pub struct Ctx {
    pub binary: PathBuf,
    pub backend: Backend,
    pub quick: bool,
    pub connections: usize,
    /// Members of the newsletter scenario, when not the default.
    pub members: Option<u64>,
    /// Extra server settings for experiments (`--server-env`).
    pub server_env: Vec<(String, String)>,
    /// `newsletter`'s copies through this relay rather than the sink (`--smtp-relay`).
    pub smtp_relay: Option<String>,
}

impl Ctx {
    pub fn backend_name(&self) -> &'static str {
        self.backend.name()
    }
}

/// A running server on a fresh database, and the sink it sends mail to.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: FreshDb,
    pub sink: Sink,
    pub server: Server,
}

impl Env {
    pub async fn start(ctx: &Ctx) -> anyhow::Result<Self> {
        Self::start_with(ctx, &[]).await
    }

    /// Like `start`, with settings of the scenario's own before the experiment's
    /// (`--server-env`), which win.
    pub async fn start_with(ctx: &Ctx, own_env: &[(&str, &str)]) -> anyhow::Result<Self> {
        let mut env: Vec<(String, String)> = own_env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        env.extend(ctx.server_env.iter().cloned());
        let dir = tempfile::Builder::new()
            .prefix("reseau-bench-")
            .tempdir()
            .context("creating a temporary folder")?;
        let db = FreshDb::create(&ctx.backend, dir.path(), "bench.db").await?;
        let started = async {
            let sink = Sink::start().await?;
            let server = Server::start(&ctx.binary, dir.path(), &db.url, sink.port, &env).await?;
            anyhow::Ok((sink, server))
        }
        .await;
        match started {
            Ok((sink, server)) => Ok(Self {
                dir,
                db,
                sink,
                server,
            }),
            Err(e) => {
                if let Err(drop_error) = db.drop().await {
                    eprintln!("bench: {drop_error:#}");
                }
                Err(e)
            }
        }
    }

    /// Stops the server (keeping what it logged) and starts another on the same database and
    /// sink, with the scenario's own settings `own_env` (the experiment's still win).
    pub async fn restart(
        &mut self,
        ctx: &Ctx,
        scenario: &str,
        own_env: &[(String, String)],
        results: &mut Results,
    ) -> anyhow::Result<()> {
        let mut env = own_env.to_vec();
        env.extend(ctx.server_env.iter().cloned());
        let server = Server::start(
            &ctx.binary,
            self.dir.path(),
            &self.db.url,
            self.sink.port,
            &env,
        )
        .await?;
        let old = std::mem::replace(&mut self.server, server);
        keep_log_problems(&old, scenario, ctx.backend_name(), results);
        if let Err(e) = old.stop().await {
            eprintln!("bench: stopping the server: {e:#}");
        }
        Ok(())
    }

    /// Stops the server, keeps what it logged, drops the database.
    pub async fn stop(self, scenario: &str, backend: &str, results: &mut Results) {
        keep_log_problems(&self.server, scenario, backend, results);
        if let Err(e) = self.server.stop().await {
            eprintln!("bench: stopping the server: {e:#}");
        }
        drop(self.sink);
        if let Err(e) = self.db.drop().await {
            eprintln!("bench: {e:#}");
        }
        drop(self.dir);
    }
}

/// Shows and keeps the warnings and errors a server logged.
pub fn keep_log_problems(server: &Server, scenario: &str, backend: &str, results: &mut Results) {
    let problems = server.log_problems();
    if !problems.is_empty() {
        eprintln!(
            "bench: the server logged {} warnings or errors during {scenario}; the first:",
            problems.len()
        );
        for line in problems.iter().take(10) {
            eprintln!("  {line}");
        }
        results.server_log.push(format!(
            "{scenario} ({backend}): {} warnings or errors; first: {}",
            problems.len(),
            problems.first().map_or("", String::as_str)
        ));
    }
}

/// A load run, with the CPU that the server, this process and the machine used during it.
pub async fn measured<O: Op>(
    server_pid: u32,
    addr: SocketAddr,
    connections: usize,
    amount: Amount,
    op: Arc<O>,
) -> anyhow::Result<(Outcome, cpu::Usage)> {
    let before = cpu::Snapshot::take(server_pid);
    let outcome = load::run(addr, connections, amount, op).await?;
    let usage = cpu::Snapshot::take(server_pid).since(&before);
    Ok((outcome, usage))
}

/// Like `measured`, with the connections spread over several servers; the CPU is that of the
/// process `pid`.
pub async fn measured_spread<O: Op>(
    pid: u32,
    addrs: &[SocketAddr],
    connections: usize,
    amount: Amount,
    op: Arc<O>,
) -> anyhow::Result<(Outcome, cpu::Usage)> {
    let before = cpu::Snapshot::take(pid);
    let outcome = load::run_spread(addrs, connections, amount, op).await?;
    let usage = cpu::Snapshot::take(pid).since(&before);
    Ok((outcome, usage))
}

/// A distinct name per person, in letters only (names take no digits).
pub fn person_name(index: u64) -> String {
    let mut letters = Vec::new();
    let mut n = index;
    loop {
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    let tail: String = letters.into_iter().rev().collect();
    format!("Bench Person {tail}")
}

/// Waits until `value()` reaches `goal`, for at most `limit`, and gives up sooner when it has
/// not moved for 30 seconds.
pub async fn wait_for(value: impl Fn() -> u64, goal: u64, limit: Duration) {
    let deadline = Instant::now() + limit;
    let mut last = value();
    let mut moved = Instant::now();
    while last < goal && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let now = value();
        if now != last {
            last = now;
            moved = Instant::now();
        } else if moved.elapsed() > Duration::from_secs(30) {
            eprintln!("bench: nothing new for 30 s ({last} of {goal}); giving up");
            return;
        }
    }
}

/// The bare-insert baseline: `count` one-row inserts, each in its own transaction, over
/// `connections`. On SQLite its own file beside the server's, on PostgreSQL a table in the
/// scenario's database.
pub async fn insert_baseline(
    ctx: &Ctx,
    env: &Env,
    count: u64,
    connections: usize,
) -> anyhow::Result<(Outcome, cpu::Usage)> {
    let (url, own_db) = match ctx.backend {
        Backend::Sqlite => {
            let fresh = FreshDb::create(&ctx.backend, env.dir.path(), "baseline.db").await?;
            (fresh.url.clone(), Some(fresh))
        }
        Backend::Postgres(_) => (env.db.url.clone(), None),
    };
    let server = Baseline::inserts(ctx.backend.clone(), url, POOL_SIZE)?;
    let warmup = (count / 10).clamp(10, 200);
    // Warm-up rows take indexes the measured run does not use.
    let outcome = async {
        load::run(
            server.addr,
            connections,
            Amount::Count(warmup),
            Arc::new(Insert {
                offset: u64::MAX / 2,
            }),
        )
        .await?;
        measured(
            env.server.pid(),
            server.addr,
            connections,
            Amount::Count(count),
            Arc::new(Insert { offset: 0 }),
        )
        .await
    }
    .await;
    server.stop();
    if let Some(db) = own_db {
        db.drop().await?;
    }
    outcome
}

/// One bare insert: `POST /insert` of a distinct address and name.
struct Insert {
    offset: u64,
}

impl Op for Insert {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let index = self.offset + index;
            let body = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("email", &format!("bench-{index}@example.org"))
                .append_pair("full_name", &person_name(index))
                .finish();
            let reply = conn
                .send(
                    hyper::Method::POST,
                    "/insert",
                    &[(
                        hyper::header::CONTENT_TYPE,
                        "application/x-www-form-urlencoded",
                    )],
                    Some(body),
                )
                .await?;
            reply.expect("POST /insert", StatusCode::NO_CONTENT)
        })
    }
}
