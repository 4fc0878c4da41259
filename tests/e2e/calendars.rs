//! Calendar files that follow the event, read from the real emails: a seat's file, the same
//! entry again after a move (higher SEQUENCE, new DTSTART), and METHOD:CANCEL when the event or
//! the seat is cancelled, each attachment's Content-Type `method=` matching the file's METHOD.
//! Only a seat has a file. Also: signing out answers with a redirect, and the back office's
//! error pages speak the organizer's language.

use chrono::Duration;
use domain::organizers::Role;
use reqwest::StatusCode;

use crate::{
    events::{confirm, publish, register},
    helpers::{Mail, TestApp, spawn_app},
    staff::{Browser, PASSWORD, organizer},
};

/// What a test reads in an attached calendar file, parsed with the `icalendar` crate.
#[derive(Debug)]
struct Ics {
    method: String,
    uid: String,
    sequence: i64,
    dtstart: String,
    status: String,
}

/// The one calendar file of `mail`, its METHOD checked against the attachment's Content-Type.
fn calendar_of(mail: &Mail) -> Ics {
    assert_eq!(mail.attachments.len(), 1, "{}: one file", mail.subject);
    let (name, text) = &mail.attachments[0];
    assert!(name.ends_with(".ics"), "{name}");
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let prop = |props: &[icalendar::parser::Property], key: &str| {
        props
            .iter()
            .find(|p| p.name.as_str() == key)
            .map(|p| p.val.as_str().to_owned())
            .unwrap_or_else(|| panic!("no {key} in {text}"))
    };
    let event = calendar
        .components
        .iter()
        .find(|c| c.name.as_str() == "VEVENT")
        .expect("a VEVENT");
    let ics = Ics {
        method: prop(&calendar.properties, "METHOD"),
        uid: prop(&event.properties, "UID"),
        sequence: prop(&event.properties, "SEQUENCE").parse().unwrap(),
        dtstart: prop(&event.properties, "DTSTART"),
        status: prop(&event.properties, "STATUS"),
    };
    let content_type = mail.attachment_types[0].to_ascii_lowercase();
    assert!(
        content_type.starts_with("text/calendar")
            && content_type.contains(&format!("method={}", ics.method.to_ascii_lowercase())),
        "the Content-Type {content_type} says the file's METHOD {}",
        ics.method
    );
    ics
}

/// The one mail to `to` whose subject starts with `subject`.
fn mail_starting(mails: &[Mail], subject: &str) -> Mail {
    let found: Vec<&Mail> = mails
        .iter()
        .filter(|m| m.subject.starts_with(subject))
        .collect();
    assert_eq!(found.len(), 1, "one {subject:?} in {mails:#?}");
    found[0].clone()
}

/// The mails to `to` after the first `seen`, counted on.
fn since(app: &TestApp, to: &str, seen: &mut usize) -> Vec<Mail> {
    let all = app.sink.mails_to(to);
    let new = all[*seen..].to_vec();
    *seen = all.len();
    new
}

/// Sets the event's last change back a day, so the next change's SEQUENCE is surely higher.
async fn backdate(app: &TestApp, id: i64) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
    let event = domain::entities::event::Entity::find_by_id(id)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let earlier = event.updated_at - Duration::days(1);
    let mut active = event.into_active_model();
    active.updated_at = Set(earlier);
    active.update(app.db.writer()).await.unwrap();
}

