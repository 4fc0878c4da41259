//! The rules around the journey: who sees which part of a profile (and which filters can
//! find it), the organizers' review (a note, a stale decision, hiding) and the member's edits,
//! pauses and download; and an erasure that leaves nothing of the listing.

use domain::organizers::Role;
use reqwest::StatusCode;

use super::{
    Inbox, ROOMY, Visitor, decide, listed, member_signed_in, profile_of, send_listing, t, zoe,
};
use crate::{
    account::sign_in,
    helpers::spawn_app_with,
    staff::{Browser, PASSWORD, organizer},
};

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
    // With nothing waiting, the only decision left is to hide it.
    let settled = staff.get(&format!("/admin/experts/{id}")).await;
    assert_eq!(settled.attrs("input[name=decision]", "value"), ["hide"]);
    assert_eq!(
        decide(&staff, &mut Vec::new(), id, "approve", "")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
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
