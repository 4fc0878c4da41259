//! Registration links live as long as the registration: a promotion from the waitlist, a
//! resent confirmation or a stranger typing the same address never turns a link from an
//! earlier email into a 404; and a registration form mails an address no more than the
//! per-address limit allows, answering the same whether or not it did.

use reqwest::StatusCode;

use crate::{
    events::{confirm, publish, register},
    helpers::{Page, TestApp, client, spawn_app, spawn_app_with},
};

/// The registration form sent from a browser of its own (its own cookies and CSRF token).
async fn register_from_another_browser(app: &TestApp, slug: &str, name: &str, email: &str) -> Page {
    let browser = client();
    let page = Page::read(
        browser
            .get(app.url(&format!("/en/events/{slug}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let mut fields = page.hidden_fields();
    fields.push(("full_name".into(), name.into()));
    fields.push(("email".into(), email.into()));
    Page::read(
        browser
            .post(app.url(&format!("/en/events/{slug}/register")))
            .header("Origin", &app.base)
            .form(&fields)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// The registration link of the latest email to `email` that carries one.
fn latest_link(app: &TestApp, email: &str) -> String {
    app.sink
        .mails_to(email)
        .into_iter()
        .rev()
        .find(|m| m.text.contains("/registrations/"))
        .unwrap()
        .link("/registrations/")
}

#[tokio::test]
async fn the_link_in_a_waitlist_email_still_opens_the_registration_after_promotion() {
    let app = spawn_app().await;
    publish(&app, "evening", Some(1), true).await;
    register(
        &app,
        "en",
        "evening",
        "First Person",
        "first@example.org",
        &[],
    )
    .await;
    let first = confirm(&app, "first@example.org").await;
    register(
        &app,
        "en",
        "evening",
        "Second Person",
        "second@example.org",
        &[],
    )
    .await;
    confirm(&app, "second@example.org").await;
    app.deliver_mail().await;
    let waitlisted = app.sink.mails_to("second@example.org").pop().unwrap();
    assert!(
        waitlisted.subject.contains("waitlist"),
        "{}",
        waitlisted.subject
    );
    let waitlist_link = waitlisted.link("/registrations/");
    assert!(
        app.get(&waitlist_link)
            .await
            .text("#status")
            .contains("waitlist")
    );

    // The first cancels; the second is promoted and told.
    let page = app.get(&first).await;
    let csrf = page.attr("input[name=csrf_token]", "value");
    app.post_form(&format!("{first}/cancel"), &[("csrf_token", &csrf)])
        .await;
    app.deliver_mail().await;
    let promoted = app.sink.mails_to("second@example.org").pop().unwrap();
    assert_ne!(promoted.subject, waitlisted.subject);

    // Both links, the waitlist email's and the promotion's, open the confirmed registration.
    for link in [waitlist_link, promoted.link("/registrations/")] {
        let page = app.get(&link).await;
        assert_eq!(page.status, StatusCode::OK, "{link}");
        assert_eq!(page.text("#status"), "Confirmed: your seat is reserved");
        let download = app.get(&format!("{link}/event.ics")).await;
        assert_eq!(download.status, StatusCode::OK);
    }
    // And the first person's link still shows their cancellation.
    assert_eq!(app.get(&first).await.text("#status"), "Cancelled");
    assert_eq!(
        app.sink
            .mails_to("first@example.org")
            .pop()
            .unwrap()
            .subject,
        "Registration cancelled: Cultural evening"
    );
}

#[tokio::test]
async fn registering_again_with_someones_address_changes_nothing_of_theirs() {
    let app = spawn_app_with(&[("limits.mails_per_address_per_hour", "3")]).await;
    publish(&app, "summit", Some(50), true).await;

    // Ada registers and confirms; Grace registers and has not confirmed yet.
    let ada_said = register(&app, "fr", "summit", "Ada Lovelace", "ada@example.org", &[]).await;
    let ada_link = confirm(&app, "ada@example.org").await;
    register(
        &app,
        "en",
        "summit",
        "Grace Hopper",
        "grace@example.org",
        &[],
    )
    .await;
    app.deliver_mail().await;
    let grace_link = latest_link(&app, "grace@example.org");
    let ada_mails = app.sink.mails_to("ada@example.org").len();

    // Someone else, in another browser, types their addresses in capitals, many times.
    for _ in 0..4 {
        for (address, name) in [
            ("ADA@Example.org", "Mallory"),
            ("Grace@EXAMPLE.org", "Mallory"),
        ] {
            let answer = register_from_another_browser(&app, "summit", name, address).await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER);
            assert_eq!(answer.location(), "/en/events/summit/registered");
        }
    }
    assert_eq!(ada_said, "/fr/events/summit/registered");
    app.deliver_mail().await;

    // Ada's link still opens her confirmed registration, in her language.
    let page = app.get(&ada_link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text("#status").starts_with("Confirm"),
        "{}",
        page.text("#status")
    );
    // She was told at most what the per-address limit allows (her own request counts), each
    // time in her language and with her name, and those links work too.
    let told: Vec<_> = app
        .sink
        .mails_to("ada@example.org")
        .into_iter()
        .skip(ada_mails)
        .collect();
    assert!(!told.is_empty() && told.len() <= 2, "{} mails", told.len());
    for mail in &told {
        assert!(mail.text.contains("Ada Lovelace"), "{}", mail.text);
        assert!(!mail.text.contains("Mallory"));
        let link = mail.link("/registrations/");
        assert_eq!(app.get(&link).await.text("#status"), page.text("#status"));
    }

    // Grace's first link still works and confirms her registration as she made it.
    let pending = app.get(&grace_link).await;
    assert_eq!(pending.status, StatusCode::OK);
    assert_eq!(pending.text("#status"), "Waiting for your confirmation");
    for mail in app.sink.mails_to("grace@example.org") {
        assert!(!mail.text.contains("Mallory"), "{}", mail.text);
    }
    assert_eq!(
        app.press_button(&grace_link).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get(&grace_link).await.text("#status"),
        "Confirmed: your seat is reserved"
    );
    app.deliver_mail().await;
    let seat = app.sink.mails_to("grace@example.org").pop().unwrap();
    assert!(seat.text.contains("Grace Hopper"), "{}", seat.text);
    // Still two registrations, and two seats.
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 2);
    assert_eq!(app.count("SELECT seats_taken FROM events").await, 2);
}

#[tokio::test]
async fn registration_forms_mail_an_address_no_more_than_the_per_address_limit() {
    let app = spawn_app_with(&[("limits.mails_per_address_per_hour", "3")]).await;
    publish(&app, "first-event", Some(50), true).await;
    publish(&app, "second-event", None, false).await;

    // Nine requests in a row for a bystander's address, over two events, each from a browser
    // of its own, in any case.
    let slug = |i: usize| {
        if i.is_multiple_of(2) {
            "first-event"
        } else {
            "second-event"
        }
    };
    let mut answers = Vec::new();
    for i in 0..9_usize {
        let address = if i.is_multiple_of(3) {
            "bystander@example.org"
        } else {
            "Bystander@Example.org"
        };
        answers.push(register_from_another_browser(&app, slug(i), "Someone Else", address).await);
    }
    app.deliver_mail().await;
    assert_eq!(
        app.sink.mails_to("bystander@example.org").len(),
        3,
        "no more than the per-address limit an hour"
    );
    // The form answered the same before and after the limit: it tells nothing.
    for (i, answer) in answers.iter().enumerate() {
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(
            answer.location(),
            format!("/en/events/{}/registered", slug(i))
        );
        assert_eq!(answer.body, answers[0].body);
    }
    // Another address is not held back by the bystander's limit.
    register(
        &app,
        "en",
        "first-event",
        "Real Person",
        "real@example.org",
        &[],
    )
    .await;
    app.deliver_mail().await;
    assert_eq!(app.sink.mails_to("real@example.org").len(), 1);
}
