//! Several instances on one database, as an operator runs Réseau past one machine: two
//! `reseau serve` processes and two `reseau worker` processes, no coordination but the
//! database. Sign-ups, a registration rush and a newsletter go through both servers at once;
//! nothing is lost, no seat is oversold, no email goes twice, and each reminder goes once.
//! (On SQLite too: its single writer makes the same guarantees on one machine.)

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use chrono::Utc;
use domain::{
    EmailAddress, FullName, Language, Localized,
    events::{self, Capacity, EventFields, EventSlug, Format, RegistrationRequest, RequestOutcome},
    newsletters::{self, Audience, Draft},
};
use reqwest::StatusCode;

use crate::helpers::{Page, TestApp, client, spawn_app};

const SECRET: &str = "shared-secret-key-of-every-instance";

/// A child process that is killed when the test ends, whatever happens.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn command(app: &TestApp, subcommand: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reseau"));
    command
        .arg(subcommand)
        .env("RESEAU_DATABASE_URL", &app.database_url)
        .env("RESEAU_SECRET_KEY", SECRET)
        .env("RESEAU_BIND", "127.0.0.1:0")
        .env("RESEAU_BASE_URL", "http://127.0.0.1:0")
        .env("RESEAU_MAIL__TRANSPORT", "smtp")
        .env("RESEAU_MAIL__ALLOW_RESERVED_DOMAINS", "true")
        .env("RESEAU_MAIL__SMTP_URL", &app.smtp_url)
        .env("RESEAU_MAIL__FROM", "Réseau <no-reply@reseau.test>")
        .env("RESEAU_WORKER__ENABLED", "false")
        .env("RESEAU_WORKER__LEASE_SECS", "5")
        .env("RESEAU_WORKER__POLL_INTERVAL_MS", "100")
        .env("RESEAU_FORMS__MIN_FILL_SECONDS", "0")
        .env("RESEAU_LIMITS__IP_BURST", "10000")
        .env("RESEAU_LIMITS__IP_PER_MINUTE", "10000")
        .env("RUST_LOG", "warn")
        .stderr(Stdio::null());
    command
}

/// A `reseau serve` process; returns it with its base URL.
fn server(app: &TestApp) -> (Process, String) {
    let mut child = command(app, "serve")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start reseau serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server says where it serves")
            .expect("a line");
        if let Some(rest) = line.strip_prefix("Réseau is serving on ") {
            break rest.trim_end_matches('/').to_owned();
        }
    };
    // Keep reading, so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (Process(child), base)
}

fn worker(app: &TestApp) -> Process {
    Process(
        command(app, "worker")
            .stdout(Stdio::null())
            .spawn()
            .expect("start reseau worker"),
    )
}

