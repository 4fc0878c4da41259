//! Events end to end: the list and the page, registration with an emailed confirmation and
//! a calendar file, the waitlist and promotion on cancellation, and a rush of confirmations
//! over real HTTP that must never oversell.

use chrono::{Duration, Utc};
use domain::{
    EmailAddress, FullName, Language, Localized,
    events::{self, Capacity, EventFields, EventSlug, Format, RegistrationRequest, RequestOutcome},
};
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

pub(crate) async fn publish(
    app: &TestApp,
    slug: &str,
    capacity: Option<u32>,
    waitlist: bool,
) -> domain::entities::event::Model {
    let canada = domain::chapter::by_slug(app.db.reader(), "canada")
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let fields = EventFields {
        chapter_id: canada.id,
        slug: EventSlug::parse(slug).unwrap(),
        title: Localized::new()
            .with(Language::En, "Cultural evening")
            .with(Language::Fr, "Soirée culturelle")
            .with(Language::Es, "Velada cultural"),
        description: Localized::new()
            .with(
                Language::En,
                "Music and **poetry**. <script>alert(1)</script>",
            )
            .with(Language::Fr, "Musique et **poésie**.")
            .with(Language::Es, "Música y **poesía**."),
        format: Format::Hybrid,
        venue: Some("Maison de la culture".into()),
        address: Some("100 Rue Principale, Gatineau".into()),
        online_link: Some("https://meet.example.org/evening".into()),
        starts_at: now + Duration::days(10),
        ends_at: now + Duration::days(10) + Duration::hours(3),
        time_zone: "America/Toronto".into(),
        capacity: capacity.map(|c| Capacity::new(c).unwrap()),
        waitlist_enabled: waitlist,
        registration_opens_at: None,
        registration_closes_at: None,
    };
    let txn = app.db.begin_write().await.unwrap();
    let created = events::create_event(&txn, fields, now).await.unwrap();
    let event = events::publish(&txn, created.id, now).await.unwrap();
    txn.commit().await.unwrap();
    event
}

