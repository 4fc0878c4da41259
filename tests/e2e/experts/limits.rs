//! The relay's limits (per sender, per client address, per expert), its bot trap and its
//! field errors, an admin lifting a block; the directory's pace and paging cap.

use domain::organizers::Role;
use reqwest::StatusCode;

use super::{Visitor, listed, t, zoe};
use crate::{
    helpers::spawn_app_with,
    staff::{Browser, PASSWORD, organizer},
};

#[tokio::test]
async fn the_relay_keeps_its_limits_and_its_traps() {
    let app = spawn_app_with(&[
        ("experts.pages_burst", "1000"),
        ("experts.messages_per_sender_per_day", "1"),
        ("experts.messages_per_expert_per_day", "2"),
        ("experts.messages_per_ip_per_day", "3"),
    ])
    .await;
    organizer(&app, "org@reseau.test", Role::Organizer, &["canada"]).await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let staff = Browser::new(&app);
    staff.sign_in("org@reseau.test", PASSWORD).await;
    let (_, slug) = listed(&app, &staff, "zoe@example.org", &zoe()).await;
    let mut visitor = Visitor::new(&app);
    let profile = format!("/en/experts/{slug}");

    // Bad input comes back with its messages and the values typed.
    let bad = visitor
        .fill(
            &profile,
            &[
                ("full_name", "Ana"),
                ("email", "not an address"),
                ("subject", ""),
                ("message", "Hi"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.text("#email-error"), t("en", "error-email-invalid"));
    assert_eq!(
        bad.text("#subject-error"),
        t("en", "expert-error-subject-empty")
    );
    assert_eq!(bad.text("#field-message"), "Hi");
    // The honeypot: answered like anyone, and nothing is kept or sent.
    let bot = visitor
        .fill(
            &profile,
            &[
                ("full_name", "Bot"),
                ("email", "bot@example.org"),
                ("subject", "Buy"),
                ("message", "Now"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(bot.location(), format!("/en/experts/{slug}/check-email"));
    assert_eq!(app.count("SELECT COUNT(*) FROM expert_messages").await, 0);

    // One message a day from an address, two a day to an expert.
    let sender_one = ("Ana Lima", "ana@example.org");
    let first = visitor
        .write("en", &slug, sender_one, "Hello", "A first question.", true)
        .await;
    assert_eq!(first.location(), format!("/en/experts/{slug}/check-email"));
    app.deliver_mail().await;
    let link = app
        .sink
        .only_mail_to("ana@example.org")
        .link("/en/experts/messages/");
    visitor.press(&link).await;
    let again = visitor
        .write(
            "en",
            &slug,
            sender_one,
            "Hello again",
            "A second one.",
            true,
        )
        .await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        again.text("#email-error"),
        t("en", "expert-error-sender-limit")
    );
    assert_eq!(again.attr("#field-subject", "value"), "Hello again");
    let mut second_visitor = Visitor::new(&app);
    second_visitor
        .write(
            "en",
            &slug,
            ("Bo Chen", "bo@example.org"),
            "Hi",
            "Another question.",
            false,
        )
        .await;
    app.deliver_mail().await;
    let link = app
        .sink
        .only_mail_to("bo@example.org")
        .link("/en/experts/messages/");
    second_visitor.press(&link).await;
    app.deliver_mail().await;
    let relayed: Vec<_> = app
        .sink
        .mails_to("zoe@example.org")
        .into_iter()
        .filter(|m| m.subject == t("en", "mail-expert-message-subject"))
        .collect();
    assert_eq!(relayed.len(), 2);
    let full = second_visitor
        .write(
            "en",
            &slug,
            ("Cy Dee", "cy@example.org"),
            "Hi",
            "A third.",
            false,
        )
        .await;
    assert_eq!(full.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        full.text("#message-error"),
        t("en", "expert-error-expert-limit")
    );

    // A day later for the expert; but the same connection has used its three.
    app.execute(&format!(
        "UPDATE expert_messages SET relayed_at = '{}' WHERE relayed_at IS NOT NULL",
        (chrono::Utc::now() - chrono::Duration::days(2)).format("%Y-%m-%d %H:%M:%S%.6f+00:00")
    ))
    .await;
    let third = second_visitor
        .write(
            "en",
            &slug,
            ("Cy Dee", "cy@example.org"),
            "Hi",
            "A third.",
            false,
        )
        .await;
    assert_eq!(third.location(), format!("/en/experts/{slug}/check-email"));
    app.deliver_mail().await;
    app.sink.only_mail_to("cy@example.org");
    let fourth = second_visitor
        .write(
            "en",
            &slug,
            ("Di Eng", "di@example.org"),
            "Hi",
            "A fourth.",
            false,
        )
        .await;
    assert_eq!(fourth.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        fourth.text("#message-error"),
        t("en", "expert-error-ip-limit")
    );

    // The expert reports Ana; an admin (and only an admin) lifts the block, in the audit log.
    let report = relayed
        .iter()
        .find(|m| m.text.contains("A first question."))
        .unwrap()
        .link("/en/experts/reports/");
    assert_eq!(visitor.press(&report).await.status, StatusCode::OK);
    app.deliver_mail().await;
    app.sink.only_mail_to("org@reseau.test");
    let sender_id = app
        .count("SELECT id FROM expert_senders WHERE blocked_at IS NOT NULL")
        .await;
    let overview = staff.get("/admin/experts").await;
    assert!(
        !overview.has("form[action$='/unblock']"),
        "organizers do not lift blocks"
    );
    let csrf = overview.attr("input[name=csrf_token]", "value");
    let refused = staff
        .post(
            &format!("/admin/experts/senders/{sender_id}/unblock"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    let page = admin.get("/admin/experts").await;
    let action = format!("/admin/experts/senders/{sender_id}/unblock");
    assert!(
        page.has(&format!("form[action='{action}']")),
        "{}",
        page.body
    );
    let csrf = page.attr("input[name=csrf_token]", "value");
    let lifted = admin.post(&action, &[("csrf_token", &csrf)]).await;
    assert_eq!(lifted.location(), "/admin/experts?unblocked=1");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM expert_senders WHERE blocked_at IS NOT NULL")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'expert-sender-unblocked'")
            .await,
        1
    );

    // Days later, housekeeping forgets what ran out: the unconfirmed message and its text,
    // the hashes the limits counted by (but the reported message's sender), the Reply-To.
    let reply_to = "SELECT COUNT(*) FROM outbox WHERE kind = 'expert-message' \
                    AND headers LIKE '%Reply-To%'";
    assert_eq!(app.count(reply_to).await, 1);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM expert_messages WHERE status = 'unconfirmed' AND body <> ''"
        )
        .await,
        1
    );
    app.jobs
        .run_once(chrono::Utc::now() + chrono::Duration::days(3))
        .await
        .unwrap();
    assert_eq!(app.count(reply_to).await, 0);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM expert_messages WHERE status = 'unconfirmed' \
             OR body <> '' OR sender_email <> '' OR subject <> ''"
        )
        .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM expert_messages WHERE ip_hash <> '' OR sender_hash <> ''")
            .await,
        1,
        "only the reported message keeps its sender"
    );
}

#[tokio::test]
async fn the_directory_keeps_its_pace_and_its_paging_cap() {
    let app = spawn_app_with(&[
        ("experts.pages_burst", "3"),
        ("experts.pages_per_minute", "1"),
    ])
    .await;
    let mut visitor = Visitor::new(&app);
    assert_eq!(
        visitor.get("/en/experts?page=26").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        visitor.get("/en/experts?area=astrology").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(visitor.get("/fr/experts").await.status, StatusCode::OK);
    let slowed = visitor.get("/es/experts").await;
    assert_eq!(slowed.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(slowed.header("retry-after"), "60");
    assert_eq!(
        visitor.get("/en/events").await.status,
        StatusCode::OK,
        "other pages are not slowed"
    );
}