/// Waits until `check` holds, or fails saying `what`.
async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Joins with the form served by `form_from` and posted to `base`, as a load balancer without
/// affinity would route the two requests.
async fn join_at(http: &reqwest::Client, form_from: &str, base: &str, email: &str) -> StatusCode {
    let form = Page::read(
        http.get(format!("{form_from}/en/join"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let mut fields = form.hidden_fields();
    for (name, value) in [
        ("full_name", "Lincoln Alexander"),
        ("email", email),
        ("chapter", "canada"),
        ("language", "en"),
        ("newsletter", "yes"),
    ] {
        fields.push((name.into(), value.into()));
    }
    http.post(format!("{base}/en/join"))
        .header("Origin", base)
        .form(&fields)
        .send()
        .await
        .unwrap()
        .status()
}

async fn press_at(http: &reqwest::Client, base: &str, url: &str) -> StatusCode {
    let page = Page::read(http.get(url).send().await.unwrap()).await;
    let action = page.attr("form[method=post]", "action");
    let csrf = page.attr("input[name=csrf_token]", "value");
    http.post(format!("{base}{action}"))
        .header("Origin", base)
        .form(&[("csrf_token", csrf)])
        .send()
        .await
        .unwrap()
        .status()
}

/// `link` (from an email, pointing at whichever server queued it) on the server at `base`.
fn on(base: &str, link: &str) -> String {
    let path = link.splitn(4, '/').nth(3).unwrap_or_default();
    format!("{base}/{path}")
}

/// The public pages each server keeps (issue 18) change on both when the database does,
/// whoever wrote it: here neither server, but a third client of the database.
#[tokio::test]
async fn every_server_shows_a_change_on_the_pages_it_keeps() {
    let app = spawn_app().await;
    let (_a, a) = server(&app);
    let (_b, b) = server(&app);
    let http = client();
    let page = async |base: &str, path: &str| {
        Page::read(http.get(format!("{base}{path}")).send().await.unwrap()).await
    };
    for base in [&a, &b] {
        for _ in 0..3 {
            let list = page(base, "/en/events").await;
            assert_eq!(list.status, StatusCode::OK);
            assert!(!list.body.contains("/en/events/soiree"));
        }
    }
    crate::events::publish(&app, "soiree", Some(20), false).await;
    for base in [&a, &b] {
        eventually("the new event on the kept list", async || {
            page(base, "/en/events")
                .await
                .body
                .contains("/en/events/soiree")
        })
        .await;
        assert!(
            page(base, "/en/events/soiree")
                .await
                .body
                .contains("20 seats left")
        );
    }
    app.execute("UPDATE events SET seats_taken = 3 WHERE slug = 'soiree'")
        .await;
    for base in [&a, &b] {
        eventually("the seats taken on the kept pages", async || {
            page(base, "/en/events/soiree")
                .await
                .body
                .contains("17 seats left")
                && page(base, "/en/").await.body.contains("17 seats left")
        })
        .await;
    }
}

#[tokio::test]
async fn two_servers_and_two_workers_share_one_database() {
    let app = spawn_app().await;
    let (_a, a) = server(&app);
    let (_b, b) = server(&app);
    let servers = [a.clone(), b.clone()];
    let mut workers = vec![worker(&app), worker(&app)];

    // Sign-ups across both servers at once, half of them with the form from one server posted
    // to the other: every one answered and kept, one email each.
    let emails: Vec<String> = (0..40).map(|i| format!("multi{i}@example.org")).collect();
    let joins = emails.iter().enumerate().map(|(i, email)| {
        let form_from = servers[i % 2].clone();
        let base = servers[(i / 2) % 2].clone();
        let email = email.clone();
        tokio::spawn(async move { join_at(&client(), &form_from, &base, &email).await })
    });
    for status in futures::future::join_all(joins).await {
        assert_eq!(status.unwrap(), StatusCode::SEE_OTHER);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM members").await, 40);
    eventually("the confirmation emails", async || {
        app.sink.received().len() >= 40
    })
    .await;
    // Each confirmed on the other server than the one that sent the link.
    let confirms = emails.iter().enumerate().map(|(i, email)| {
        let link = app.sink.only_mail_to(email).link("/confirm/");
        let base = servers[(i + 1) % 2].clone();
        tokio::spawn(async move { press_at(&client(), &base, &on(&base, &link)).await })
    });
    for status in futures::future::join_all(confirms).await {
        assert_eq!(status.unwrap(), StatusCode::SEE_OTHER);
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members WHERE status = 'active'")
            .await,
        40
    );
    eventually("the welcome emails", async || {
        app.sink.received().len() >= 80
    })
    .await;

    // A rush across both servers: 30 confirmations for 10 seats.
    let canada = domain::chapter::by_slug(app.db.reader(), "canada")
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let fields = EventFields {
        chapter_id: canada.id,
        slug: EventSlug::parse("trilateral-summit").unwrap(),
        title: Localized::new()
            .with(Language::En, "Trilateral summit")
            .with(Language::Fr, "Sommet trilatéral")
            .with(Language::Es, "Cumbre trilateral"),
        description: Localized::new()
            .with(Language::En, "Three countries, one table.")
            .with(Language::Fr, "Trois pays, une table.")
            .with(Language::Es, "Tres países, una mesa."),
        format: Format::InPerson,
        venue: Some("Ottawa".into()),
        address: None,
        online_link: None,
        starts_at: now + chrono::Duration::days(10),
        ends_at: now + chrono::Duration::days(10) + chrono::Duration::hours(8),
        time_zone: "America/Toronto".into(),
        capacity: Some(Capacity::new(10).unwrap()),
        waitlist_enabled: true,
        registration_opens_at: None,
        registration_closes_at: None,
    };
    let txn = app.db.begin_write().await.unwrap();
    let event = events::create_event(&txn, fields, now).await.unwrap();
    let event = events::publish(&txn, event.id, now).await.unwrap();
    let mut tokens = Vec::new();
    for email in emails.iter().take(30) {
        let request = RegistrationRequest {
            email: EmailAddress::parse(email).unwrap(),
            full_name: FullName::parse("Rush Person").unwrap(),
            language: Language::En,
            member_id: None,
            accommodations: None,
        };
        let RequestOutcome::Pending { token, .. } =
            events::request_registration(&txn, &event, request, now)
                .await
                .unwrap()
        else {
            panic!("pending expected")
        };
        tokens.push(token.as_str().to_owned());
    }
    txn.commit().await.unwrap();
    let presses = tokens.iter().enumerate().map(|(i, token)| {
        let base = servers[i % 2].clone();
        let url = format!("{base}/en/registrations/{token}");
        tokio::spawn(async move { press_at(&client(), &base, &url).await })
    });
    for status in futures::future::join_all(presses).await {
        assert_eq!(status.unwrap(), StatusCode::SEE_OTHER);
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE status = 'confirmed'")
            .await,
        10
    );
    let positions: Vec<i64> = app
        .rows("SELECT waitlist_position FROM registrations WHERE status = 'waitlisted' ORDER BY waitlist_position")
        .await
        .iter()
        .map(|r| r["waitlist_position"].as_i64().unwrap())
        .collect();
    assert_eq!(
        positions,
        (1..=20).collect::<Vec<i64>>(),
        "a gapless waitlist"
    );

    // A newsletter: both workers run the expansion and the sending; one copy each.
    let draft = Draft {
        subject: Localized::new()
            .with(Language::En, "Both instances")
            .with(Language::Fr, "Les deux instances"),
        body: Localized::uniform("News", &Language::REQUIRED),
        audience: Audience {
            chapters: vec![canada.id],
            ..Default::default()
        },
    };
    let letter = newsletters::create(app.db.writer(), &draft, None, Utc::now())
        .await
        .unwrap();
    assert!(
        newsletters::start(app.db.writer(), letter.id, Utc::now())
            .await
            .unwrap()
    );
    eventually("the newsletter to be sent", async || {
        app.sink.copies("Subject: Both instances").len() >= 40
            && app
                .count("SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')")
                .await
                == 0
    })
    .await;

    // The reminder: the event moves to tomorrow; two fresh workers both look for due
    // reminders as they start. One goes to each confirmed registrant.
    {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
        let stored = domain::entities::event::Entity::find_by_id(event.id)
            .one(app.db.reader())
            .await
            .unwrap()
            .unwrap();
        let mut moved = stored.into_active_model();
        moved.starts_at = Set(Utc::now() + chrono::Duration::hours(12));
        moved.ends_at = Set(Utc::now() + chrono::Duration::hours(20));
        moved.update(app.db.writer()).await.unwrap();
    }
    workers.clear();
    let _workers = [worker(&app), worker(&app)];
    let reminder = "Subject: Tomorrow: Trilateral summit";
    eventually("the reminders", async || {
        app.sink.copies(reminder).values().sum::<usize>() >= 10
    })
    .await;
    // Time for a second copy to show up, if one were coming.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let reminded = app.sink.copies(reminder);
    assert_eq!(reminded.len(), 10);
    assert!(reminded.values().all(|n| *n == 1), "{reminded:?}");

    // Nothing twice: the confirmation link, the welcome, the registration's outcome for the
    // 30 who registered, the newsletter, and the reminder for the 10 with a seat.
    let everything = app.sink.copies("");
    for (i, email) in emails.iter().enumerate() {
        let expected = 3 + usize::from(i < 30) + usize::from(reminded.contains_key(email));
        assert_eq!(
            everything.get(email).copied().unwrap_or(0),
            expected,
            "{email}"
        );
    }
}
