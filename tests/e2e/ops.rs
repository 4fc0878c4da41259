//! Operations: the metrics endpoint, migrations run by several processes at once, a clean
//! stop on SIGTERM, and the database going away under load.

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