pub(crate) async fn register(
    app: &TestApp,
    lang: &str,
    slug: &str,
    name: &str,
    email: &str,
    extra: &[(&str, &str)],
) -> String {
    let page = app.get(&format!("/{lang}/events/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let mut fields = page.hidden_fields();
    fields.push(("full_name".into(), name.into()));
    fields.push(("email".into(), email.into()));
    fields.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(&format!("/{lang}/events/{slug}/register"), &pairs)
        .await
        .location()
}

/// No address in an HTML email is bare text: each sits in an `<a>` whose name is words, except
/// the copy of the button's address printed under it for mail programs that hide buttons.
pub(crate) fn every_address_is_a_named_link(html: &str) {
    let page = scraper::Html::parse_document(html);
    let paragraphs = scraper::Selector::parse("p").unwrap();
    for p in page.select(&paragraphs) {
        let outside_links: String = p
            .children()
            .filter_map(|node| node.value().as_text().map(|t| t.to_string()))
            .collect();
        assert!(
            !outside_links.contains("://"),
            "a bare address in {}",
            p.html()
        );
    }
}

pub(crate) async fn confirm(app: &TestApp, email: &str) -> String {
    app.deliver_mail().await;
    // The latest mail with a registration link (one pass delivers in no set order).
    let link = app
        .sink
        .mails_to(email)
        .into_iter()
        .rev()
        .find(|m| m.text.contains("/registrations/"))
        .unwrap()
        .link("/registrations/");
    let answer = app.press_button(&link).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    link
}

#[tokio::test]
async fn a_hundred_seat_evening_in_french_register_confirm_waitlist_and_promotion() {
    let app = spawn_app().await;
    let event = publish(&app, "soiree-culturelle", Some(2), true).await;

    let list = app.get("/fr/events").await;
    assert_eq!(list.texts(".card h2"), ["Soirée culturelle"]);
    assert!(
        list.text(".card").contains("2 places restantes"),
        "{}",
        list.text(".card")
    );
    let page = app.get("/fr/events/soiree-culturelle").await;
    assert_eq!(page.text("h1"), "Soirée culturelle");
    assert!(
        page.body.contains("<strong>poésie</strong>"),
        "Markdown rendered"
    );
    // The dates in words, the zone by its French name, never the IANA id.
    let when = mailer::dates::event_span(domain::Language::Fr, &event);
    assert!(
        when.contains(" h ") && when.contains("(heure de l’Est)"),
        "{when}"
    );
    assert!(page.text("main").contains(&when), "{}", page.text("main"));
    assert!(!page.text("main").contains("America/Toronto"));
    assert!(
        !page.body.contains("meet.example.org"),
        "the online link is for confirmed registrants only"
    );
    // The calendar feed and the public API list it, without the online link.
    let feed = app.get("/fr/events.ics").await;
    assert!(
        feed.body
            .contains(&format!("UID:event-{}@127.0.0.1", event.id))
            && feed.body.contains("Soirée culturelle")
    );
    let api: serde_json::Value =
        serde_json::from_str(&app.get("/api/v1/events").await.body).unwrap();
    assert_eq!(api[0]["slug"], "soiree-culturelle");
    assert_eq!(api[0]["title"]["fr"], "Soirée culturelle");
    assert_eq!(api[0]["seats_left"], 2);
    assert!(
        !api.to_string().contains("meet.example.org"),
        "public fields only"
    );
    // The English description's raw HTML is shown as text, never run.
    let english = app.get("/en/events/soiree-culturelle").await;
    assert!(
        !english.body.contains("<script>alert(1)</script>")
            && english.body.contains("&lt;script&gt;")
    );

    let answer = register(
        &app,
        "fr",
        "soiree-culturelle",
        "Aïcha Traoré",
        "aicha@example.org",
        &[
            ("sign_language", "lsq"),
            ("captions", "yes"),
            ("accessibility_needs", "Une place près de la scène"),
        ],
    )
    .await;
    assert_eq!(answer, "/fr/events/soiree-culturelle/registered");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members").await,
        0,
        "registering does not make a member"
    );
    let stored = app
        .rows("SELECT status, accommodations FROM registrations")
        .await;
    assert_eq!(stored[0]["status"], "pending");
    assert!(
        stored[0]["accommodations"]
            .as_str()
            .unwrap()
            .contains("lsq")
    );

    app.deliver_mail().await;
    let request = app.sink.only_mail_to("aicha@example.org");
    assert_eq!(
        request.subject,
        "Confirmez votre inscription : Soirée culturelle"
    );
    let link = request.link("/fr/registrations/");
    let pending = app.get(&link).await;
    assert!(
        pending.text("#status").contains("confirmation"),
        "{}",
        pending.text("#status")
    );
    assert_eq!(
        app.count("SELECT seats_taken FROM events").await,
        0,
        "no seat before confirming"
    );
    app.press_button(&link).await;
    let confirmed = app.get(&link).await;
    assert_eq!(
        confirmed.attr("a.button[href^='https://meet']", "href"),
        "https://meet.example.org/evening"
    );
    app.deliver_mail().await;
    let seat = app.sink.mails_to("aicha@example.org").pop().unwrap();
    assert_eq!(seat.subject, "Inscription confirmée : Soirée culturelle");
    assert!(seat.text.contains("https://meet.example.org/evening"));
    every_address_is_a_named_link(&seat.html);
    let html = scraper::Html::parse_document(&seat.html);
    let online = scraper::Selector::parse("a[href='https://meet.example.org/evening']").unwrap();
    assert_eq!(
        html.select(&online)
            .next()
            .map(|a| a.text().collect::<String>()),
        Some("Participer en ligne".to_owned()),
        "{}",
        seat.html
    );
    assert_eq!(seat.attachments.len(), 1);
    let (name, ics) = &seat.attachments[0];
    assert_eq!(name, "soiree-culturelle.ics");
    assert!(
        ics.contains("BEGIN:VCALENDAR")
            && ics.contains(&format!("UID:event-{}@127.0.0.1", event.id)),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;TZID=America/Toronto:"), "{ics}");
    assert!(ics.contains("SUMMARY:Soirée culturelle"));
    let download = app
        .client
        .get(format!("{link}/event.ics"))
        .send()
        .await
        .unwrap();
    assert!(
        download.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );

    // A second seat, then the waitlist.
    register(
        &app,
        "en",
        "soiree-culturelle",
        "Second Person",
        "second@example.org",
        &[],
    )
    .await;
    confirm(&app, "second@example.org").await;
    register(
        &app,
        "es",
        "soiree-culturelle",
        "Tercera Persona",
        "tercera@example.org",
        &[],
    )
    .await;
    let third_link = confirm(&app, "tercera@example.org").await;
    app.deliver_mail().await;
    let waitlisted = app.sink.mails_to("tercera@example.org").pop().unwrap();
    assert_eq!(waitlisted.subject, "En la lista de espera: Velada cultural");
    every_address_is_a_named_link(&waitlisted.html);
    assert!(
        waitlisted.html.contains("<a href=\"http"),
        "{}",
        waitlisted.html
    );
    assert!(app.get(&third_link).await.text("#status").contains('1'));
    assert!(
        app.get("/en/events/soiree-culturelle")
            .await
            .text("[role=status]")
            .contains("waitlist")
    );
    // Registering again changes nothing and answers the same.
    assert_eq!(
        register(
            &app,
            "en",
            "soiree-culturelle",
            "Second Person",
            "SECOND@example.org",
            &[]
        )
        .await,
        "/en/events/soiree-culturelle/registered"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 3);

    // The first cancels: the waitlisted person is promoted at once and told, with the file.
    let cancel_page = app.get(&link).await;
    let csrf = cancel_page.attr("input[name=csrf_token]", "value");
    let cancelled = app
        .post_form(&format!("{link}/cancel"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("SELECT seats_taken FROM events").await, 2);
    let statuses = app
        .rows("SELECT email, status, waitlist_position FROM registrations ORDER BY id")
        .await;
    assert_eq!(statuses[0]["status"], "cancelled");
    assert_eq!(statuses[2]["status"], "confirmed");
    assert!(statuses[2]["waitlist_position"].is_null());
    app.deliver_mail().await;
    let promoted = app.sink.mails_to("tercera@example.org").pop().unwrap();
    assert_eq!(promoted.subject, "Tiene un lugar: Velada cultural");
    assert_eq!(promoted.attachments.len(), 1);
    assert_eq!(
        app.sink
            .mails_to("aicha@example.org")
            .pop()
            .unwrap()
            .subject,
        "Inscription annulée : Soirée culturelle"
    );
    // Registering again told the second person of their seat again; nothing else came.
    for mail in app.sink.mails_to("second@example.org") {
        assert!(
            [
                "Confirm your registration: Cultural evening",
                "Registration confirmed: Cultural evening",
            ]
            .contains(&mail.subject.as_str()),
            "{}",
            mail.subject
        );
    }
}

#[tokio::test]
async fn two_hundred_confirmations_racing_for_fifty_seats_never_oversell() {
    let app = spawn_app().await;
    let event = publish(&app, "digital-summit", Some(50), true).await;
    // 200 pending registrations, each with its emailed link.
    let mut tokens = Vec::new();
    for i in 0..200 {
        let txn = app.db.begin_write().await.unwrap();
        let request = RegistrationRequest {
            email: EmailAddress::parse(&format!("rush{i}@example.org")).unwrap(),
            full_name: FullName::parse("Rush Person").unwrap(),
            language: Language::En,
            member_id: None,
            accommodations: None,
        };
        let RequestOutcome::Pending { token, .. } =
            events::request_registration(&txn, &event, request, Utc::now())
                .await
                .unwrap()
        else {
            panic!("pending expected")
        };
        txn.commit().await.unwrap();
        tokens.push(token.as_str().to_owned());
    }
    // One browser session's CSRF token for every button.
    let page = app.get(&format!("/en/registrations/{}", tokens[0])).await;
    let csrf = page.attr("input[name=csrf_token]", "value");
    let presses = tokens.iter().map(|token| {
        let client = app.client.clone();
        let url = app.url(&format!("/en/registrations/{token}/confirm"));
        let origin = app.base.clone();
        let csrf = csrf.clone();
        tokio::spawn(async move {
            client
                .post(url)
                .header("Origin", origin)
                .form(&[("csrf_token", csrf)])
                .send()
                .await
                .unwrap()
                .status()
        })
    });
    let statuses = futures::future::join_all(presses).await;
    assert!(
        statuses
            .iter()
            .all(|s| *s.as_ref().unwrap() == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );

    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE status = 'confirmed'")
            .await,
        50
    );
    assert_eq!(app.count("SELECT seats_taken FROM events").await, 50);
    let positions: Vec<i64> = app
        .rows("SELECT waitlist_position FROM registrations WHERE status = 'waitlisted' ORDER BY waitlist_position")
        .await
        .iter()
        .map(|r| r["waitlist_position"].as_i64().unwrap())
        .collect();
    assert_eq!(
        positions,
        (1..=150).collect::<Vec<i64>>(),
        "a gapless waitlist"
    );
    let pass = app.deliver_mail().await;
    assert_eq!(pass.sent, 200);
    let received = app.sink.received();
    let confirmed = received
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.data).contains("Registration confirmed"))
        .count();
    assert_eq!(confirmed, 50);
    assert_eq!(received.len(), 200);
}

#[tokio::test]
async fn a_member_sees_their_registrations_and_erasure_hands_their_seat_on() {
    let app = spawn_app().await;
    publish(&app, "one-seat", Some(1), true).await;
    // A member (by join and confirm), registered with the same address, holding the only seat.
    app.join(
        "en",
        &[
            ("full_name", "Seat Holder"),
            ("email", "holder@example.org"),
            ("chapter", "canada"),
            ("language", "en"),
        ],
    )
    .await;
    app.deliver_mail().await;
    let join_link = app
        .sink
        .mails_to("holder@example.org")
        .pop()
        .unwrap()
        .link("/confirm/");
    app.press_button(&join_link).await;
    // The welcome first: one pass delivers its messages in no set order.
    app.deliver_mail().await;
    register(
        &app,
        "en",
        "one-seat",
        "Seat Holder",
        "holder@example.org",
        &[("mobility", "yes")],
    )
    .await;
    confirm(&app, "holder@example.org").await;
    register(
        &app,
        "en",
        "one-seat",
        "Next In Line",
        "next@example.org",
        &[],
    )
    .await;
    confirm(&app, "next@example.org").await;
    app.deliver_mail().await;

    // Signed in, the account lists the registration and the download has it.
    let form = app.get("/en/sign-in").await;
    let mut fields = form.hidden_fields();
    fields.push(("email".into(), "holder@example.org".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form("/en/sign-in", &pairs).await;
    app.deliver_mail().await;
    let sign_in = app
        .sink
        .mails_to("holder@example.org")
        .pop()
        .unwrap()
        .link("/en/sign-in/");
    app.press_button(&sign_in).await;
    let account = app.get("/en/account").await;
    assert!(
        account
            .text(".my-registrations")
            .contains("Cultural evening")
    );
    assert!(account.text(".my-registrations").contains("Confirmed"));
    let data: serde_json::Value =
        serde_json::from_str(&app.get("/en/account/data").await.body).unwrap();
    assert_eq!(data["registrations"][0]["event"], "one-seat");
    assert_eq!(data["registrations"][0]["status"], "confirmed");

    // Leaving gives the seat to the next in line, and the registration forgets the person.
    let csrf = app
        .get("/en/account/delete")
        .await
        .attr("input[name=csrf_token]", "value");
    let deleted = app
        .post_form(
            "/en/account/delete",
            &[("csrf_token", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_eq!(deleted.location(), "/en/account/deleted");
    let rows = app
        .rows("SELECT email, full_name, status, accommodations FROM registrations ORDER BY id")
        .await;
    assert_eq!(rows[0]["status"], "cancelled");
    assert!(
        rows[0]["email"]
            .as_str()
            .unwrap()
            .ends_with("@erased.invalid")
    );
    assert_eq!(rows[0]["full_name"], "");
    assert!(rows[0]["accommodations"].is_null());
    assert_eq!(rows[1]["status"], "confirmed");
    assert_eq!(app.count("SELECT seats_taken FROM events").await, 1);
    app.deliver_mail().await;
    assert_eq!(
        app.sink.mails_to("next@example.org").pop().unwrap().subject,
        "A seat is yours: Cultural evening"
    );
    let everything = app.rows("SELECT * FROM registrations").await;
    assert!(
        !serde_json::to_string(&everything)
            .unwrap()
            .contains("holder@example.org")
    );
    assert_eq!(
        app.sink
            .mails_to("holder@example.org")
            .pop()
            .unwrap()
            .subject,
        "Your account is deleted"
    );
}

/// Moves an event in time, as if organized that way.
async fn move_event(
    app: &TestApp,
    id: i64,
    starts: chrono::DateTime<Utc>,
    ends: chrono::DateTime<Utc>,
) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
    let event = domain::entities::event::Entity::find_by_id(id)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let mut active = event.into_active_model();
    active.starts_at = Set(starts);
    active.ends_at = Set(ends);
    active.update(app.db.writer()).await.unwrap();
}

#[tokio::test]
async fn the_reminder_goes_once_a_day_before_and_accommodations_are_erased_after() {
    let app = spawn_app().await;
    let event = publish(&app, "tomorrow", Some(10), true).await;
    for (name, email) in [
        ("First Guest", "first@example.org"),
        ("Second Guest", "second@example.org"),
    ] {
        register(&app, "fr", "tomorrow", name, email, &[("captions", "yes")]).await;
        confirm(&app, email).await;
    }
    register(
        &app,
        "en",
        "tomorrow",
        "Still Pending",
        "pending@example.org",
        &[],
    )
    .await;
    app.deliver_mail().await;
    let before = app.sink.received().len();

    // Ten days out: nothing yet. Then the day before, from two schedulers at once: once.
    assert_eq!(app.jobs.run_once(Utc::now()).await.unwrap().reminders, 0);
    let starts = Utc::now() + Duration::hours(20);
    move_event(&app, event.id, starts, starts + Duration::hours(3)).await;
    let other = app.jobs.clone();
    let (a, b) = tokio::join!(app.jobs.run_once(Utc::now()), other.run_once(Utc::now()));
    assert_eq!(
        a.unwrap().reminders + b.unwrap().reminders,
        2,
        "two confirmed registrants, once each"
    );
    assert_eq!(app.jobs.run_once(Utc::now()).await.unwrap().reminders, 0);
    app.deliver_mail().await;
    let reminders: Vec<_> = app.sink.received()[before..]
        .iter()
        .map(|r| crate::helpers::Mail::parse(&r.data))
        .collect();
    assert_eq!(reminders.len(), 2);
    assert!(
        reminders
            .iter()
            .all(|m| m.subject == "Demain : Soirée culturelle"),
        "{:?}",
        reminders.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert!(
        reminders[0]
            .text
            .contains("https://meet.example.org/evening")
    );

    // Thirty-one days after it ended, the accommodation requests are erased, and that is audited.
    let long_ago = Utc::now() - Duration::days(32);
    move_event(&app, event.id, long_ago, long_ago + Duration::hours(3)).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE accommodations IS NOT NULL")
            .await,
        2
    );
    assert_eq!(
        app.jobs.run_once(Utc::now()).await.unwrap().purged_events,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE accommodations IS NOT NULL")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'accommodations-erased'")
            .await,
        1
    );
    assert_eq!(
        app.jobs.run_once(Utc::now()).await.unwrap().purged_events,
        0,
        "once"
    );
}

#[tokio::test]
async fn a_signed_in_member_registers_in_one_click() {
    let app = spawn_app().await;
    let event = publish(&app, "members-evening", Some(5), true).await;
    app.join(
        "es",
        &[
            ("full_name", "Lucía Pérez"),
            ("email", "lucia@example.org"),
            ("chapter", "canada"),
            ("language", "es"),
        ],
    )
    .await;
    app.deliver_mail().await;
    let join_link = app
        .sink
        .mails_to("lucia@example.org")
        .pop()
        .unwrap()
        .link("/confirm/");
    app.press_button(&join_link).await;
    // The welcome goes first, so the sign-in link is the last mail (one pass delivers its
    // messages concurrently, in no set order).
    app.deliver_mail().await;
    let form = app.get("/es/sign-in").await;
    let mut fields = form.hidden_fields();
    fields.push(("email".into(), "lucia@example.org".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form("/es/sign-in", &pairs).await;
    app.deliver_mail().await;
    let link = app
        .sink
        .mails_to("lucia@example.org")
        .pop()
        .unwrap()
        .link("/es/sign-in/");
    app.press_button(&link).await;

    let page = app.get("/es/events/members-evening").await;
    assert!(
        page.text("#register ~ p, section p")
            .contains("Lucía Pérez")
            || page.body.contains("Inscribirse como Lucía Pérez"),
        "{}",
        page.body
    );
    assert!(!page.has("#field-email"), "no address to type");
    let csrf = page.attr(
        "form[action$='/register-member'] input[name=csrf_token]",
        "value",
    );
    let done = app
        .post_form(
            "/es/events/members-evening/register-member",
            &[("csrf_token", &csrf), ("captions", "yes")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(done.location().starts_with("/es/registrations/"));
    let registration = &app
        .rows("SELECT status, member_id, email FROM registrations")
        .await[0];
    assert_eq!(
        registration["status"], "confirmed",
        "a member's address is known: the seat is taken at once"
    );
    assert!(!registration["member_id"].is_null());
    app.deliver_mail().await;
    let seat = app.sink.mails_to("lucia@example.org").pop().unwrap();
    assert_eq!(seat.subject, "Inscripción confirmada: Velada cultural");
    assert_eq!(seat.attachments.len(), 1);
    // The date in Spanish words, in the event's zone.
    let when = mailer::dates::event_span(domain::Language::Es, &event);
    assert!(
        [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo"
        ]
        .iter()
        .any(|day| when.contains(&format!("{day}, "))),
        "{when}"
    );
    assert!(seat.text.contains(&when), "{}", seat.text);
    // Not signed in, the one-click route sends to sign-in.
    let stranger = crate::helpers::client();
    let anonymous = stranger
        .post(app.url("/es/events/members-evening/register-member"))
        .header("Origin", &app.base)
        .form(&[("csrf_token", "x")])
        .send()
        .await
        .unwrap();
    assert!(anonymous.status().is_client_error() || anonymous.status() == StatusCode::SEE_OTHER);
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 1);
}