#[tokio::test]
async fn a_seat_file_follows_the_event_when_it_moves_and_is_cancelled() {
    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let local = Browser::new(&app);
    local.sign_in("canada@reseau.test", PASSWORD).await;
    let fields = vec![
        ("chapter", "canada"),
        ("slug", "cultural-evening"),
        ("title_en", "Cultural evening"),
        ("title_fr", "Soirée culturelle"),
        ("description_en", "Music."),
        ("description_fr", "Musique."),
        ("format", "in-person"),
        ("venue", "Hall"),
        ("address", "1 Main St"),
        ("online_link", ""),
        ("time_zone", "America/Toronto"),
        ("starts", "2030-06-01T19:00"),
        ("ends", "2030-06-01T22:00"),
        ("capacity", "1"),
        ("waitlist", "yes"),
    ];
    let created = local
        .submit("/admin/events/new", "/admin/events/new", &fields)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id = app.count("SELECT id FROM events").await;
    let path = format!("/admin/events/{id}");
    let published = local.submit(&path, &format!("{path}/publish"), &[]).await;
    assert_eq!(published.location(), format!("{path}?published=1"));
    backdate(&app, id).await;

    register(
        &app,
        "en",
        "cultural-evening",
        "Seat Holder",
        "seat@example.org",
        &[],
    )
    .await;
    let seat_link = confirm(&app, "seat@example.org").await;
    register(
        &app,
        "fr",
        "cultural-evening",
        "En Attente",
        "wait@example.org",
        &[],
    )
    .await;
    let wait_link = confirm(&app, "wait@example.org").await;
    app.deliver_mail().await;

    let (mut seat_seen, mut wait_seen) = (0, 0);
    let seat_mails = since(&app, "seat@example.org", &mut seat_seen);
    let first = calendar_of(&mail_starting(&seat_mails, "Registration confirmed"));
    assert_eq!(first.method, "PUBLISH");
    assert_eq!(first.status, "CONFIRMED");
    assert_eq!(first.uid, format!("event-{id}@127.0.0.1"));
    assert_eq!(first.dtstart, "20300601T190000");
    assert!(
        seat_mails
            .iter()
            .all(|m| m.subject.starts_with("Registration confirmed") || m.attachments.is_empty())
    );

    // The waitlisted have no file: not by email, not on their page, not at its address.
    let wait_mails = since(&app, "wait@example.org", &mut wait_seen);
    assert!(wait_mails.iter().all(|m| m.attachments.is_empty()));
    let waiting = app.get(&wait_link).await;
    assert!(
        waiting.text("#status").contains('1'),
        "{}",
        waiting.text("#status")
    );
    assert!(!waiting.has("a[href$='/event.ics']"), "{}", waiting.body);
    assert_eq!(
        app.get(&format!("{wait_link}/event.ics")).await.status,
        StatusCode::NOT_FOUND
    );
    // The seat's page offers it.
    assert!(app.get(&seat_link).await.has("a[href$='/event.ics']"));
    let download = app.get(&format!("{seat_link}/event.ics")).await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(download.header("content-type").contains("method=PUBLISH"));

    // A move: the seat's notice carries the same entry, newer, at the new time.
    let mut moved = fields.clone();
    moved[11] = ("starts", "2030-06-02T18:30");
    moved[12] = ("ends", "2030-06-02T21:00");
    let edited = local
        .submit(&format!("{path}/edit"), &format!("{path}/edit"), &moved)
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    app.deliver_mail().await;
    let changed = calendar_of(&mail_starting(
        &since(&app, "seat@example.org", &mut seat_seen),
        "Changed:",
    ));
    assert_eq!(changed.method, "PUBLISH");
    assert_eq!(changed.uid, first.uid);
    assert!(
        changed.sequence > first.sequence,
        "{} then {}",
        first.sequence,
        changed.sequence
    );
    assert_eq!(changed.dtstart, "20300602T183000");
    let wait_changed = since(&app, "wait@example.org", &mut wait_seen);
    assert_eq!(wait_changed.len(), 1, "the waitlisted hear of the move");
    assert!(wait_changed[0].attachments.is_empty());

    // Cancelled: the seat's email takes the entry out.
    local.submit(&path, &format!("{path}/cancel"), &[]).await;
    app.deliver_mail().await;
    let called_off = calendar_of(&mail_starting(
        &since(&app, "seat@example.org", &mut seat_seen),
        "Event cancelled",
    ));
    assert_eq!(called_off.method, "CANCEL");
    assert_eq!(called_off.status, "CANCELLED");
    assert_eq!(called_off.uid, first.uid);
    assert!(called_off.sequence >= changed.sequence);
    let wait_told = since(&app, "wait@example.org", &mut wait_seen);
    assert_eq!(wait_told.len(), 1, "the waitlisted hear of it");
    assert!(wait_told[0].attachments.is_empty());
}

