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
    // Each is welcomed once the relay is back.
    app.deliver_mail().await;
    for i in 0..3 {
        assert_eq!(
            app.sink
                .mails_to(&format!("outage{i}@example.org"))
                .pop()
                .unwrap()
                .subject,
            "Welcome to the North American Network for Equity and Racial Justice"
        );
    }
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

/// Every kind of email through every kind of SMTP trouble: refused addresses, deferred ones,
/// connections dropped after the data, answers slower than the timeout. The outbox ends with
/// every row sent or failed with its reason, and no message arrives twice.
#[tokio::test]
async fn every_kind_of_email_ends_sent_or_failed_once_whatever_smtp_does() {
    let app = spawn_app_with(&[("mail.smtp_timeout_secs", "1")]).await;
    let faulty = [
        "refused@example.org",
        "deferred@example.org",
        "steady@example.org",
    ];
    app.sink.refuse("refused@example.org");
    app.sink.defer("deferred@example.org");
    app.sink.drop_every(3);
    // Joining: the confirmation link (and, once confirmed, the welcome).
    for email in faulty {
        let answer = app.join("en", &person("Rosemary Brown", email)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
    }
    // Answers slower than the timeout for a while.
    app.sink.delay_each(1500);
    app.deliver_mail().await;
    app.sink.delay_each(0);
    app.sink.drop_every(0);
    app.sink.undefer("deferred@example.org");
    for hours in 1..8 {
        app.deliver_mail_at(Utc::now() + Duration::hours(hours))
            .await;
    }
    // The confirmed members get a welcome, and a sign-in link when they ask, through the
    // same trouble again.
    app.sink.drop_every(2);
    for email in ["deferred@example.org", "steady@example.org"] {
        let link = app.sink.mails_to(email).pop().unwrap().link("/en/confirm/");
        assert_eq!(app.press_button(&link).await.status, StatusCode::SEE_OTHER);
        app.deliver_mail().await;
        let form = app.get("/en/sign-in").await;
        let mut fields = form.hidden_fields();
        fields.push(("email".into(), email.into()));
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        app.post_form("/en/sign-in", &pairs).await;
    }
    for hours in 8..16 {
        app.deliver_mail_at(Utc::now() + Duration::hours(hours))
            .await;
    }

    let rows = app
        .rows("SELECT id, kind, recipient, status, last_error FROM outbox ORDER BY id")
        .await;
    assert!(rows.len() >= 7, "{rows:?}");
    for row in &rows {
        match row["status"].as_str().unwrap() {
            "sent" => {}
            "failed" => assert!(
                row["last_error"].as_str().is_some_and(|e| !e.is_empty()),
                "{row}"
            ),
            _ => panic!("left unfinished: {row}"),
        }
    }
    let kinds: std::collections::HashSet<&str> =
        rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert!(kinds.len() >= 3, "{kinds:?}");
    // One copy of each sent row, none of a failed one.
    for row in &rows {
        let to = row["recipient"].as_str().unwrap();
        let id = row["id"].as_i64().unwrap();
        let copies = app
            .sink
            .received()
            .into_iter()
            .filter(|r| {
                let raw = String::from_utf8_lossy(&r.data);
                r.to.iter().any(|t| t == to) && raw.contains(&format!("Message-ID: <{id}."))
            })
            .count();
        let expected = usize::from(row["status"] == "sent");
        assert_eq!(copies, expected, "{row}");
    }
    assert!(
        rows.iter()
            .any(|r| r["recipient"] == "refused@example.org" && r["status"] == "failed")
    );
}
