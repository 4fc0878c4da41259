//! `spawn_app()`: the real application on 127.0.0.1:0 with its own database and SMTP sink, and
//! the `TestApp` a test drives it with (requests, forms, the outbox worker, SQL).

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use domain::Db;
use reqwest::{StatusCode, redirect::Policy};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};
use tokio_util::sync::CancellationToken;
use web::{Application, Settings};

use super::{DbProxy, Mail, Page, PostgresDb, SmtpSink, leftover_mail};

pub struct TestApp {
    pub base: String,
    /// Where its database is, for another process (`reseau worker`) to use.
    pub database_url: String,
    pub smtp_url: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub worker: mailer::Worker,
    /// The worker's webhook loop, driven by the test.
    pub hooks: app::webhooks::Deliverer,
    pub jobs: web::jobs::Jobs,
    pub sink: SmtpSink,
    /// The port of the `metrics.bind` listener, when the test set one.
    pub metrics_port: Option<u16>,
    stop: CancellationToken,
    /// Why this test does not care what mail it leaves behind, if it said so.
    mail_unchecked: OnceLock<&'static str>,
    /// Its database for the check on drop, straight (not through a test's proxy).
    check_url: String,
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
    super::test_log::init();
    let sink = SmtpSink::start();
    let dir = tempfile::tempdir().expect("temporary folder");
    let postgres = PostgresDb::create().await;
    let database_url = match (&postgres, proxy) {
        (Some(pg), Some(proxy)) => proxy.route(&pg.url),
        (Some(pg), None) => pg.url.clone(),
        (None, _) => format!("sqlite://{}", dir.path().join("reseau.db").display()),
    };
    // A test may point a second app at the first one's database.
    let chosen = overrides
        .iter()
        .rev()
        .find(|(key, _)| *key == "database_url")
        .map(|(_, url)| (*url).to_owned());
    let check_url = chosen.clone().unwrap_or_else(|| {
        postgres
            .as_ref()
            .map_or_else(|| database_url.clone(), |pg| pg.url.clone())
    });
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
    let hooks = app.webhooks();
    let jobs = app.jobs();
    let metrics_port = app.metrics_port();
    let stop = CancellationToken::new();
    tokio::spawn(app.run_until_stopped(stop.clone()));
    TestApp {
        base,
        database_url: chosen.unwrap_or_else(|| database_url.clone()),
        smtp_url: smtp_url.clone(),
        client: client(),
        db,
        worker,
        hooks,
        jobs,
        sink,
        metrics_port,
        stop,
        mail_unchecked: OnceLock::new(),
        check_url,
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

/// Stops the app, checks it left no mail behind (`leftover_mail`), and drops its PostgreSQL
/// database. A test that already failed is not checked: its own panic says more.
impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop.cancel();
        let left = if std::thread::panicking() || self.mail_unchecked.get().is_some() {
            Vec::new()
        } else {
            leftover_mail::find(&self.check_url, &self.sink)
        };
        if let Some(pg) = self.postgres.take() {
            pg.drop_database();
        }
        assert!(
            left.is_empty(),
            "the test left mail behind: deliver and read it, or call \
             app.leave_mail_unchecked(\"why\") if it truly does not matter:\n  {}",
            left.join("\n  ")
        );
    }
}

impl TestApp {
    /// Says that this test does not care about the mail it leaves queued or unread, and why;
    /// the check on drop then looks at nothing. For tests about something else that mail only
    /// happens to come from; use sparingly.
    pub fn leave_mail_unchecked(&self, reason: &'static str) {
        let _ = self.mail_unchecked.set(reason);
    }

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

    /// Fills in the join form at `/{lang}/join` as a person would: loads it, keeps its hidden
    /// fields, and sends it with `fields`.
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
