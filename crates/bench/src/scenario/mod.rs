//! The scenarios. Each starts its own server on its own fresh database, with its own SMTP
//! sink, and leaves nothing behind.

pub mod join;
pub mod pages;

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use anyhow::Context;

use crate::{
    cpu,
    db::{Backend, FreshDb},
    load::{self, Amount, Op, Outcome},
    report::Results,
    server::Server,
    sink::Sink,
};

/// What every scenario is given.
pub struct Ctx {
    pub binary: PathBuf,
    pub backend: Backend,
    pub quick: bool,
    pub connections: usize,
    /// Extra server settings for experiments (`--server-env`).
    pub server_env: Vec<(String, String)>,
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
        let dir = tempfile::Builder::new()
            .prefix("reseau-bench-")
            .tempdir()
            .context("creating a temporary folder")?;
        let db = FreshDb::create(&ctx.backend, dir.path(), "bench.db").await?;
        let started = async {
            let sink = Sink::start().await?;
            let server =
                Server::start(&ctx.binary, dir.path(), &db.url, sink.port, &ctx.server_env).await?;
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

    /// Stops the server, keeps what it logged, drops the database.
    pub async fn stop(self, scenario: &str, backend: &str, results: &mut Results) {
        let problems = self.server.log_problems();
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
