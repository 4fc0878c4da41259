//! Mail is a row first: an SMTP outage delays it and loses nothing.

use chrono::{Duration, Utc};
use reqwest::StatusCode;

use crate::helpers::{spawn_app, spawn_app_with};

fn person<'a>(name: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("full_name", name),
        ("email", email),
        ("chapter", "canada"),
        ("language", "en"),
    ]
}

#[tokio::test]
async fn sign_ups_succeed_while_smtp_is_down_and_mail_goes_out_when_it_is_back() {
    let app = spawn_app().await;
    app.sink.set_down(true);

    for i in 0..3 {
        let email = format!("outage{i}@example.org");
        let answer = app.join("en", &person("Malik Johnson", &email)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
    }
    let pass = app.deliver_mail().await;
    assert_eq!((pass.sent, pass.retried, pass.failed), (0, 3, 0));
    let rows = app
        .rows("SELECT status, attempts, last_error FROM outbox")
        .await;
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row["status"], "queued");
        assert_eq!(row["attempts"], 1);
        assert!(
            row["last_error"]
                .as_str()
                .unwrap_or_default()
                .contains("421"),
            "{row}"
        );
    }
    assert!(app.sink.received().is_empty());
    // Not due again yet: a pass now does nothing.
    assert_eq!(app.deliver_mail().await.handled(), 0);

    // The relay comes back; once the backoff has passed every message goes out, once.
    app.sink.set_down(false);
    let pass = app.deliver_mail_at(Utc::now() + Duration::hours(2)).await;
    assert_eq!(pass.sent, 3);
    for i in 0..3 {
        let mail = app.sink.only_mail_to(&format!("outage{i}@example.org"));
        let confirmed = app.press_button(&mail.link("/en/confirm/")).await;
        assert_eq!(confirmed.location(), "/en/join/confirmed");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members WHERE status = 'active'")
            .await,
        3
    );
}

#[tokio::test]
async fn a_refused_address_is_marked_failed_with_its_reason_and_kept() {
    let app = spawn_app_with(&[("worker.max_attempts", "3")]).await;
    app.sink.refuse("refused@example.org");
    app.join("en", &person("Rosa Parks", "refused@example.org"))
        .await;
    app.join("en", &person("Ella Baker", "fine@example.org"))
        .await;
    let pass = app.deliver_mail().await;
    assert_eq!((pass.sent, pass.failed), (1, 1));
    let failed = &app
        .rows("SELECT status, last_error, recipient FROM outbox WHERE status = 'failed'")
        .await[0];
    assert_eq!(failed["recipient"], "refused@example.org");
    assert!(
        failed["last_error"].as_str().unwrap().contains("550"),
        "{failed}"
    );
    assert_eq!(app.sink.mails_to("fine@example.org").len(), 1);
}

#[tokio::test]
async fn temporary_failures_give_up_after_the_last_attempt_and_keep_the_row() {
    let app = spawn_app_with(&[("worker.max_attempts", "2")]).await;
    app.sink.set_down(true);
    app.join("en", &person("Fannie Hamer", "fannie@example.org"))
        .await;
    let later = Utc::now() + Duration::days(1);
    assert_eq!(app.deliver_mail().await.retried, 1);
    assert_eq!(app.deliver_mail_at(later).await.failed, 1);
    let row = &app.rows("SELECT status, attempts FROM outbox").await[0];
    assert_eq!(row["status"], "failed");
    assert_eq!(row["attempts"], 2);
}

#[tokio::test]
async fn a_claim_abandoned_by_a_dead_worker_is_taken_over_after_its_lease() {
    let app = spawn_app().await;
    app.join("en", &person("Viola Desmond", "viola@example.org"))
        .await;
    // A worker claimed the row and died before sending.
    let now = Utc::now();
    let claimed = domain::outbox::claim(app.db.writer(), now, 10, Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(
        app.deliver_mail_at(now).await.handled(),
        0,
        "held by its lease"
    );
    assert_eq!(
        app.deliver_mail_at(now + Duration::minutes(6)).await.sent,
        1
    );
    assert_eq!(app.sink.mails_to("viola@example.org").len(), 1);
}
