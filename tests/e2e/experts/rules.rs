//! The rules around the journey: who sees which part of a profile (and which filters can
//! find it), the organizers' review (a note, a stale decision, hiding) and the member's edits,
//! pauses and download; the relay's limits and bot trap, the directory's pace and paging cap;
//! and an erasure that leaves nothing of the listing.

use domain::organizers::Role;
use reqwest::StatusCode;

use super::{
    Inbox, Listing, ROOMY, Visitor, decide, member_signed_in, profile_of, send_listing, t,
};
use crate::{
    account::sign_in,
    helpers::{TestApp, spawn_app_with},
    staff::{Browser, PASSWORD, organizer},
};

fn zoe() -> Listing {
    Listing {
        name: "Zoë Kumar",
        areas: vec!["economic-inclusion"],
        languages: vec!["en", "ht"],
        country: "CA",
        organisation: "Wealth Gap Institute",
        role: "Economist",
        bio: vec![("en", "Studies the racial wealth gap.")],
        lived: "The Haitian diaspora of Montréal.",
        lived_language: "en",
        members_only: vec!["name", "organisation", "languages"],
    }
}

/// Lists `listing` for a new member (signed in with the app's client) and has the organizer
/// approve it; returns the profile's id and slug.
async fn listed(
    app: &TestApp,
    organizer: &Browser<'_>,
    email: &str,
    listing: &Listing,
) -> (i64, String) {
    member_signed_in(app, "en", listing.name, email, "canada").await;
    let sent = send_listing(app, "en", &listing.fields(true)).await;
    assert_eq!(
        sent.location(),
        "/en/account/expert?saved=listed",
        "{}",
        sent.body
    );
    let (id, slug) = profile_of(app, email).await;
    let approved = decide(organizer, &mut Vec::new(), id, "approve", "").await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    app.deliver_mail().await;
    let told = app.sink.mails_to(email).pop().unwrap();
    assert_eq!(told.subject, t("en", "mail-expert-approved-subject"));
    (id, slug)
}

