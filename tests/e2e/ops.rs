//! Operations: the metrics endpoint, migrations run by several processes at once, a clean
//! stop on SIGTERM, and the database going away under load.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use migration::MigratorTrait;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::helpers::{
    DbProxy, PostgresDb, TestApp, skipped_without_postgres, spawn_app, spawn_app_through,
    spawn_app_with,
};

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
        // The 0.0.4 text format names a counter by its sample.
        "# TYPE reseau_http_requests_total counter",
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
        body.contains(r#"reseau_outbox_messages{status="queued"} 0"#),
        "{body}"
    );
    app.sink
        .only_mail_to("ada.metrics@example.org")
        .link("/confirm/");
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
    // Its forms take example.org addresses, as every test's do.
    command.env("RESEAU_MAIL__ALLOW_RESERVED_DOMAINS", "true");
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

#[tokio::test]
async fn several_instances_migrating_at_once_on_postgres_migrate_once() {
    let Some(pg) = PostgresDb::create().await else {
        return skipped_without_postgres();
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

/// What one sign-up attempt under load came to.
enum Outcome {
    /// Answered as a success: the address must be in the database afterwards.
    Joined(String),
    /// Any other HTTP answer, by status.
    Refused(StatusCode),
}

/// One person after another joining in French, until `stop`.
async fn sign_up_load(app: Arc<TestApp>, client_no: usize, stop: Arc<AtomicBool>) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) && n < 400 {
        n += 1;
        let email = format!("load-{client_no}-{n}@example.org");
        let page = app
            .join(
                "fr",
                &[
                    ("full_name", "Personne Charge"),
                    ("email", &email),
                    ("chapter", "canada"),
                    ("region", "CA-QC"),
                    ("language", "fr"),
                ],
            )
            .await;
        outcomes.push(if page.status == StatusCode::SEE_OTHER {
            Outcome::Joined(email)
        } else {
            if page.status == StatusCode::SERVICE_UNAVAILABLE {
                assert_eq!(page.attr("html", "lang"), "fr", "{}", page.body);
                assert_eq!(
                    page.text("p.lede"),
                    mailer::i18n::t(domain::Language::Fr, "error-unavailable")
                );
            }
            Outcome::Refused(page.status)
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    outcomes
}

async fn wait_for_readiness(app: &TestApp, expected: StatusCode) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let status = app.get("/readyz").await.status;
        if status == expected {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "/readyz still {status}, not {expected}, after 20 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_going_away_mid_load_is_a_503_then_recovers_and_loses_nothing() {
    let Some(proxy) = DbProxy::to_postgres().await else {
        return skipped_without_postgres();
    };
    let app = Arc::new(
        spawn_app_through(
            &[
                ("limits.ip_burst", "100000"),
                ("limits.ip_per_minute", "100000"),
            ],
            Some(&proxy),
        )
        .await,
    );
    // The join form's join page needs the chapters; have them cached, as on a live server.
    assert_eq!(app.get("/fr/join").await.status, StatusCode::OK);

    let stop = Arc::new(AtomicBool::new(false));
    let load: Vec<_> = (0..4)
        .map(|i| tokio::spawn(sign_up_load(app.clone(), i, stop.clone())))
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // The network goes quiet with queries and transactions in flight, then the connections
    // drop: those requests fail mid-statement.
    proxy.stall();
    tokio::time::sleep(Duration::from_millis(500)).await;
    proxy.cut();
    wait_for_readiness(&app, StatusCode::SERVICE_UNAVAILABLE).await;
    // A page that needs the database: a localised 503, not a 500.
    let page = app.get("/fr/events").await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert_eq!(page.attr("html", "lang"), "fr");
    assert_eq!(page.header("retry-after"), "5");
    assert_eq!(
        page.text("p.lede"),
        mailer::i18n::t(domain::Language::Fr, "error-unavailable")
    );
    tokio::time::sleep(Duration::from_secs(2)).await;

    proxy.restore();
    wait_for_readiness(&app, StatusCode::OK).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Ordering::SeqCst);

    let mut joined = Vec::new();
    let mut refused = Vec::new();
    for task in load {
        // A panic in a load task (an unexpected page) fails the test here.
        for outcome in task.await.expect("load task") {
            match outcome {
                Outcome::Joined(email) => joined.push(email),
                Outcome::Refused(status) => refused.push(status),
            }
        }
    }
    assert!(
        refused
            .iter()
            .all(|s| *s == StatusCode::SERVICE_UNAVAILABLE),
        "only 503s while the database was away, never a 500: {refused:?}"
    );
    assert!(!refused.is_empty(), "the cut was felt");
    assert!(joined.len() > 8, "sign-ups went through before and after");

    // The server recovered by itself: a new sign-up works.
    let after = app
        .join(
            "fr",
            &[
                ("full_name", "Après Coupure"),
                ("email", "after-cut@example.org"),
                ("chapter", "canada"),
                ("region", "CA-QC"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    joined.push("after-cut@example.org".into());

    // Every sign-up answered with success is in the database, with its confirmation queued.
    let stored: std::collections::HashSet<String> = app
        .rows("SELECT email FROM members")
        .await
        .into_iter()
        .filter_map(|row| row["email"].as_str().map(str::to_owned))
        .collect();
    let missing: Vec<&String> = joined.iter().filter(|e| !stored.contains(*e)).collect();
    assert!(
        missing.is_empty(),
        "answered success but not stored: {missing:?}"
    );
    let unmailed = app
        .count(
            "SELECT COUNT(*) FROM members m WHERE NOT EXISTS \
             (SELECT 1 FROM outbox o WHERE o.member_id = m.id)",
        )
        .await;
    assert_eq!(unmailed, 0, "every stored sign-up has its email queued");
    // And each goes out once the database is back: one confirmation per stored sign-up.
    app.deliver_mail().await;
    let members = app.count("SELECT COUNT(*) FROM members").await;
    let sent = i64::try_from(app.sink.received().len()).unwrap();
    assert_eq!(sent, members, "one confirmation per stored sign-up");
}
