//! `spawn_app()`, the SMTP sink, and small readers of pages and emails.

use std::{
    collections::HashSet,
    io,
    net::{IpAddr, TcpListener},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
};

use chrono::{DateTime, Utc};
use domain::Db;
use mail_parser::{MessageParser, MimeHeaders};
use mailin_embedded::{Handler, Response, Server, response};
use reqwest::{StatusCode, redirect::Policy};
use sea_orm::{ConnectionTrait, Database, FromQueryResult, Statement};
use tokio_util::sync::CancellationToken;
use web::{Application, Settings};

// ---------------------------------------------------------------------------------------------
// The SMTP sink

/// One message as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

/// A real SMTP server on loopback (mailin-embedded) that keeps what it receives. It can be
/// switched "down" (answers 421 to every greeting) and can refuse given recipients.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    down: Arc<AtomicBool>,
    refused: Arc<Mutex<HashSet<String>>>,
    faults: Arc<Faults>,
}

/// Trouble the sink can make besides refusing: deferring recipients (451), ending every n-th
/// message by closing the connection (421, the message dropped), and taking its time.
#[derive(Default)]
struct Faults {
    deferred: Mutex<HashSet<String>>,
    drop_every: AtomicU64,
    messages: AtomicU64,
    delay_ms: AtomicU64,
}

#[derive(Clone)]
struct SinkHandler {
    received: Arc<Mutex<Vec<Received>>>,
    down: Arc<AtomicBool>,
    refused: Arc<Mutex<HashSet<String>>>,
    faults: Arc<Faults>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for SinkHandler {
    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        if self.down.load(Ordering::SeqCst) {
            response::NO_SERVICE
        } else {
            response::OK
        }
    }

    fn rcpt(&mut self, to: &str) -> Response {
        if self.refused.lock().unwrap().contains(to) {
            response::NO_MAILBOX
        } else if self.faults.deferred.lock().unwrap().contains(to) {
            response::INTERNAL_ERROR
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let delay = self.faults.delay_ms.load(Ordering::SeqCst);
        if delay > 0 {
            std::thread::sleep(std::time::Duration::from_millis(delay));
        }
        let n = self.faults.messages.fetch_add(1, Ordering::SeqCst) + 1;
        let every = self.faults.drop_every.load(Ordering::SeqCst);
        if every > 0 && n.is_multiple_of(every) {
            // Closes the connection; the message is not kept.
            self.to.clear();
            self.data.clear();
            return response::NO_SERVICE;
        }
        self.received.lock().unwrap().push(Received {
            to: std::mem::take(&mut self.to),
            data: std::mem::take(&mut self.data),
        });
        response::OK
    }
}

impl SmtpSink {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind SMTP sink");
        let port = listener.local_addr().expect("sink address").port();
        let sink = SmtpSink {
            port,
            received: Arc::default(),
            down: Arc::default(),
            refused: Arc::default(),
            faults: Arc::default(),
        };
        let handler = SinkHandler {
            received: sink.received.clone(),
            down: sink.down.clone(),
            refused: sink.refused.clone(),
            faults: sink.faults.clone(),
            to: Vec::new(),
            data: Vec::new(),
        };
        let mut server = Server::new(handler);
        // A thread per connection: room for every pooled connection of several workers.
        server
            .with_name("sink.test")
            .with_num_threads(32)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        sink
    }

    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    pub fn refuse(&self, address: &str) {
        self.refused.lock().unwrap().insert(address.to_owned());
    }

    /// Answers 451 (try again later) to `address` until `undefer`.
    pub fn defer(&self, address: &str) {
        self.faults
            .deferred
            .lock()
            .unwrap()
            .insert(address.to_owned());
    }

    pub fn undefer(&self, address: &str) {
        self.faults.deferred.lock().unwrap().remove(address);
    }

    /// Drops every `n`-th message with its connection (0: never).
    pub fn drop_every(&self, n: u64) {
        self.faults.drop_every.store(n, Ordering::SeqCst);
    }

