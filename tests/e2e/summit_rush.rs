//! Three hundred registrants choose the summit's sessions at once, over real HTTP, each from
//! their registration page: no session is oversold (read in the database), each line stays
//! 1..N without gaps through a wave of give-ups and promotions, nobody holds two sessions at
//! the same time, and the livestream link reaches no page nor email of anyone without a seat.

use chrono::{Duration, Utc};
use domain::{
    EmailAddress, FullName, Language, Localized,
    events::{self, RegistrationRequest, RequestOutcome},
    summit::{self, SessionFields},
};
use reqwest::StatusCode;

use crate::{
    events::publish,
    helpers::{TestApp, spawn_app_with},
    summit::{LIVESTREAM, agenda_entries, carries},
};

const PEOPLE: usize = 300;

async fn session(
    app: &TestApp,
    event: &domain::entities::event::Model,
    title: &str,
    minutes: (i64, i64),
    capacity: Option<u32>,
    online: bool,
) -> i64 {
    let fields = SessionFields {
        title: Localized::new()
            .with(Language::En, title)
            .with(Language::Fr, title)
            .with(Language::Pt, title),
        description: Localized::new(),
        starts_at: event.starts_at + Duration::minutes(minutes.0),
        ends_at: event.starts_at + Duration::minutes(minutes.1),
        track: "Rush".into(),
        format: if online {
            events::Format::Online
        } else {
            events::Format::InPerson
        },
        room: None,
        livestream_url: online.then(|| LIVESTREAM.to_owned()),
        languages: vec![Language::En],
        interpretation: false,
        speakers: vec![],
        capacity,
    };
    let txn = app.db.begin_write().await.unwrap();
    let s = summit::create_session(&txn, event, fields, Utc::now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    s.id
}

/// The waitlist positions of `session`, in order.
async fn line(app: &TestApp, session: i64) -> Vec<i64> {
    app.rows(&format!(
        "SELECT waitlist_position FROM session_choices WHERE session_id = {session} \
         AND status = 'waitlisted' ORDER BY waitlist_position"
    ))
    .await
    .iter()
    .map(|r| r["waitlist_position"].as_i64().unwrap())
    .collect()
}

async fn check_seats(app: &TestApp, session: i64, capacity: i64) -> i64 {
    let taken = app
        .count(&format!(
            "SELECT seats_taken FROM event_sessions WHERE id = {session}"
        ))
        .await;
    let chosen = app
        .count(&format!(
            "SELECT COUNT(*) FROM session_choices WHERE session_id = {session} AND status = 'chosen'"
        ))
        .await;
    assert_eq!(taken, chosen, "the count is the seats");
    assert!(taken <= capacity, "{taken} seats of {capacity}");
    let waiting = line(app, session).await;
    assert_eq!(
        waiting,
        (1..=i64::try_from(waiting.len()).unwrap()).collect::<Vec<_>>(),
        "a gapless line"
    );
    taken
}

/// Posts one button form of a registration page, with a CSRF token of the shared session.
async fn post(app: &TestApp, csrf: &str, path: String) -> StatusCode {
    app.client
        .post(app.url(&path))
        .header("Origin", &app.base)
        .form(&[("csrf_token", csrf)])
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn three_hundred_registrants_choose_sessions_at_once_and_none_is_oversold() {
    // All 300 from one address at once: more than the default 256 connections per address,
    // and more choices a minute than the tests' per-address limit on posts that send mail.
    let app = spawn_app_with(&[
        ("limits.connections_per_ip", "1000"),
        ("limits.ip_burst", "100000"),
        ("limits.ip_per_minute", "100000"),
    ])
    .await;
    let event = publish(&app, "rush-summit", None, true).await;
    // A 50-seat online plenary and a 30-seat room at the same time; a 100-seat session after.
    let plenary = session(&app, &event, "Plenary", (0, 60), Some(50), true).await;
    let room = session(&app, &event, "Room", (30, 90), Some(30), false).await;
    let later = session(&app, &event, "Later", (120, 170), Some(100), false).await;

    let mut tokens = Vec::new();
    for i in 0..PEOPLE {
        let txn = app.db.begin_write().await.unwrap();
        let request = RegistrationRequest {
            email: EmailAddress::parse(&format!("p{i}@example.org")).unwrap(),
            full_name: FullName::parse("Summit Person").unwrap(),
            language: [Language::En, Language::Fr, Language::Es][i % 3],
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
        events::confirm_registration(&txn, token.as_str(), Utc::now())
            .await
            .unwrap();
        txn.commit().await.unwrap();
        tokens.push(token.as_str().to_owned());
    }
    let page = app.get(&format!("/en/registrations/{}", tokens[0])).await;
    let csrf = page.attr("input[name=csrf_token]", "value");

    // Everyone at once: the plenary, then the room (refused to whoever holds or waits for the
    // plenary: it overlaps), then the later session.
    let rush = tokens.iter().map(|token| {
        let app = &app;
        let csrf = csrf.clone();
        async move {
            let mut statuses = Vec::new();
            for session in [plenary, room, later] {
                statuses.push(
                    post(
                        app,
                        &csrf,
                        format!("/en/registrations/{token}/sessions/{session}/choose"),
                    )
                    .await,
                );
            }
            statuses
        }
    });
    let statuses = futures::future::join_all(rush).await;
    for s in &statuses {
        assert_eq!(s[0], StatusCode::SEE_OTHER);
        // Everyone holds or waits for the plenary, so the room overlaps for all.
        assert_eq!(s[1], StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(s[2], StatusCode::SEE_OTHER);
    }
    assert_eq!(check_seats(&app, plenary, 50).await, 50);
    assert_eq!(line(&app, plenary).await.len(), PEOPLE - 50);
    assert_eq!(check_seats(&app, room, 30).await, 0);
    assert_eq!(check_seats(&app, later, 100).await, 100);
    assert_eq!(line(&app, later).await.len(), PEOPLE - 100);
    // Nobody holds or waits for two sessions at the same time.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM session_choices a JOIN session_choices b \
             ON a.registration_id = b.registration_id \
             WHERE a.session_id = {plenary} AND b.session_id = {room} \
             AND a.status <> 'cancelled' AND b.status <> 'cancelled'"
        ))
        .await,
        0
    );

    // Twenty seat holders give the plenary up at once: twenty promoted, the line still gapless.
    let holders: Vec<String> = app
        .rows(&format!(
            "SELECT registration_id FROM session_choices WHERE session_id = {plenary} \
             AND status = 'chosen' ORDER BY registration_id LIMIT 20"
        ))
        .await
        .iter()
        .map(|r| r["registration_id"].as_i64().unwrap())
        .map(|id| tokens[usize::try_from(id).unwrap() - 1].clone())
        .collect();
    let give_up = holders.iter().map(|token| {
        post(
            &app,
            &csrf,
            format!("/en/registrations/{token}/sessions/{plenary}/unchoose"),
        )
    });
    for status in futures::future::join_all(give_up).await {
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    assert_eq!(check_seats(&app, plenary, 50).await, 50);
    assert_eq!(line(&app, plenary).await.len(), PEOPLE - 50 - 20);

    // The reminder an hour before: the 50 seats, once.
    let before = event.starts_at - Duration::minutes(30);
    assert_eq!(
        app.jobs.run_once(before).await.unwrap().session_reminders,
        50
    );
    assert_eq!(
        app.jobs.run_once(before).await.unwrap().session_reminders,
        0
    );
    let pass = app.deliver_mail_at(before).await;
    assert_eq!(pass.failed, 0);

    // The livestream link reaches only seats: pages and every email, for all 300.
    let seats: Vec<i64> = app
        .rows(&format!(
            "SELECT registration_id FROM session_choices WHERE session_id = {plenary} AND status = 'chosen'"
        ))
        .await
        .iter()
        .map(|r| r["registration_id"].as_i64().unwrap())
        .collect();
    let ever_seated: Vec<i64> = seats
        .iter()
        .copied()
        .chain(
            holders
                .iter()
                .map(|h| i64::try_from(tokens.iter().position(|t| t == h).unwrap() + 1).unwrap()),
        )
        .collect();
    for (i, token) in tokens.iter().enumerate() {
        let id = i64::try_from(i + 1).unwrap();
        let address = format!("p{i}@example.org");
        let page = app.get(&format!("/en/registrations/{token}")).await;
        assert_eq!(
            page.body.contains(LIVESTREAM),
            seats.contains(&id),
            "{address}'s page"
        );
        let agenda = agenda_entries(
            &app.get(&format!("/en/registrations/{token}/agenda.ics"))
                .await
                .body,
        );
        assert_eq!(
            agenda.iter().any(|e| e.description.contains(LIVESTREAM)),
            seats.contains(&id),
            "{address}'s agenda"
        );
        let mails = app.sink.mails_to(&address);
        assert!(!mails.is_empty());
        if !ever_seated.contains(&id) {
            assert!(
                mails.iter().all(|m| !carries(m, LIVESTREAM)),
                "{address} never had a seat and got the link"
            );
        }
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'session-reminder'")
            .await,
        50
    );
}