#[tokio::test]
async fn a_cancelled_seat_withdraws_its_file_and_the_promoted_get_one() {
    let app = spawn_app().await;
    let event = publish(&app, "evening", Some(1), true).await;
    let uid = format!("event-{}@127.0.0.1", event.id);
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
        "es",
        "evening",
        "Segunda Persona",
        "second@example.org",
        &[],
    )
    .await;
    let second = confirm(&app, "second@example.org").await;
    register(
        &app,
        "en",
        "evening",
        "Third Person",
        "third@example.org",
        &[],
    )
    .await;
    let third = confirm(&app, "third@example.org").await;
    app.deliver_mail().await;
    let (mut first_seen, mut second_seen, mut third_seen) = (0, 0, 0);
    since(&app, "first@example.org", &mut first_seen);
    since(&app, "second@example.org", &mut second_seen);
    since(&app, "third@example.org", &mut third_seen);
    let only = |mails: Vec<Mail>| {
        assert_eq!(mails.len(), 1, "{mails:#?}");
        mails.into_iter().next().unwrap()
    };

    let cancel = |link: String| {
        let app = &app;
        async move {
            let page = app.get(&link).await;
            let csrf = page.attr("input[name=csrf_token]", "value");
            let answer = app
                .post_form(&format!("{link}/cancel"), &[("csrf_token", &csrf)])
                .await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER);
        }
    };

    // A seat cancelled from its page: METHOD:CANCEL; the first in line gets the PUBLISH file.
    cancel(first.clone()).await;
    app.deliver_mail().await;
    let withdrawn = calendar_of(&only(since(&app, "first@example.org", &mut first_seen)));
    assert_eq!(
        (withdrawn.method.as_str(), withdrawn.status.as_str()),
        ("CANCEL", "CANCELLED")
    );
    assert_eq!(withdrawn.uid, uid);
    let promoted = calendar_of(&only(since(&app, "second@example.org", &mut second_seen)));
    assert_eq!(
        (promoted.method.as_str(), promoted.uid.as_str()),
        ("PUBLISH", uid.as_str())
    );
    assert!(app.get(&second).await.has("a[href$='/event.ics']"));
    assert_eq!(
        app.get(&format!("{second}/event.ics")).await.status,
        StatusCode::OK
    );
    // A cancelled registration has no file any more.
    assert!(!app.get(&first).await.has("a[href$='/event.ics']"));
    assert_eq!(
        app.get(&format!("{first}/event.ics")).await.status,
        StatusCode::NOT_FOUND
    );

    // A place in line cancelled: it never had a file, so its email has none.
    cancel(third).await;
    app.deliver_mail().await;
    let left_the_line = only(since(&app, "third@example.org", &mut third_seen));
    assert!(
        left_the_line.attachments.is_empty(),
        "{:?}",
        left_the_line.attachments
    );
}

#[tokio::test]
async fn signing_out_answers_with_a_redirect() {
    let app = spawn_app().await;
    crate::account::member(&app, "viola@example.org", "fr", false).await;
    crate::account::sign_in(&app, "fr", "viola@example.org").await;
    let page = app.get("/fr/account").await;
    let csrf = page.attr("input[name=csrf_token]", "value");
    let out = app
        .post_form("/fr/sign-out", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/fr/signed-out");
    let landing = app.get("/fr/signed-out").await;
    assert_eq!(landing.status, StatusCode::OK);
    assert_eq!(landing.text("h1"), "Déconnexion effectuée");
    assert_eq!(app.get("/fr/account").await.location(), "/fr/sign-in");

    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    let out = staff.submit("/admin", "/admin/sign-out", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/admin/sign-in");
    assert_eq!(staff.get("/admin").await.location(), "/admin/sign-in");
}

#[tokio::test]
async fn back_office_error_pages_speak_the_organizers_language() {
    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    // The browser asks for English (Browser sends Accept-Language: en) until French is chosen.
    let english = staff.get("/admin/events/999999").await;
    assert_eq!(english.status, StatusCode::NOT_FOUND);
    assert_eq!(english.attr("html", "lang"), "en");
    staff.get("/admin/lang/fr?back=/admin").await;
    for missing in ["/admin/events/999999", "/admin/no-such-page"] {
        let page = staff.get(missing).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(page.attr("html", "lang"), "fr", "{missing}");
        assert!(
            page.text("main").contains("Cette page n’existe pas."),
            "{missing}: {}",
            page.text("main")
        );
    }
}
