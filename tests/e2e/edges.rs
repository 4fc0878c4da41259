//! Issue 15, hostile edges: one mailbox is one member, forms take only what the mailer can
//! send, dates stay on a calendar, slow clients are cut off, metrics a scraper can read, and
//! text that cannot pass for something else. On SQLite, and on PostgreSQL when it is set.

use domain::organizers::Role;
use reqwest::StatusCode;

use crate::{
    account::{member, post_account_form, sign_in},
    events::{publish, register},
    helpers::{spawn_app, spawn_app_with},
    newsletters::write_newsletter,
    staff::{Browser, PASSWORD, organizer},
};

fn joining(email: &str) -> Vec<(&str, &str)> {
    vec![
        ("full_name", "Mary Ann Shadd"),
        ("email", email),
        ("chapter", "canada"),
        ("language", "en"),
    ]
}

#[tokio::test]
async fn one_mailbox_written_three_ways_is_one_member_and_one_mail() {
    let app = spawn_app().await;
    for typed in [
        "x@exämple.org",
        "x@xn--exmple-cua.org",
        "x@exa\u{308}mple.org",
        "X@EXÄMPLE.ORG",
    ] {
        let answer = app.join("en", &joining(typed)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{typed:?}");
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members WHERE email = 'x@xn--exmple-cua.org'")
            .await,
        1
    );
    // Every outbox row goes to the one normalised address, and the sink gets it in A-labels.
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM outbox WHERE recipient <> 'x@xn--exmple-cua.org'")
            .await,
        0
    );
    app.deliver_mail().await;
    assert!(!app.sink.mails_to("x@xn--exmple-cua.org").is_empty());
}

const UNSENDABLE: [&str; 6] = [
    ".x@example.org",
    "x.@example.org",
    "x@[127.0.0.1]",
    "x@[IPv6:::1]",
    "x@localhost",
    "x@exa\u{202E}mple.org",
];

#[tokio::test]
async fn join_registration_and_address_change_refuse_what_the_mailer_cannot_send() {
    let app = spawn_app().await;
    publish(&app, "evening", None, false).await;
    member(&app, "owner@example.org", "en", false).await;
    let members = app.count("SELECT COUNT(*) AS n FROM members").await;
    for bad in UNSENDABLE {
        let join = app.join("fr", &joining(bad)).await;
        assert_eq!(
            join.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "join {bad:?}"
        );
        assert_eq!(join.attr("#field-email", "aria-invalid"), "true");
        assert_eq!(join.attr("#field-email", "value"), bad);
        assert!(join.text("#email-error").contains("adresse"), "{bad:?}");

        let page = app.get("/en/events/evening").await;
        let mut fields = page.hidden_fields();
        fields.push(("full_name".into(), "Mary Ann Shadd".into()));
        fields.push(("email".into(), bad.into()));
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let registration = app.post_form("/en/events/evening/register", &pairs).await;
        assert_eq!(
            registration.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "registration {bad:?}"
        );
        assert_eq!(registration.attr("#field-email", "aria-invalid"), "true");
    }
    // A signed-in member's registration uses their address; their change of address does not.
    sign_in(&app, "en", "owner@example.org").await;
    let outbox = app.count("SELECT COUNT(*) AS n FROM outbox").await;
    for bad in UNSENDABLE {
        let change = post_account_form(&app, "/en/account/email", &[("email", bad)]).await;
        assert_eq!(
            change.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "change {bad:?}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members").await,
        members
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM outbox").await, outbox);
    // The ones that remain are still taken.
    assert!(
        register(
            &app,
            "en",
            "evening",
            "Mary Ann Shadd",
            "ok@example.org",
            &[]
        )
        .await
        .starts_with("/en/")
    );
}

#[tokio::test]
async fn reserved_domains_are_refused_unless_the_setting_allows_them() {
    let app = spawn_app_with(&[("mail.allow_reserved_domains", "false")]).await;
    for reserved in [
        "x@example.org",
        "x@reseau.test",
        "x@a.invalid",
        "x@box.localhost",
    ] {
        let answer = app.join("es", &joining(reserved)).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{reserved:?}"
        );
        assert!(
            answer.text("#email-error").contains("reservado"),
            "{}",
            answer.text("#email-error")
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 0);
    // A real domain (here the sink takes everything) is taken.
    let answer = app.join("en", &joining("amara@exemple.ca")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
}

fn event_form<'a>(starts: &'a str, opens: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("chapter", "canada"),
        ("slug", "summit"),
        ("title_en", "Summit"),
        ("title_fr", "Sommet"),
        ("description_en", "Talks."),
        ("description_fr", "Exposés."),
        ("format", "in-person"),
        ("venue", "Hall"),
        ("address", "1 Main St"),
        ("online_link", ""),
        ("time_zone", "America/Toronto"),
        ("starts", starts),
        ("ends", "2030-06-01T22:00"),
        ("capacity", "100"),
        ("opens", opens),
    ]
}

#[tokio::test]
async fn dates_off_the_calendar_are_refused_on_the_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    let starts_refused = [
        "-200000-06-01T19:00",
        "-4713-06-01T19:00",
        "+99999-06-01T19:00",
        "0000-06-01T19:00",
        "1999-06-01T19:00",
        "2101-06-01T19:00",
    ];
    for starts in starts_refused {
        let page = staff
            .submit(
                "/admin/events/new",
                "/admin/events/new",
                &event_form(starts, ""),
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{starts}");
        assert_eq!(
            page.text("#starts-error"),
            "Enter a date between the years 2000 and 2100.",
            "{starts}"
        );
        assert_eq!(page.attr("#field-starts", "value"), starts);
    }
    let opens = staff
        .submit(
            "/admin/events/new",
            "/admin/events/new",
            &event_form("2030-06-01T19:00", "-200000-01-01T00:00"),
        )
        .await;
    assert_eq!(opens.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(opens.text("#opens-error").contains("2000"));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM events").await, 0);

    // In range, it is taken, listed, and seen by the API.
    let created = staff
        .submit(
            "/admin/events/new",
            "/admin/events/new",
            &event_form("2030-06-01T19:00", ""),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);

    // A newsletter cannot be scheduled off the calendar either.
    let (letter, page) =
        write_newsletter(&app, "letters@reseau.test", &[("chapters", "canada")]).await;
    for at in [
        "+99999-01-01T10:00",
        "-4713-01-01T10:00",
        "2101-01-01T10:00",
    ] {
        let refused = letter
            .submit(
                &page,
                &format!("{page}/schedule"),
                &[("at", at), ("time_zone", "America/Toronto")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{at}");
        let summary = refused.texts(".error-summary li").join(" ");
        assert!(summary.contains("2000"), "{at}: {summary}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM newsletters WHERE scheduled_at IS NOT NULL")
            .await,
        0
    );
}
