//! The baselines: bare axum servers started by the bench on their own port and their own
//! runtime (two worker threads, as `reseau serve` has on this machine), measured by the same
//! client in the same run.

use std::{
    net::SocketAddr,
    sync::{Arc, mpsc},
    thread::JoinHandle,
    time::Duration,
};

use anyhow::{Context, bail};
use axum::{
    Form, Router,
    extract::State,
    http::StatusCode,
    response::Html,
    routing::{get, post},
};
use bytes::Bytes;
use chrono::Utc;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait, Value,
};
use serde::Deserialize;
use tokio::sync::oneshot;

use crate::db::Backend;

/// Worker threads of a baseline's runtime: tokio's default on this machine, like the server's.
fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

pub struct Baseline {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Baseline {
    /// Serves each `(path, page)` as fixed HTML.
    pub fn pages(pages: Vec<(String, Bytes)>) -> anyhow::Result<Self> {
        Self::spawn(move || async move {
            let mut router = Router::new();
            for (path, page) in pages {
                router = router.route(
                    &path,
                    get(move || {
                        let page = page.clone();
                        async move { Html(page) }
                    }),
                );
            }
            Ok(router)
        })
    }

    /// `POST /insert` with `email` and `full_name`: inserts one row in one transaction. On
    /// SQLite, a file in WAL mode written through one connection with `BEGIN IMMEDIATE` (as the
    /// server writes); on PostgreSQL, a pool of `pool_size` connections.
    pub fn inserts(backend: Backend, url: String, pool_size: u32) -> anyhow::Result<Self> {
        Self::spawn(move || async move {
            let db = connect(&backend, &url, pool_size).await?;
            let create = match backend {
                Backend::Sqlite => {
                    "CREATE TABLE bench_baseline (id INTEGER PRIMARY KEY AUTOINCREMENT, \
                     email TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL, created_at TEXT NOT NULL)"
                }
                Backend::Postgres(_) => {
                    "CREATE TABLE bench_baseline (id BIGSERIAL PRIMARY KEY, \
                     email TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL, \
                     created_at TIMESTAMPTZ NOT NULL)"
                }
            };
            db.execute_unprepared(create)
                .await
                .context("creating the baseline table")?;
            Ok(Router::new()
                .route("/insert", post(insert))
                .with_state(Arc::new(db)))
        })
    }

    fn spawn<F, Fut>(make: F) -> anyhow::Result<Self>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = anyhow::Result<Router>>,
    {
        let (ready_tx, ready_rx) = mpsc::channel::<anyhow::Result<SocketAddr>>();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("baseline".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(worker_threads())
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e.into()));
                        return;
                    }
                };
                runtime.block_on(async move {
                    let started = async {
                        let router = make().await?;
                        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                            .await
                            .context("binding the baseline")?;
                        let addr = listener.local_addr().context("baseline address")?;
                        anyhow::Ok((router, listener, addr))
                    }
                    .await;
                    match started {
                        Ok((router, listener, addr)) => {
                            let _ = ready_tx.send(Ok(addr));
                            let _ = axum::serve(listener, router)
                                .with_graceful_shutdown(async {
                                    let _ = stop_rx.await;
                                })
                                .await;
                        }
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                        }
                    }
                });
                runtime.shutdown_timeout(Duration::from_secs(5));
            })
            .context("starting the baseline thread")?;
        let addr = match ready_rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Ok(addr)) => addr,
            Ok(Err(e)) => return Err(e.context("starting the baseline")),
            Err(_) => bail!("the baseline did not start"),
        };
        Ok(Self {
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Baseline {
    fn drop(&mut self) {
        self.shutdown();
    }
}

async fn connect(
    backend: &Backend,
    url: &str,
    pool_size: u32,
) -> anyhow::Result<DatabaseConnection> {
    let mut options = match backend {
        Backend::Sqlite => {
            let mut options = ConnectOptions::new(format!("{url}?mode=rwc"));
            options.max_connections(1).map_sqlx_sqlite_opts(|o| {
                o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
            });
            options
        }
        Backend::Postgres(_) => {
            let mut options = ConnectOptions::new(url);
            options.max_connections(pool_size.max(2));
            options
        }
    };
    options
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .with_context(|| format!("baseline: opening {url}"))
}

#[derive(Deserialize)]
struct Row {
    email: String,
    full_name: String,
}

async fn insert(
    State(db): State<Arc<DatabaseConnection>>,
    Form(row): Form<Row>,
) -> Result<StatusCode, (StatusCode, String)> {
    let fail = |e: sea_orm::DbErr| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO bench_baseline (email, full_name, created_at) VALUES ($1, $2, $3)"
        }
        _ => "INSERT INTO bench_baseline (email, full_name, created_at) VALUES (?, ?, ?)",
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
        .map_err(fail)?;
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [
            Value::from(row.email),
            Value::from(row.full_name),
            Value::from(Utc::now()),
        ],
    ))
    .await
    .map_err(fail)?;
    txn.commit().await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}
