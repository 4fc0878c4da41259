//! The dashboard's charts, read through their tables: sign-ups per week by chapter, members
//! over time, the fill of upcoming events and newsletter sends, for the organizer's chapters
//! only; an admin sees every chapter.

use chrono::{Duration, Utc};
use domain::{
    Language, Localized,
    events::{self, Capacity, EventFields, EventSlug, Format},
    newsletters::{self, Audience, Draft},
    organizers::Role,
};
use reqwest::StatusCode;

use crate::{
    events::{confirm, publish, register},
    helpers::{Page, TestApp, spawn_app},
    newsletters::{join, press},
    staff::{Browser, PASSWORD, organizer},
};

/// The rows of the table under `section`'s heading, each cell's text.
fn table(page: &Page, section: &str) -> Vec<Vec<String>> {
    let html = page.html();
    let rows =
        scraper::Selector::parse(&format!("section[aria-labelledby={section}] tbody tr")).unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    html.select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect()
        })
        .collect()
}

fn header(page: &Page, section: &str) -> Vec<String> {
    page.texts(&format!("section[aria-labelledby={section}] thead th"))
}

/// A published event of the Mexican chapter with a seat taken, made through the domain.
async fn mexican_event(app: &TestApp) {
    let mexico = domain::chapter::by_slug(app.db.reader(), "mexico")
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let event = events::create_event(
        app.db.writer(),
        EventFields {
            chapter_id: mexico.id,
            slug: EventSlug::parse("noche-cultural").unwrap(),
            title: Localized::uniform("Noche cultural", &Language::ALL),
            description: Localized::uniform("Música.", &Language::ALL),
            format: Format::InPerson,
            venue: None,
            address: None,
            online_link: None,
            starts_at: now + Duration::days(5),
            ends_at: now + Duration::days(5) + Duration::hours(2),
            time_zone: "America/Mexico_City".into(),
            capacity: Some(Capacity::new(40).unwrap()),
            waitlist_enabled: false,
            registration_opens_at: None,
            registration_closes_at: None,
        },
        now,
    )
    .await
    .unwrap();
    events::publish(app.db.writer(), event.id, now)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_organizers_dashboard_charts_their_chapter_only() {
    let app = spawn_app().await;
    // Canada: two members who take the newsletter, one who does not, one still pending.
    join(&app, "ana@example.org", "en", "canada", &[], true).await;
    join(&app, "bo@example.org", "fr", "canada", &[], true).await;
    join(&app, "cy@example.org", "en", "canada", &[], false).await;
    app.join(
        "en",
        &[
            ("full_name", "Pending Person"),
            ("email", "pending@example.org"),
            ("chapter", "canada"),
            ("language", "en"),
        ],
    )
    .await;
    // Mexico: a member, an event and a newsletter the Canadian organizer must not see.
    join(&app, "mx@example.org", "es", "mexico", &[], true).await;
    mexican_event(&app).await;
    let mexico = domain::chapter::by_slug(app.db.reader(), "mexico")
        .await
        .unwrap()
        .unwrap();
    let mexican = newsletters::create(
        app.db.writer(),
        &Draft {
            subject: Localized::uniform("Noticias de México", &Language::REQUIRED),
            body: Localized::uniform("Hola.", &Language::REQUIRED),
            audience: Audience {
                chapters: vec![mexico.id],
                ..Default::default()
            },
        },
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(
        newsletters::start(app.db.writer(), mexican.id, Utc::now())
            .await
            .unwrap()
    );

    // A Canadian event of two seats: two confirmed, one on the waitlist.
    publish(&app, "cultural-evening", Some(2), true).await;
    for (name, email) in [
        ("Ana", "ana@example.org"),
        ("Bo", "bo@example.org"),
        ("Cy", "cy@example.org"),
    ] {
        register(&app, "en", "cultural-evening", name, email, &[]).await;
        confirm(&app, email).await;
    }

    // A Canadian newsletter; one reader unsubscribes from it with one click.
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    let saved = staff
        .submit(
            "/admin/newsletters/new",
            "/admin/newsletters/new",
            &[
                ("subject_en", "Chapter news"),
                ("body_en", "News."),
                ("subject_fr", "Nouvelles de la section"),
                ("body_fr", "Nouvelles."),
                ("chapters", "canada"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let letter = saved.location().split('?').next().unwrap().to_owned();
    press(&staff, &letter, "send").await;
    app.jobs.run_once(Utc::now()).await.unwrap();
    app.deliver_mail().await;
    let copy = app
        .sink
        .mails_to("ana@example.org")
        .into_iter()
        .find(|m| m.subject == "Chapter news")
        .unwrap();
    let one_click = reqwest::Client::new()
        .post(copy.link("/en/unsubscribe/"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(one_click.status(), StatusCode::OK);
    app.jobs.run_once(Utc::now()).await.unwrap();
    app.deliver_mail().await;

    let page = staff.get("/admin").await;
    assert_eq!(page.status, StatusCode::OK);
    // Four charts, each an image named by its title and described.
    let charts = page.attrs("svg.chart[role=img]", "aria-labelledby");
    assert_eq!(charts.len(), 4, "{charts:?}");
    for ids in &charts {
        for id in ids.split(' ') {
            assert!(
                page.has(&format!("svg.chart #{id}")),
                "{id} names the chart"
            );
        }
    }
    assert!(
        page.text("#signups-chart-desc")
            .starts_with("4 sign-ups in the last 26 weeks"),
        "{}",
        page.text("#signups-chart-desc")
    );

    // Sign-ups per week: Canada only; this week, the four who joined.
    assert_eq!(
        header(&page, "signups"),
        ["Week starting", "Canada", "Total"]
    );
    let signups = table(&page, "signups");
    assert_eq!(signups.len(), 26);
    assert_eq!(signups.last().unwrap()[1..], ["4", "4"]);
    assert!(signups[..25].iter().all(|row| row[1..] == ["0", "0"]));
    // Members over time: the three active Canadians now, none half a year ago.
    let members = table(&page, "members-over-time");
    assert_eq!(members.last().unwrap()[1], "3");
    assert_eq!(members[0][1], "0");
    // Upcoming events: the Canadian one, its seats and waitlist.
    let events = table(&page, "event-fill");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0][0], "Cultural evening");
    assert_eq!(events[0][2..], ["2", "1", "2"]);
    assert!(
        page.body.contains("Confirmed: 2 of 2 · Waitlisted: 1"),
        "the chart's note"
    );
    // Newsletter sends: the Canadian one, two copies sent, one unsubscribe after.
    let sends = table(&page, "newsletter-sends");
    assert_eq!(sends.len(), 1, "{sends:?}");
    assert_eq!(sends[0][0], "Chapter news");
    assert_eq!(sends[0][2..], ["2", "0", "1"]);

    // In French, the same figures in French words.
    let french = staff.get("/admin/lang/fr").await;
    assert_eq!(french.status, StatusCode::SEE_OTHER);
    let page = staff.get("/admin").await;
    assert_eq!(header(&page, "signups"), ["Semaine du", "Canada", "Total"]);
    assert!(table(&page, "signups").last().unwrap()[0].contains("2"));
    assert!(
        page.body
            .contains("Confirmées : 2 sur 2 · En liste d’attente : 1")
    );

    // An admin sees every chapter: Mexico's sign-up, event and newsletter too.
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    let page = admin.get("/admin").await;
    assert_eq!(
        header(&page, "signups"),
        ["Week starting", "Canada", "Mexico", "Total"]
    );
    assert_eq!(
        table(&page, "signups").last().unwrap()[1..],
        ["4", "1", "5"]
    );
    assert_eq!(table(&page, "event-fill").len(), 2);
    assert_eq!(table(&page, "newsletter-sends").len(), 2);
    assert_eq!(table(&page, "members-over-time").last().unwrap()[1], "4");

    // The mail behind these figures: each newsletter reached its own chapter only.
    app.deliver_mail().await;
    let newsletter_copies = |address: &str| {
        app.sink
            .mails_to(address)
            .iter()
            .filter(|m| {
                [
                    "Chapter news",
                    "Nouvelles de la section",
                    "Noticias de México",
                ]
                .contains(&m.subject.as_str())
            })
            .count()
    };
    assert_eq!(newsletter_copies("mx@example.org"), 1);
    assert_eq!(newsletter_copies("bo@example.org"), 1);
    for address in [
        "cy@example.org",
        "pending@example.org",
        "canada@reseau.test",
        "admin@reseau.test",
    ] {
        assert_eq!(newsletter_copies(address), 0, "{address}");
    }
}
