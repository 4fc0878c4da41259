//! Operations: the metrics endpoint, migrations run by several processes at once, a clean
//! stop on SIGTERM, and the database going away under load.

use std::time::Duration;

use migration::MigratorTrait;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::helpers::{PostgresDb, TestApp, spawn_app, spawn_app_with};

const TOKEN: &str = "metrics-token-for-the-tests-0123";

async fn scrape(app: &TestApp, token: Option<&str>) -> (StatusCode, String) {
    let mut request = app.client.get(app.url("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("GET /metrics");
    let status = response.status();
    (status, response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn metrics_are_off_by_default() {
    let app = spawn_app().await;
    assert_eq!(scrape(&app, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(scrape(&app, Some(TOKEN)).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn metrics_are_refused_without_the_token() {
    let app = spawn_app_with(&[("metrics.token", TOKEN)]).await;
    let (status, body) = scrape(&app, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("reseau_"), "nothing leaks: {body}");
    let (status, body) = scrape(&app, Some("metrics-token-for-the-tests-0124")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("reseau_"), "nothing leaks: {body}");
    let (status, body) = scrape(&app, Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("reseau_database_up 1"), "{body}");
}

#[tokio::test]
async fn metrics_name_routes_by_template_and_count_what_the_database_holds() {
    let app = spawn_app_with(&[("metrics.token", TOKEN)]).await;
    assert_eq!(app.get("/en/").await.status, StatusCode::OK);
    assert_eq!(
        app.get("/en/events/no-such-event-4471").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/wp-login.php/probe/4471/x/y/z?q=1").await.status,
        StatusCode::NOT_FOUND
    );
    let answer = app
        .join(
            "en",
            &[
                ("full_name", "Ada Metrics"),
                ("email", "ada.metrics@example.org"),
                ("chapter", "canada"),
                ("region", "CA-ON"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);

    let response = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4"),
    );
    let body = response.text().await.unwrap();
    for family in [
        "# TYPE reseau_http_requests counter",
        "# TYPE reseau_http_request_duration_seconds histogram",
        "# TYPE reseau_outbox_messages gauge",
        "# TYPE reseau_members gauge",
        "# TYPE reseau_db_pool_connections gauge",
        "# TYPE reseau_db_pool_max_connections gauge",
        "# TYPE reseau_database_up gauge",
    ] {
        assert!(body.contains(family), "no {family} in:\n{body}");
    }
    for line in [
        r#"reseau_http_requests_total{method="GET",route="/{lang}/",status="200"} 1"#,
        r#"reseau_http_requests_total{method="GET",route="/{lang}/events/{slug}",status="404"} 1"#,
        r#"reseau_http_requests_total{method="GET",route="unmatched",status="404"} 1"#,
        r#"reseau_http_requests_total{method="POST",route="/{lang}/join",status="303"} 1"#,
        r#"reseau_http_request_duration_seconds_count{method="GET",route="/{lang}/join"} 1"#,
        // The confirmation email is queued, in the same transaction as the sign-up.
        r#"reseau_outbox_messages{status="queued"} 1"#,
        r#"reseau_members{status="pending"} 1"#,
        "reseau_database_up 1",
    ] {
        assert!(body.contains(line), "no {line} in:\n{body}");
    }
    assert!(
        !body.contains("4471") && !body.contains("wp-login"),
        "raw paths never become labels:\n{body}"
    );

    // Sending moves the row from queued to sent.
    app.deliver_mail().await;
    let (_, body) = scrape(&app, Some(TOKEN)).await;
    assert!(
        body.contains(r#"reseau_outbox_messages{status="sent"} 1"#),
        "{body}"
    );
    assert!(
        !body.contains(r#"reseau_outbox_messages{status="queued"}"#),
        "{body}"
    );
}

#[tokio::test]
async fn metrics_can_have_a_listener_of_their_own() {
    let app = spawn_app_with(&[("metrics.bind", "127.0.0.1:0")]).await;
    // Not on the public listener…
    assert_eq!(scrape(&app, None).await.0, StatusCode::NOT_FOUND);
    // …but on its own.
    let port = app.metrics_port.expect("a metrics listener");
    let response = app
        .client
        .get(format!("http://127.0.0.1:{port}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    assert!(body.contains("reseau_database_up 1"), "{body}");
}

/// `reseau` itself, with a clean environment but for the given settings.
fn reseau(args: &[&str], env: &[(&str, &str)]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_reseau"));
    command.args(args).kill_on_drop(true);
    for (key, _) in std::env::vars() {
        if key.starts_with("RESEAU_") {
            command.env_remove(key);
        }
    }
    command.env("RESEAU_LOG", "warn");
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

#[tokio::test]
async fn several_instances_migrating_at_once_on_postgres_migrate_once() {
    let Some(pg) = PostgresDb::create().await else {
        eprintln!("skipped: RESEAU_TEST_POSTGRES_URL is not set");
        return;
    };
    let pg = DropDb(Some(pg));
    let pg = pg.0.as_ref().unwrap();
    let runs: Vec<_> = (0..3)
        .map(|_| reseau(&["migrate"], &[("RESEAU_DATABASE_URL", &pg.url)]).output())
        .collect();
    let outputs = futures::future::join_all(runs).await;
    for output in outputs {
        let output = output.expect("reseau migrate runs");
        assert!(
            output.status.success(),
            "reseau migrate failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let db = sea_orm::Database::connect(&pg.url).await.unwrap();
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            let row = db
                .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<i64>(0).unwrap()
        }
    };
    let migrations = migration::Migrator::migrations().len() as i64;
    assert_eq!(
        count("SELECT COUNT(*) FROM seaql_migrations").await,
        migrations
    );
    assert_eq!(
        count("SELECT COUNT(DISTINCT version) FROM seaql_migrations").await,
        migrations
    );
    // The seed ran once too.
    assert_eq!(count("SELECT COUNT(*) FROM chapters").await, 3);
    db.close().await.ok();
}

/// Drops a test database even when the test fails.
struct DropDb(Option<PostgresDb>);

impl Drop for DropDb {
    fn drop(&mut self) {
        if let Some(pg) = self.0.take() {
            pg.drop_database();
        }
    }
}

/// Sends SIGTERM, as a service manager or an orchestrator would.
fn terminate(child: &tokio::process::Child) {
    let pid = child.id().expect("the process is running");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

/// Reads `reader` line by line until one contains `needle`; returns that line.
async fn wait_for_line(
    reader: &mut (impl tokio::io::AsyncBufRead + Unpin),
    needle: &str,
) -> String {
    use tokio::io::AsyncBufReadExt;
    let mut line = String::new();
    let found = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            line.clear();
            let read = reader.read_line(&mut line).await.expect("read output");
            assert!(read > 0, "the process ended before saying {needle:?}");
            if line.contains(needle) {
                return line.clone();
            }
        }
    })
    .await;
    found.unwrap_or_else(|_| panic!("no {needle:?} within a minute"))
}

#[tokio::test]
async fn serve_stops_on_sigterm_after_finishing_the_request_in_flight() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};

    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("reseau.db").display());
    let mail = dir.path().join("mail").display().to_string();
    let mut child = reseau(
        &["serve"],
        &[
            ("RESEAU_DATABASE_URL", &db),
            ("RESEAU_BIND", "127.0.0.1:0"),
            ("RESEAU_BASE_URL", "http://127.0.0.1:0"),
            ("RESEAU_MAIL__TRANSPORT", "file"),
            ("RESEAU_MAIL__FILE_DIR", &mail),
        ],
    )
    .stdout(std::process::Stdio::piped())
    .spawn()
    .expect("reseau serve starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let line = wait_for_line(&mut stdout, "Réseau is serving on").await;
    let base = line
        .trim()
        .rsplit(' ')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_owned();
    let addr = base.trim_start_matches("http://").to_owned();
    // Keep reading the output so the process never blocks on a full pipe.
    tokio::spawn(async move {
        let mut sink = Vec::new();
        let _ = stdout.read_to_end(&mut sink).await;
    });
    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);

    // A request in flight: its head sent, half of its body still to come.
    let body = "full_name=Slow+Client&email=slow%40example.org";
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /en/join HTTP/1.1\r\nHost: {addr}\r\nOrigin: {base}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    terminate(&child);
    tokio::time::sleep(Duration::from_millis(500)).await;
    // Still running, waiting for that request; and no answer before its body is complete.
    assert!(child.try_wait().unwrap().is_none(), "stopped mid-request");
    let mut early = [0u8; 1];
    assert!(
        tokio::time::timeout(Duration::from_millis(200), stream.read(&mut early))
            .await
            .is_err(),
        "answered before the body was complete"
    );
    // New connections are no longer taken.
    assert!(
        tokio::net::TcpStream::connect(&addr).await.is_err(),
        "still accepting after SIGTERM"
    );

    stream.write_all(&body.as_bytes()[10..]).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("the request in flight is answered")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 "), "{answer}");

    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits promptly after SIGTERM")
        .unwrap();
    assert!(status.success(), "exit status {status}");
}

#[tokio::test]
async fn the_worker_stops_on_sigterm() {
    use tokio::io::BufReader;

    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("reseau.db").display());
    let mail = dir.path().join("mail").display().to_string();
    let mut child = reseau(
        &["worker"],
        &[
            ("RESEAU_DATABASE_URL", &db),
            ("RESEAU_MAIL__TRANSPORT", "file"),
            ("RESEAU_MAIL__FILE_DIR", &mail),
            ("RESEAU_LOG", "info"),
        ],
    )
    .stdout(std::process::Stdio::piped())
    .spawn()
    .expect("reseau worker starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    wait_for_line(&mut stdout, "outbox worker started").await;
    terminate(&child);
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits promptly after SIGTERM")
        .unwrap();
    assert!(status.success(), "exit status {status}");
}