    /// Waits this long before accepting each message.
    pub fn delay_each(&self, millis: u64) {
        self.faults.delay_ms.store(millis, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// How many messages whose raw text contains `part` (a subject line, say) each recipient
    /// received.
    pub fn copies(&self, part: &str) -> std::collections::HashMap<String, usize> {
        let mut copies = std::collections::HashMap::new();
        for received in self.received() {
            if String::from_utf8_lossy(&received.data).contains(part) {
                for to in received.to {
                    *copies.entry(to).or_insert(0) += 1;
                }
            }
        }
        copies
    }

    /// Messages received for `address`, parsed.
    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        self.received()
            .into_iter()
            .filter(|r| r.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .map(|r| Mail::parse(&r.data))
            .collect()
    }

    /// The one message received for `address` since the last look; fails on none or several.
    pub fn only_mail_to(&self, address: &str) -> Mail {
        let mut mails = self.mails_to(address);
        assert_eq!(
            mails.len(),
            1,
            "expected exactly one email to {address}, got {}",
            mails.len()
        );
        mails.remove(0)
    }
}

/// A received email, parsed with mail-parser.
#[derive(Clone, Debug)]
pub struct Mail {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub from: String,
    pub to: String,
    pub message_id: String,
    pub content_type: String,
    /// Attached files: (file name, text content).
    pub attachments: Vec<(String, String)>,
}

impl Mail {
    pub fn parse(data: &[u8]) -> Self {
        let message = MessageParser::default()
            .parse(data)
            .expect("a parsable email");
        let address = |a: Option<&mail_parser::Address>| {
            a.and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap_or_default()
                .to_owned()
        };
        Mail {
            subject: message.subject().unwrap_or_default().to_owned(),
            text: message
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            html: message
                .body_html(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            from: address(message.from()),
            to: address(message.to()),
            message_id: message.message_id().unwrap_or_default().to_owned(),
            attachments: message
                .attachments()
                .map(|part| {
                    (
                        part.attachment_name().unwrap_or_default().to_owned(),
                        String::from_utf8_lossy(part.contents()).into_owned(),
                    )
                })
                .collect(),
            content_type: message
                .content_type()
                .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
                .unwrap_or_default(),
        }
    }

    /// The first link in the text body whose path starts with `prefix` (e.g. `/fr/confirm/`).
    pub fn link(&self, prefix: &str) -> String {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(prefix))
            .unwrap_or_else(|| panic!("no {prefix} link in:\n{}", self.text))
            .to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// The application

pub struct TestApp {
    pub base: String,
    /// Where its database is, for another process (`reseau worker`) to use.
    pub database_url: String,
    pub smtp_url: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub worker: mailer::Worker,
    pub jobs: web::jobs::Jobs,
    pub sink: SmtpSink,
    /// The port of the `metrics.bind` listener, when the test set one.
    pub metrics_port: Option<u16>,
    stop: CancellationToken,
    _dir: tempfile::TempDir,
    postgres: Option<PostgresDb>,
}

/// Starts the app with test settings: mail over SMTP to a fresh sink, the worker driven by the
/// test, no minimum fill time on forms, generous per-IP limits.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

pub async fn spawn_app_with(overrides: &[(&str, &str)]) -> TestApp {
    spawn_app_through(overrides, None).await
}

/// Like `spawn_app_with`, with PostgreSQL reached through `proxy` (which a test can cut).
pub async fn spawn_app_through(overrides: &[(&str, &str)], proxy: Option<&DbProxy>) -> TestApp {
    let sink = SmtpSink::start();
    let dir = tempfile::tempdir().expect("temporary folder");
    let postgres = PostgresDb::create().await;
    let database_url = match (&postgres, proxy) {
        (Some(pg), Some(proxy)) => proxy.route(&pg.url),
        (Some(pg), None) => pg.url.clone(),
        (None, _) => format!("sqlite://{}", dir.path().join("reseau.db").display()),
    };
    let smtp_url = format!("smtp://127.0.0.1:{}", sink.port);
    let mail_dir = dir.path().join("mail").display().to_string();
    let mut settings: Vec<(&str, &str)> = vec![
        ("database_url", &database_url),
        ("bind", "127.0.0.1:0"),
        ("base_url", "http://127.0.0.1:0"),
        ("secret_key", "test-secret-key-for-forms-and-csrf"),
        ("mail.transport", "smtp"),
        ("mail.smtp_url", &smtp_url),
        ("mail.smtp_timeout_secs", "5"),
        ("mail.file_dir", &mail_dir),
        ("mail.contact_email", "contact@reseau.test"),
        (
            "mail.postal_address",
            "200 Test Street, Ottawa ON K1A 0B1, Canada",
        ),
        ("mail.from", "Réseau <no-reply@reseau.test>"),
        // Tests write to example.org and reseau.test, which receive no mail anywhere else.
        ("mail.allow_reserved_domains", "true"),
        ("worker.enabled", "false"),
        ("forms.min_fill_seconds", "0"),
        ("limits.ip_burst", "1000"),
        ("limits.ip_per_minute", "1000"),
        // Cheap argon2 in tests; the parameters are the only difference.
        ("admin.argon2_memory_kib", "64"),
        ("admin.argon2_iterations", "1"),
        ("admin.sign_in_burst", "1000"),
        ("admin.sign_in_per_minute", "1000"),
    ];
    settings.extend_from_slice(overrides);
    let settings = Settings::with_overrides(&settings).expect("test settings are valid");
    let app = Application::build(settings)
        .await
        .expect("the application starts");
    let base = app.base_url();
    let db = app.db();
    let worker = app.worker();
    let jobs = app.jobs();
    let metrics_port = app.metrics_port();
    let stop = CancellationToken::new();
    tokio::spawn(app.run_until_stopped(stop.clone()));
    TestApp {
        base,
        database_url: database_url.clone(),
        smtp_url: smtp_url.clone(),
        client: client(),
        db,
        worker,
        jobs,
        sink,
        metrics_port,
        stop,
        _dir: dir,
        postgres,
    }
}

/// A browser-like client: keeps cookies, does not follow redirects (tests check them).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("HTTP client")
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop.cancel();
        if let Some(pg) = self.postgres.take() {
            pg.drop_database();
        }
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> Page {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            self.url(path)
        };
        let response = self.client.get(url).send().await.expect("GET");
        Page::read(response).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            self.url(path)
        };
        let response = self
            .client
            .post(url)
            .header("Origin", &self.base)
            .form(fields)
            .send()
            .await
            .expect("POST");
        Page::read(response).await
    }

    /// Fills in the join form at `/{lang}/join` as a person would: loads it, keeps its hidden
    /// fields, and sends it with `fields`.
    /// Joins with `fields` and confirms from the emailed link, as a person would; returns the
    /// welcome email.
    pub async fn join_and_confirm(&self, lang: &str, fields: &[(&str, &str)]) -> Mail {
        let email = fields
            .iter()
            .find(|(name, _)| *name == "email")
            .map(|(_, value)| *value)
            .expect("an email field");
        assert_eq!(self.join(lang, fields).await.status, StatusCode::SEE_OTHER);
        self.deliver_mail().await;
        let link = self.sink.mails_to(email).pop().unwrap().link("/confirm/");
        assert_eq!(self.press_button(&link).await.status, StatusCode::SEE_OTHER);
        self.deliver_mail().await;
        self.sink.mails_to(email).pop().unwrap()
    }

    pub async fn join(&self, lang: &str, fields: &[(&str, &str)]) -> Page {
        let form = self.get(&format!("/{lang}/join")).await;
        assert_eq!(form.status, StatusCode::OK);
        let mut all = form.hidden_fields();
        all.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.post_form(&format!("/{lang}/join"), &pairs).await
    }

    /// Presses the one button on the page at `url` (a confirmation page).
    pub async fn press_button(&self, url: &str) -> Page {
        let page = self.get(url).await;
        assert!(page.has("form button"), "no button on {url}: {}", page.body);
        let action = page.attr("form", "action");
        let pairs = page.hidden_fields();
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.post_form(&action, &pairs).await
    }

    /// Runs the outbox worker until nothing is due now, like the background worker would.
    pub async fn deliver_mail(&self) -> mailer::Pass {
        self.deliver_mail_at(Utc::now()).await
    }

    pub async fn deliver_mail_at(&self, now: DateTime<Utc>) -> mailer::Pass {
        let mut total = mailer::Pass::default();
        loop {
            let pass = self.worker.run_once(now).await.expect("worker pass");
            if pass.handled() == 0 {
                return total;
            }
            total.sent += pass.sent;
            total.retried += pass.retried;
            total.failed += pass.failed;
            total.skipped += pass.skipped;
        }
    }

    /// Rows of a query, as JSON objects, for checking the database directly.
    pub async fn rows(&self, sql: &str) -> Vec<serde_json::Value> {
        let conn = self.db.reader();
        let backend = conn.get_database_backend();
        let results = conn
            .query_all_raw(Statement::from_string(backend, sql.to_owned()))
            .await
            .expect("query");
        results
            .into_iter()
            .map(|row| sea_orm::JsonValue::from_query_result(&row, "").expect("row as JSON"))
            .collect()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let conn = self.db.reader();
        let backend = conn.get_database_backend();
        let row = conn
            .query_one_raw(Statement::from_string(backend, sql.to_owned()))
            .await
            .expect("query")
            .expect("a row");
        // BIGINT or INTEGER, whichever the backend answers with.
        row.try_get_by_index::<i64>(0)
            .or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from))
            .expect("a number")
    }

    pub async fn execute(&self, sql: &str) {
        let conn = self.db.writer();
        let backend = conn.get_database_backend();
        conn.execute_raw(Statement::from_string(backend, sql.to_owned()))
            .await
            .expect("statement");
    }
}

