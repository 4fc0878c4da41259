//! Words, not codes, in the back office: the audit log names each action and what it acted on
//! in the organizer's language; the registrations page counts with plurals; the
//! registrations export gives each status in words beside its stable code.

use domain::{audit::ACTIONS, organizers::Role};
use reqwest::StatusCode;

use crate::{
    events::{confirm, publish, register},
    helpers::{Page, spawn_app},
    staff::{Browser, PASSWORD, organizer},
};

/// The text of each cell of column `index` of the audit table.
fn column(page: &Page, index: usize) -> Vec<String> {
    page.texts(&format!("tbody tr td:nth-child({index})"))
}

fn looks_like_a_code(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()))
}

#[tokio::test]
async fn the_audit_log_names_every_action_in_words() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;

    // An organizer's day: a wrong password, then a chapter's event and newsletter, exports.
    let staff = Browser::new(&app);
    let wrong = staff
        .sign_in("canada@reseau.test", "not the password")
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    let created = staff
        .submit(
            "/admin/events/new",
            "/admin/events/new",
            &[
                ("chapter", "canada"),
                ("slug", "town-hall"),
                ("title_en", "Town hall"),
                ("title_fr", "Assemblée publique"),
                ("description_en", "Questions."),
                ("description_fr", "Des questions."),
                ("format", "in-person"),
                ("time_zone", "America/Toronto"),
                ("starts", "2030-06-01T19:00"),
                ("ends", "2030-06-01T21:00"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let event = created.location().split('?').next().unwrap().to_owned();
    staff.submit(&event, &format!("{event}/publish"), &[]).await;
    assert_eq!(
        staff
            .get(&format!("{event}/registrations.csv"))
            .await
            .status,
        StatusCode::OK
    );
    let saved = staff
        .submit(
            "/admin/newsletters/new",
            "/admin/newsletters/new",
            &[
                ("subject_en", "News"),
                ("body_en", "News."),
                ("subject_fr", "Nouvelles"),
                ("body_fr", "Nouvelles."),
                ("chapters", "canada"),
            ],
        )
        .await;
    let letter = saved.location().split('?').next().unwrap().to_owned();
    staff.submit(&letter, &format!("{letter}/test"), &[]).await;
    app.deliver_mail().await;
    assert_eq!(
        app.sink.mails_to("canada@reseau.test").len(),
        2,
        "a test copy in each language"
    );
    staff.step_up("canada@reseau.test").await;
    assert_eq!(staff.get("/admin/members.csv").await.status, StatusCode::OK);
    staff.submit("/admin", "/admin/sign-out", &[]).await;

    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    let page = admin.get("/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    let actions = column(&page, 3);
    let recorded: Vec<String> = app
        .rows("SELECT action FROM audit_log ORDER BY id DESC")
        .await
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions.len(), recorded.len());
    assert!(recorded.len() >= 10, "{recorded:?}");
    for (shown, code) in actions.iter().zip(&recorded) {
        assert!(ACTIONS.contains(&code.as_str()), "{code} is listed");
        assert!(
            !looks_like_a_code(shown) && shown != code,
            "{code} shown as {shown:?}"
        );
    }
    for words in [
        "Failed to sign in",
        "Signed in",
        "Created an event",
        "Published an event",
        "Exported an event’s registrations",
        "Wrote a newsletter",
        "Sent a newsletter test",
        "Confirmed their password for a sensitive action",
        "Exported members",
        "Signed out",
    ] {
        assert!(actions.iter().any(|a| a == words), "{words} in {actions:?}");
    }
    let targets = column(&page, 4);
    assert!(targets.iter().all(|t| !looks_like_a_code(t)), "{targets:?}");
    let id = event.rsplit('/').next().unwrap();
    assert!(targets.contains(&format!("Event #{id}")), "{targets:?}");
    // The filter offers the actions by name and keeps the choice.
    let filtered = admin.get("/admin/audit?action=event-published").await;
    assert_eq!(column(&filtered, 3), ["Published an event"]);
    assert_eq!(
        filtered.text("#f-action option[selected]"),
        "Published an event"
    );
    assert_eq!(
        filtered.attrs("#f-action option", "value").len(),
        ACTIONS.len() + 1
    );

    // In French, French words.
    admin.get("/admin/lang/fr").await;
    let french = admin.get("/admin/audit").await;
    let actions = column(&french, 3);
    assert!(
        actions.iter().any(|a| a == "A publié un événement"),
        "{actions:?}"
    );
    assert!(column(&french, 4).contains(&format!("Événement n° {id}")));
}

#[tokio::test]
async fn registrations_are_counted_with_plurals_and_exported_in_words() {
    let app = spawn_app().await;
    publish(&app, "small-room", Some(1), true).await;
    for (name, email) in [("Ana", "ana@example.org"), ("Bo", "bo@example.org")] {
        register(&app, "en", "small-room", name, email, &[]).await;
        confirm(&app, email).await;
    }
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    let id = app
        .rows("SELECT id FROM events WHERE slug = 'small-room'")
        .await[0]["id"]
        .as_i64()
        .unwrap();
    let path = format!("/admin/events/{id}");
    let counts = |page: &Page| {
        page.texts("[role=status]")
            .into_iter()
            .find(|t| t.contains("confirm"))
            .unwrap()
    };
    assert_eq!(
        counts(&staff.get(&path).await),
        "1 confirmed, 1 on the waitlist, 0 awaiting confirmation, 0 people checked in."
    );
    let registration = app
        .rows("SELECT id FROM registrations WHERE status = 'confirmed'")
        .await[0]["id"]
        .as_i64()
        .unwrap();
    staff
        .submit(
            &path,
            &format!("{path}/registrations/{registration}/check-in"),
            &[],
        )
        .await;
    assert_eq!(
        counts(&staff.get(&path).await),
        "1 confirmed, 1 on the waitlist, 0 awaiting confirmation, 1 person checked in."
    );

    staff.get("/admin/lang/fr").await;
    let page = staff.get(&path).await;
    assert_eq!(
        counts(&page),
        "1 confirmée, 1 sur la liste d’attente, 0 en attente de confirmation, 1 personne présente."
    );
    // The export: the status in the organizer's words, and its code for scripts.
    let csv = staff.get(&format!("{path}/registrations.csv")).await;
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let status = headers.iter().position(|h| h == "status").unwrap();
    let code = headers.iter().position(|h| h == "status_code").unwrap();
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[status].to_owned(), r[code].to_owned())
        })
        .collect();
    assert!(
        rows.contains(&("Confirmée".to_owned(), "confirmed".to_owned())),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|(words, code)| code == "waitlisted" && words.contains("liste d’attente")),
        "{rows:?}"
    );
    app.deliver_mail().await;
    for email in ["ana@example.org", "bo@example.org"] {
        assert!(!app.sink.mails_to(email).is_empty());
    }
}
