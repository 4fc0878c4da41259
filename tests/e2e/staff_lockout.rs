//! The organizers' lockout through the real sign-in pages: wrong second-factor codes count
//! until the second factor succeeds and lock like wrong passwords; parallel wrong passwords
//! each count; a locked account answers exactly as an unknown address tried as often; and a
//! new session id is issued when the second factor is accepted.

use domain::organizers::Role;
use reqwest::StatusCode;

use crate::{
    helpers::{Page, TestApp, spawn_app_with},
    staff::{Browser, PASSWORD, next_code, organizer},
};

const FOUR_FAILURES: &[(&str, &str)] = &[("admin.max_failures", "4")];

/// A code that is not the one the app shows now (nor one step either side).
async fn wrong_code(app: &TestApp, email: &str) -> String {
    let right: u32 = next_code(app, email).await.parse().unwrap();
    format!("{:06}", (right + 500_000) % 1_000_000)
}

async fn password_step(browser: &Browser<'_>, email: &str, password: &str) -> Page {
    browser
        .submit(
            "/admin/sign-in",
            "/admin/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
}

async fn code_step(browser: &Browser<'_>, code: &str) -> Page {
    browser
        .submit(
            "/admin/sign-in/code",
            "/admin/sign-in/code",
            &[("code", code)],
        )
        .await
}

/// The `reseau_admin` cookie a response sets.
fn session_cookie(page: &Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("reseau_admin="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn typing_the_password_again_does_not_buy_more_code_guesses() {
    let app = spawn_app_with(FOUR_FAILURES).await;
    organizer(&app, "lead@reseau.test", Role::Admin, &[]).await;
    app.execute(
        "INSERT INTO recovery_codes (organizer_id, code_hash, created_at) \
         SELECT id, '$HASH', created_at FROM organizers"
            .replace("$HASH", &domain::token::hash("recovery-code-one"))
            .as_str(),
    )
    .await;
    let browser = Browser::new(&app);

    let first = password_step(&browser, "lead@reseau.test", PASSWORD).await;
    assert_eq!(first.location(), "/admin/sign-in/code");
    for _ in 0..3 {
        let code = wrong_code(&app, "lead@reseau.test").await;
        assert_eq!(
            code_step(&browser, &code).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // The password again, and three more guesses: the first of them is the fourth failure.
    let again = password_step(&browser, "lead@reseau.test", PASSWORD).await;
    assert_eq!(again.location(), "/admin/sign-in/code");
    let code = wrong_code(&app, "lead@reseau.test").await;
    assert_eq!(
        code_step(&browser, &code).await.status,
        StatusCode::UNAUTHORIZED
    );
    for _ in 0..2 {
        let code = wrong_code(&app, "lead@reseau.test").await;
        let locked = code_step(&browser, &code).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(locked.text("#code-error").contains("locked"));
    }

    // Now neither the right code, nor a recovery code, nor the password gets in.
    let code = next_code(&app, "lead@reseau.test").await;
    let right = code_step(&browser, &code).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert_ne!(right.location(), "/admin");
    let recovery = code_step(&browser, "recovery-code-one").await;
    assert_eq!(recovery.status, StatusCode::TOO_MANY_REQUESTS);
    assert_ne!(browser.get("/admin").await.status, StatusCode::OK);
    assert_eq!(
        password_step(&browser, "lead@reseau.test", PASSWORD)
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The recovery code was not spent by the refused attempt.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM recovery_codes WHERE used_at IS NULL")
            .await,
        1
    );

    // Once the lock has passed: the password, then a wrong recovery code counts too, and the
    // right one signs in with a new session id, the one that waited for the code ending.
    app.execute("UPDATE sign_in_failures SET locked_until = NULL")
        .await;
    let password = password_step(&browser, "lead@reseau.test", PASSWORD).await;
    assert_eq!(password.location(), "/admin/sign-in/code");
    let waiting = session_cookie(&password).unwrap();
    assert_eq!(
        code_step(&browser, "recovery-code-two").await.status,
        StatusCode::UNAUTHORIZED
    );
    let signed_in = code_step(&browser, "recovery-code-one").await;
    assert_eq!(signed_in.location(), "/admin");
    let full = session_cookie(&signed_in).expect("a new session at the step up");
    assert_ne!(full, waiting);
    assert_eq!(browser.get("/admin").await.text("h1"), "Dashboard");
    // Whoever held the waiting session's id has nothing.
    let fixated = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/admin"))
        .header("Cookie", format!("reseau_admin={waiting}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        fixated.headers()["location"].to_str().unwrap(),
        "/admin/sign-in"
    );
    // A complete sign-in starts the count again.
    assert_eq!(app.count("SELECT COUNT(*) FROM sign_in_failures").await, 0);
}

#[tokio::test]
async fn sixty_parallel_wrong_passwords_lock_the_account() {
    let app = spawn_app_with(FOUR_FAILURES).await;
    organizer(&app, "chapter@reseau.test", Role::Organizer, &["canada"]).await;
    let browser = Browser::new(&app);
    let form = browser.get("/admin/sign-in").await;
    let csrf = form.attr("input[name=csrf_token]", "value");

    let guesses = (0..60).map(|i| {
        let password = format!("guess number {i} of sixty");
        let browser = &browser;
        let csrf = csrf.clone();
        async move {
            browser
                .post(
                    "/admin/sign-in",
                    &[
                        ("csrf_token", csrf.as_str()),
                        ("email", "chapter@reseau.test"),
                        ("password", password.as_str()),
                    ],
                )
                .await
                .status
        }
    });
    let statuses = futures::future::join_all(guesses).await;
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::UNAUTHORIZED));

    // The right password no longer signs in, from any browser.
    for browser in [browser, Browser::new(&app)] {
        let answer = password_step(&browser, "chapter@reseau.test", PASSWORD).await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(answer.text("#email-error").contains("locked"));
        assert_ne!(browser.get("/admin").await.status, StatusCode::OK);
    }
}

/// A page with what differs between two addresses of the same length taken out: the
/// address echoed in the form, and the per-response CSRF values.
fn comparable(page: &Page, email: &str) -> (StatusCode, Vec<(String, String)>, String) {
    let mut headers: Vec<(String, String)> = page
        .headers
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "date" | "set-cookie"))
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    headers.sort();
    let cookies: Vec<String> = page
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split('=').next().unwrap_or_default().to_owned())
        .collect();
    headers.push(("set-cookie names".into(), cookies.join(",")));
    let mut body = page.body.replace(email, "ADDRESS");
    for value in page.attrs("input[name=csrf_token]", "value") {
        body = body.replace(&value, "CSRF");
    }
    (page.status, headers, body)
}

#[tokio::test]
async fn a_locked_account_answers_exactly_as_an_unknown_address_tried_as_often() {
    let app = spawn_app_with(FOUR_FAILURES).await;
    organizer(&app, "lead@reseau.test", Role::Organizer, &["canada"]).await;
    let real = Browser::new(&app);
    let unknown = Browser::new(&app);
    // Same length, so that only the address differs.
    let (real_address, unknown_address) = ("lead@reseau.test", "nobo@reseau.test");

    // Four wrong passwords each, then the real account's right password and any password for
    // the unknown address, then more: every answer alike.
    let mut attempts = vec!["wrong passphrase one"; 4];
    attempts.extend(["RIGHT", "wrong passphrase two", "RIGHT"]);
    let mut statuses = Vec::new();
    for attempt in attempts {
        let password = if attempt == "RIGHT" {
            PASSWORD
        } else {
            attempt
        };
        let from_real = password_step(&real, real_address, password).await;
        let from_unknown = password_step(&unknown, unknown_address, password).await;
        assert_eq!(
            comparable(&from_real, real_address),
            comparable(&from_unknown, unknown_address),
            "attempt with {attempt:?}"
        );
        statuses.push(from_real.status);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
        ]
    );
    // The table that counts knows no address.
    let rows = app.rows("SELECT address_key FROM sign_in_failures").await;
    assert_eq!(rows.len(), 2);
    for row in rows {
        let key = row["address_key"].as_str().unwrap();
        assert!(!key.contains('@') && key.len() == 64, "{key}");
    }

    // A day after the last failure, with the lock over, the counts are forgotten.
    app.jobs
        .run_once(chrono::Utc::now() + chrono::Duration::days(2))
        .await
        .unwrap();
    assert_eq!(app.count("SELECT COUNT(*) FROM sign_in_failures").await, 0);
    let back = password_step(&real, real_address, PASSWORD).await;
    assert_eq!(back.location(), "/admin");
}