#[tokio::test]
async fn each_audience_sees_its_parts_and_organizers_review_every_change() {
    let app = spawn_app_with(&ROOMY).await;
    organizer(&app, "org@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("org@reseau.test", PASSWORD).await;
    let mut zoe = zoe();
    member_signed_in(&app, "en", zoe.name, "zoe@example.org", "canada").await;
    assert_eq!(
        send_listing(&app, "en", &zoe.fields(true)).await.location(),
        "/en/account/expert?saved=listed"
    );
    let (id, slug) = profile_of(&app, "zoe@example.org").await;
    let mut inbox = Inbox::after(&app, "zoe@example.org");

    // Sent back with a note: the member is told, the form says why, nothing is listed.
    let returned = decide(
        &staff,
        &mut Vec::new(),
        id,
        "return",
        "Please add a French bio.",
    )
    .await;
    assert_eq!(returned.status, StatusCode::SEE_OTHER);
    let no_note = decide(&staff, &mut Vec::new(), id, "return", "").await;
    assert_eq!(no_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        no_note.text("#note-error"),
        t("en", "admin-experts-error-note-required")
    );
    app.deliver_mail().await;
    let back = inbox.one(&app);
    assert_eq!(back.subject, t("en", "mail-expert-returned-subject"));
    assert!(back.text.contains("Please add a French bio."));
    let page = app.get("/en/account/expert").await;
    assert!(page.body.contains(&t("en", "expert-standing-returned")));
    assert!(page.text("blockquote").contains("Please add a French bio."));
    let mut visitor = Visitor::new(&app);
    assert_eq!(
        visitor.get(&format!("/en/experts/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );

    // The organizer opens it, the member changes it meanwhile: the old decision is refused.
    let opened = staff.get(&format!("/admin/experts/{id}")).await;
    let stale_revision = opened.attr("input[name=revision]", "value");
    let csrf = opened.attr("input[name=csrf_token]", "value");
    zoe.bio
        .push(("fr", "Elle étudie l’écart de richesse racial."));
    let resubmitted = send_listing(&app, "en", &zoe.fields(false)).await;
    assert_eq!(resubmitted.location(), "/en/account/expert?saved=review");
    let stale = staff
        .post(
            &format!("/admin/experts/{id}/review"),
            &[
                ("csrf_token", &csrf),
                ("revision", &stale_revision),
                ("decision", "approve"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(
        stale.body.contains("l’écart de richesse"),
        "the page shows the new submission"
    );
    assert_eq!(
        decide(&staff, &mut Vec::new(), id, "approve", "")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    app.deliver_mail().await;
    inbox.one(&app);

    // Visitors: no name, organisation or languages, and no filter or search reaches them.
    let profile = visitor.get(&format!("/en/experts/{slug}")).await;
    assert_eq!(profile.text("h1"), t("en", "expert-name-hidden"));
    for hidden in [zoe.name, zoe.organisation, "Haitian Creole"] {
        assert!(!profile.body.contains(hidden), "{hidden} is for members");
    }
    assert!(
        profile.body.contains(zoe.lived),
        "the lived experience was made public"
    );
    assert!(profile.body.contains(&t("en", "expert-members-only-parts")));
    let found = |page: &crate::helpers::Page| page.attrs(".card h2 a", "href").len();
    assert_eq!(
        found(&visitor.get("/en/experts?area=economic-inclusion").await),
        1
    );
    assert_eq!(found(&visitor.get("/en/experts?language=ht").await), 0);
    assert_eq!(found(&visitor.get("/en/experts?q=kumar").await), 0);
    assert_eq!(
        found(&visitor.get("/en/experts?q=wealth+gap+institute").await),
        0
    );
    assert_eq!(
        found(&visitor.get("/en/experts?q=haitian").await),
        0,
        "lived experience is never searched"
    );

    // A signed-in member sees and finds all of it.
    member_signed_in(&app, "en", "Rosa Parks", "rosa@example.org", "canada").await;
    let seen = app.get(&format!("/en/experts/{slug}")).await;
    assert_eq!(seen.text("h1"), zoe.name);
    assert!(seen.body.contains(zoe.organisation) && seen.body.contains("Haitian Creole"));
    assert_eq!(found(&app.get("/en/experts?language=ht").await), 1);
    assert_eq!(found(&app.get("/en/experts?q=KUMAR").await), 1);
    assert_eq!(
        seen.attr("#field-email", "value"),
        "rosa@example.org",
        "members write as themselves"
    );

    // Zoë edits her bio: the approved version stays listed until an organizer approves.
    sign_in(&app, "en", "zoe@example.org").await;
    inbox.one(&app);
    let new_bio = "Studies wealth and housing.";
    zoe.bio[0] = ("en", new_bio);
    assert_eq!(
        send_listing(&app, "en", &zoe.fields(false))
            .await
            .location(),
        "/en/account/expert?saved=review"
    );
    let still = visitor.get(&format!("/en/experts/{slug}")).await;
    assert!(still.body.contains("Studies the racial wealth gap.") && !still.body.contains(new_bio));
    let review = staff.get(&format!("/admin/experts/{id}")).await;
    assert!(
        review.body.contains(new_bio) && review.body.contains("Studies the racial wealth gap.")
    );
    decide(&staff, &mut Vec::new(), id, "approve", "").await;
    app.deliver_mail().await;
    inbox.one(&app);
    assert!(
        visitor
            .get(&format!("/en/experts/{slug}"))
            .await
            .body
            .contains(new_bio)
    );

    // Who sees what is her call alone: it takes effect at once, with no review.
    zoe.members_only = vec![];
    assert_eq!(
        send_listing(&app, "en", &zoe.fields(false))
            .await
            .location(),
        "/en/account/expert?saved=saved"
    );
    assert_eq!(
        visitor.get(&format!("/en/experts/{slug}")).await.text("h1"),
        zoe.name
    );
    assert_eq!(found(&visitor.get("/en/experts?q=kumar").await), 1);

    // Paused: the profile says so and takes no message.
    let pause = app.get("/en/account/expert").await;
    let csrf = pause.attr("input[name=csrf_token]", "value");
    let paused = app
        .post_form(
            "/en/account/expert/contact",
            &[("csrf_token", &csrf), ("paused", "yes")],
        )
        .await;
    assert_eq!(paused.location(), "/en/account/expert?saved=paused");
    let closed = visitor.get(&format!("/en/experts/{slug}")).await;
    assert!(closed.body.contains(&t("en", "expert-contact-paused")));
    assert!(!closed.has("form[action$='/contact']"));

    // Her data download holds the listing.
    let data: serde_json::Value =
        serde_json::from_str(&app.get("/en/account/data").await.body).unwrap();
    assert_eq!(data["expert_profile"]["status"], "approved");
    assert_eq!(data["expert_profile"]["contact_paused"], true);
    assert_eq!(data["expert_profile"]["approved"]["display_name"], zoe.name);

    // Hidden by the organizer: out of the directory, and she is told.
    decide(&staff, &mut Vec::new(), id, "hide", "").await;
    app.deliver_mail().await;
    assert_eq!(
        inbox.one(&app).subject,
        t("en", "mail-expert-hidden-subject")
    );
    assert_eq!(
        visitor.get(&format!("/en/experts/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
    let actions = app
        .rows("SELECT action FROM audit_log WHERE target_type = 'expert_profile' ORDER BY id")
        .await;
    let actions: Vec<&str> = actions
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "expert-returned",
            "expert-approved",
            "expert-approved",
            "expert-hidden"
        ]
    );
}

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

#[tokio::test]
async fn erasure_leaves_no_trace_of_a_listing() {
    let app = spawn_app_with(&ROOMY).await;
    organizer(&app, "org@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("org@reseau.test", PASSWORD).await;
    let listing = zoe();
    let (id, slug) = listed(&app, &staff, "zoe@example.org", &listing).await;
    // A message reaches her, and a change of hers waits for review.
    let mut visitor = Visitor::new(&app);
    visitor
        .write(
            "en",
            &slug,
            ("Ana Lima", "ana@example.org"),
            "Hello",
            "A question for Zoë.",
            true,
        )
        .await;
    app.deliver_mail().await;
    let link = app
        .sink
        .only_mail_to("ana@example.org")
        .link("/en/experts/messages/");
    visitor.press(&link).await;
    app.deliver_mail().await;
    let relayed = app.sink.mails_to("zoe@example.org").pop().unwrap();
    assert_eq!(relayed.subject, t("en", "mail-expert-message-subject"));
    let mut changed = listing.clone();
    changed.bio = vec![("en", "A draft nobody approved yet.")];
    send_listing(&app, "en", &changed.fields(false)).await;

    let account = app.get("/en/account/delete").await;
    let csrf = account.attr("input[name=csrf_token]", "value");
    let deleted = app
        .post_form(
            "/en/account/delete",
            &[("csrf_token", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_eq!(deleted.location(), "/en/account/deleted");
    app.deliver_mail().await;
    let goodbye = app.sink.mails_to("zoe@example.org").pop().unwrap();
    assert_eq!(goodbye.subject, t("en", "mail-goodbye-subject"));

    assert_eq!(app.count("SELECT COUNT(*) FROM expert_profiles").await, 0);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM expert_messages WHERE expert_id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM expert_messages").await, 0);
    for needle in [
        listing.name,
        "racial wealth gap",
        "A draft nobody",
        "Wealth Gap Institute",
        "zoe@example.org",
    ] {
        let hits = app
            .count(&format!(
                "SELECT COUNT(*) FROM outbox WHERE recipient LIKE '%{needle}%' \
                 OR subject LIKE '%{needle}%' OR body_text LIKE '%{needle}%' \
                 OR body_html LIKE '%{needle}%' OR headers LIKE '%{needle}%'"
            ))
            .await
            + app
                .count(&format!(
                    "SELECT COUNT(*) FROM audit_log WHERE details LIKE '%{needle}%'"
                ))
                .await;
        assert_eq!(hits, 0, "{needle} is still in the database");
    }
    let ledger = app
        .rows("SELECT granted, source FROM consents WHERE purpose = 'directory' ORDER BY id")
        .await;
    assert_eq!(ledger.len(), 2);
    assert_eq!(ledger[1]["granted"], false);
    assert_eq!(ledger[1]["source"], "erasure");
    assert_eq!(
        visitor.get(&format!("/en/experts/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
}
