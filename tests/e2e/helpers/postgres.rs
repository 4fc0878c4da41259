//! PostgreSQL in tests: which server a run uses (and whether it must), one database per test,
//! dropped afterwards, and a TCP proxy in front of the server that a test can cut and restore.
//!
//! Without `RESEAU_TEST_POSTGRES_URL`, tests run on SQLite and the few that need PostgreSQL say
//! on stderr that they were skipped. CI's PostgreSQL run also sets `RESEAU_REQUIRE_POSTGRES=1`:
//! there a missing server fails the test instead, so no test can pass by skipping.

use std::{
    io::Write,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use chrono::Utc;
use sea_orm::{ConnectionTrait, Database};
use tokio_util::sync::CancellationToken;

/// The server tests use, as a URL naming one of its databases.
const URL_VAR: &str = "RESEAU_TEST_POSTGRES_URL";
/// Set (to `1`) where every test that can run on PostgreSQL must.
const REQUIRE_VAR: &str = "RESEAU_REQUIRE_POSTGRES";

/// RESEAU_TEST_POSTGRES_URL, or `None` for SQLite; fails the test when it is unset but
/// RESEAU_REQUIRE_POSTGRES asks for PostgreSQL.
pub fn postgres_url() -> Option<String> {
    let url = std::env::var(URL_VAR).ok().filter(|url| !url.is_empty());
    if url.is_none() && postgres_required() {
        panic!("{REQUIRE_VAR} is set but {URL_VAR} is not: this run must use PostgreSQL");
    }
    url
}

/// Whether this run was asked to test on PostgreSQL.
pub fn using_postgres() -> bool {
    postgres_url().is_some()
}

fn postgres_required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1")
}

/// Says that the running test, which needs PostgreSQL, did not run. Written to stderr past
/// the test harness's capture, so the line shows in every log and CI can look for it; only
/// reached when PostgreSQL is not required (`postgres_url` has failed the test otherwise).
pub fn skipped_without_postgres() {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let _ = writeln!(
        std::io::stderr(),
        "skipped (no PostgreSQL): {test}: {URL_VAR} is not set"
    );
}

pub struct PostgresDb {
    admin_url: String,
    name: String,
    pub url: String,
}

static NEXT_DB: AtomicU64 = AtomicU64::new(0);

impl PostgresDb {
    /// A fresh database, when RESEAU_TEST_POSTGRES_URL is set.
    pub async fn create() -> Option<Self> {
        let admin_url = postgres_url()?;
        let name = format!(
            "reseau_test_{}_{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::SeqCst),
            Utc::now().timestamp_micros()
        );
        let admin = Database::connect(&admin_url)
            .await
            .expect("connect to RESEAU_TEST_POSTGRES_URL");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create test database");
        admin.close().await.ok();
        let mut url = url::Url::parse(&admin_url).expect("RESEAU_TEST_POSTGRES_URL is a URL");
        url.set_path(&format!("/{name}"));
        Some(Self {
            admin_url,
            name,
            url: url.to_string(),
        })
    }

    pub fn drop_database(self) {
        // Drop runs outside async code: use a small runtime of its own on another thread.
        let handle = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                if let Ok(admin) = Database::connect(&self.admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                            self.name
                        ))
                        .await;
                    admin.close().await.ok();
                }
            });
        });
        let _ = handle.join();
    }
}

// ---------------------------------------------------------------------------------------------
// A TCP proxy in front of PostgreSQL that a test can cut and restore, so the database "goes
// away" for one application without stopping the server other tests share.

pub struct DbProxy {
    pub port: u16,
    state: Arc<Mutex<ProxyState>>,
    /// While true, bytes wait in the proxy: queries in flight hang as on a dead network.
    stalled: tokio::sync::watch::Sender<bool>,
}

struct ProxyState {
    up: bool,
    /// Cancelled on a cut: every connection made before it closes.
    connections: CancellationToken,
}

impl DbProxy {
    /// A proxy to the server of RESEAU_TEST_POSTGRES_URL, if set.
    pub async fn to_postgres() -> Option<Self> {
        let url = postgres_url()?;
        let url = url::Url::parse(&url).expect("RESEAU_TEST_POSTGRES_URL is a URL");
        let upstream = format!(
            "{}:{}",
            url.host_str().unwrap_or("127.0.0.1"),
            url.port().unwrap_or(5432)
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the proxy");
        let port = listener.local_addr().expect("proxy address").port();
        let state = Arc::new(Mutex::new(ProxyState {
            up: true,
            connections: CancellationToken::new(),
        }));
        let shared = state.clone();
        let (stalled, stall) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let cut = {
                    let state = shared.lock().unwrap();
                    // Down: accept and close at once, as a dead server would look.
                    if !state.up {
                        continue;
                    }
                    state.connections.clone()
                };
                let upstream = upstream.clone();
                let stall = stall.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await else {
                        return;
                    };
                    let (client_read, client_write) = client.split();
                    let (server_read, server_write) = server.split();
                    tokio::select! {
                        _ = pipe(client_read, server_write, stall.clone()) => {}
                        _ = pipe(server_read, client_write, stall) => {}
                        _ = cut.cancelled() => {}
                    }
                });
            }
        });
        Some(Self {
            port,
            state,
            stalled,
        })
    }

    /// Holds every byte in the proxy until `cut` and `restore`.
    pub fn stall(&self) {
        self.stalled.send_replace(true);
    }

    /// `url` with its host and port replaced by the proxy's.
    pub fn route(&self, url: &str) -> String {
        let mut url = url::Url::parse(url).expect("a database URL");
        url.set_host(Some("127.0.0.1")).expect("a host");
        url.set_port(Some(self.port)).expect("a port");
        url.to_string()
    }

    /// Closes every connection and refuses new ones.
    pub fn cut(&self) {
        let mut state = self.state.lock().unwrap();
        state.up = false;
        state.connections.cancel();
        state.connections = CancellationToken::new();
    }

    pub fn restore(&self) {
        self.stalled.send_replace(false);
        self.state.lock().unwrap().up = true;
    }
}

/// Copies `from` to `to`, holding each chunk while the proxy is stalled.
async fn pipe(
    mut from: impl tokio::io::AsyncRead + Unpin,
    mut to: impl tokio::io::AsyncWrite + Unpin,
    mut stall: tokio::sync::watch::Receiver<bool>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        if stall.wait_for(|stalled| !stalled).await.is_err() {
            return;
        }
        if to.write_all(&buffer[..n]).await.is_err() {
            return;
        }
    }
}