// ---------------------------------------------------------------------------------------------
// Pages

pub struct Page {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub async fn read(response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    /// The text of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let html = self.html();
        let selector = scraper::Selector::parse(selector).expect("selector");
        html.select(&selector)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, selector: &str) -> String {
        self.texts(selector)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {selector} in page:\n{}", self.body))
    }

    pub fn attr(&self, selector: &str, attr: &str) -> String {
        self.attrs(selector, attr)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {selector}[{attr}] in page:\n{}", self.body))
    }

    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let html = self.html();
        let selector = scraper::Selector::parse(selector).expect("selector");
        html.select(&selector)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    pub fn has(&self, selector: &str) -> bool {
        let html = self.html();
        let selector = scraper::Selector::parse(selector).expect("selector");
        html.select(&selector).next().is_some()
    }

    /// The hidden inputs of the first form, and the honeypot left empty.
    pub fn hidden_fields(&self) -> Vec<(String, String)> {
        let html = self.html();
        let selector = scraper::Selector::parse("form input[type=hidden]").expect("selector");
        html.select(&selector)
            .filter_map(|e| {
                Some((
                    e.value().attr("name")?.to_owned(),
                    e.value().attr("value").unwrap_or_default().to_owned(),
                ))
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: one database per test, dropped afterwards

pub struct PostgresDb {
    admin_url: String,
    name: String,
    pub url: String,
}

static NEXT_DB: AtomicU64 = AtomicU64::new(0);

impl PostgresDb {
    /// A fresh database, when RESEAU_TEST_POSTGRES_URL is set.
    pub async fn create() -> Option<Self> {
        let admin_url = std::env::var("RESEAU_TEST_POSTGRES_URL").ok()?;
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

/// Whether this run was asked to test on PostgreSQL.
pub fn using_postgres() -> bool {
    std::env::var("RESEAU_TEST_POSTGRES_URL").is_ok()
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
        let url = std::env::var("RESEAU_TEST_POSTGRES_URL").ok()?;
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
