//! Hostile and malformed traffic: every answer is a clear 4xx page, and nothing is written.

use reqwest::StatusCode;

use sea_orm::DbBackend;

use crate::helpers::{Findings, spawn_app, spawn_app_with, using_postgres};

fn person() -> Vec<(&'static str, &'static str)> {
    vec![
        ("full_name", "Mary Ann Shadd"),
        ("email", "mary@example.org"),
        ("chapter", "canada"),
        ("language", "en"),
    ]
}

#[tokio::test]
async fn pages_carry_strict_security_headers_and_no_script() {
    let app = spawn_app().await;
    let page = app.get("/en/join").await;
    let csp = page.header("content-security-policy");
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert!(!page.body.contains("<script"));
    let cookie = page.header("set-cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http in tests");
}

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused() {
    let app = spawn_app().await;
    let form = app.get("/fr/join").await;
    let mut fields: Vec<(String, String)> = form
        .hidden_fields()
        .into_iter()
        .filter(|(k, _)| k != "csrf_token")
        .collect();
    fields.push(("csrf_token".into(), "forged".into()));
    fields.extend(
        person()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let answer = app.post_form("/fr/join", &pairs).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.attr("html", "lang"), "fr");
    assert_eq!(answer.text("h1"), "Une erreur s’est produite");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 0);
}

#[tokio::test]
async fn a_cross_site_post_is_refused_before_the_handler() {
    let app = spawn_app().await;
    let form = app.get("/en/join").await;
    let mut fields = form.hidden_fields();
    fields.extend(
        person()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let response = app
        .client
        .post(app.url("/en/join"))
        .header("Origin", "https://evil.example")
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let cross_site = app
        .client
        .post(app.url("/en/join"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 0);

    // What a browser sends for our own form under `Referrer-Policy: no-referrer`.
    let own = app
        .client
        .post(app.url("/en/join"))
        .header("Sec-Fetch-Site", "same-origin")
        .header("Origin", "null")
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    assert_eq!(
        app.sink.only_mail_to("mary@example.org").subject,
        "Confirm your membership of the network"
    );
}

#[tokio::test]
async fn bots_get_the_answer_of_a_success_and_nothing_happens() {
    let app = spawn_app_with(&[("forms.min_fill_seconds", "3")]).await;
    // Too fast: sent back at once.
    let fast = app.join("en", &person()).await;
    assert_eq!(fast.status, StatusCode::SEE_OTHER);
    assert_eq!(fast.location(), "/en/join/check-email");
    // The honeypot filled in.
    let mut with_trap = person();
    with_trap.push(("website", "http://spam.example"));
    let trapped = app.join("en", &with_trap).await;
    assert_eq!(trapped.location(), "/en/join/check-email");
    // No timestamp at all.
    let form = app.get("/en/join").await;
    let mut fields: Vec<(String, String)> = form
        .hidden_fields()
        .into_iter()
        .filter(|(k, _)| k != "form_ts")
        .collect();
    fields.extend(
        person()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        app.post_form("/en/join", &pairs).await.location(),
        "/en/join/check-email"
    );

    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM outbox").await, 0);
}

#[tokio::test]
async fn malformed_requests_get_a_localised_4xx_never_a_500() {
    let app = spawn_app().await;
    let mut found = Findings::default();
    let form = app.get("/es/join").await;
    // The genuine hidden fields, properly encoded, so the request reaches validation.
    let hidden: String = form
        .hidden_fields()
        .iter()
        .map(|(k, v)| {
            format!(
                "{k}={}&",
                url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
            )
        })
        .collect();

    // Broken encodings and invalid UTF-8 in the body.
    for tail in [
        b"full_name=%FF%FE&email=a%40b.org&chapter=canada&language=es".to_vec(),
        b"full_name=\xff\xfe&email=x".to_vec(),
        b"%%%%&&==".to_vec(),
        b"full_name=Ada%00Lovelace&email=a%40b.org&chapter=canada&language=es".to_vec(),
    ] {
        let name = format!("POST /es/join ending {:?}", String::from_utf8_lossy(&tail));
        found
            .case(name, async {
                let mut body = hidden.clone().into_bytes();
                body.extend_from_slice(&tail);
                let response = app
                    .client
                    .post(app.url("/es/join"))
                    .header("Origin", &app.base)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = response.status();
                assert!(status.is_client_error(), "{status}");
                let text = response.text().await.unwrap();
                assert!(text.contains("lang=\"es\""), "a localised page: {text}");
            })
            .await;
    }

    // Oversized bodies.
    let huge = "x".repeat(200_000);
    let response = app
        .client
        .post(app.url("/en/join"))
        .header("Origin", &app.base)
        .form(&[("full_name", huge.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Wrong content type, wrong method, unknown language, unknown page.
    let response = app
        .client
        .post(app.url("/en/join"))
        .header("Origin", &app.base)
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error());
    assert_eq!(
        app.client
            .delete(app.url("/en/join"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(app.get("/de/join").await.status, StatusCode::NOT_FOUND);
    let missing = app.get("/fr/nowhere").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.text("h1"), "Une erreur s’est produite");
    assert_eq!(
        app.get("/static/../../etc/passwd").await.status,
        StatusCode::NOT_FOUND
    );

    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 0);
    found.finish();
}

#[tokio::test]
async fn one_ip_cannot_flood_the_forms_that_send_mail() {
    let app = spawn_app_with(&[("limits.ip_burst", "3"), ("limits.ip_per_minute", "1")]).await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let email = format!("flood{i}@example.org");
        let answer = app
            .join(
                "en",
                &[
                    ("full_name", "Flood"),
                    ("email", &email),
                    ("chapter", "canada"),
                    ("language", "en"),
                ],
            )
            .await;
        statuses.push(answer.status);
        if answer.status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(answer.header("retry-after"), "60");
            assert_eq!(answer.attr("html", "lang"), "en");
        }
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count(),
        3,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        2
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 3);
    // Only those let through are asked to confirm.
    app.deliver_mail().await;
    assert_eq!(app.sink.received().len(), 3);
}

#[tokio::test]
async fn health_and_readiness_answer_on_the_configured_database() {
    let app = spawn_app().await;
    // CI sets RESEAU_TEST_POSTGRES_URL for its second run: make sure that run really is on
    // PostgreSQL rather than silently on SQLite.
    let expected = if using_postgres() {
        DbBackend::Postgres
    } else {
        DbBackend::Sqlite
    };
    assert_eq!(app.db.backend(), expected);
    assert_eq!(app.get("/healthz").await.body, "ok");
    let ready = app.get("/readyz").await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (StatusCode::OK, "ready")
    );
    let root = app
        .client
        .get(app.url("/"))
        .header("Accept-Language", "es-MX,es;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(root.status(), StatusCode::SEE_OTHER);
    assert_eq!(root.headers()["location"], "/es/");
}
