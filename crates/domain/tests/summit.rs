//! The summit's session rules against real, migrated databases: SQLite always, and
//! PostgreSQL too when `RESEAU_TEST_POSTGRES_URL` names a server (each test gets a database of
//! its own, dropped afterwards).

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use reseau_domain as domain;

use chrono::{DateTime, Duration, Utc};
use domain::{
    Db, EmailAddress, FullName, Language, Localized,
    entities::{event, event_session},
    events::{self, EventFields, EventSlug, Format, RegistrationRequest, RequestOutcome},
    summit::{self, ChoiceOutcome, ChoiceRefusal, ChoiceStatus, SessionFields},
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
// ---------------------------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------------------------

/// A migrated database that cleans up after itself: a SQLite file in a temporary folder, or a
/// PostgreSQL database of its own.
struct TestDb {
    db: Db,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(DatabaseConnection, String)>,
}

impl TestDb {
    async fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let db = Db::connect(&url, 4).await.unwrap();
        Migrator::up(db.writer(), None).await.unwrap();
        TestDb {
            db,
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// A fresh PostgreSQL database, or `None` when no server is configured (a failure when
    /// RESEAU_REQUIRE_POSTGRES=1, as in CI's PostgreSQL run: no test passes by skipping).
    async fn postgres() -> Option<Self> {
        let url = std::env::var("RESEAU_TEST_POSTGRES_URL").ok();
        let required = std::env::var("RESEAU_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
        assert!(
            url.is_some() || !required,
            "RESEAU_REQUIRE_POSTGRES is set but RESEAU_TEST_POSTGRES_URL is not"
        );
        let url = url?;
        let (base, _) = url.split('?').next().unwrap().rsplit_once('/').unwrap();
        let name = format!("reseau_evt_{:016x}", rand::random::<u64>());
        let admin = Database::connect(&url).await.unwrap();
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        let db = Db::connect(&format!("{base}/{name}"), 20).await.unwrap();
        Migrator::up(db.writer(), None).await.unwrap();
        Some(TestDb {
            db,
            _dir: None,
            postgres: Some((admin, name)),
        })
    }

    /// Runs `scenario`, then drops a PostgreSQL database whether it passed or not.
    async fn run<F, Fut>(self, scenario: F)
    where
        F: FnOnce(Db) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let outcome = tokio::spawn(scenario(self.db.clone())).await;
        if let Some((admin, name)) = self.postgres {
            self.db.writer().clone().close().await.unwrap();
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .unwrap();
        }
        if let Err(err) = outcome {
            std::panic::resume_unwind(err.into_panic());
        }
    }
}

/// Each scenario runs on SQLite, and on PostgreSQL when it is configured.
macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $scenario() {
                    super::TestDb::sqlite().await.run(super::$scenario).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $scenario() {
                    match super::TestDb::postgres().await {
                        Some(t) => t.run(super::$scenario).await,
                        // Past the harness's capture, so every log shows it (CI looks).
                        None => {
                            use std::io::Write;
                            let _ = writeln!(
                                std::io::stderr(),
                                "skipped (no PostgreSQL): postgres::{}: RESEAU_TEST_POSTGRES_URL is not set",
                                stringify!($scenario)
                            );
                        }
                    }
                }
            )*
        }
    };
}

on_both_backends!(
    overlaps_are_refused_and_the_line_stays_gapless,
    racing_choices_never_oversell_a_session,
    a_reminder_is_claimed_once_and_only_for_seats,
);

async fn summit_event(db: &Db, now: DateTime<Utc>) -> event::Model {
    let texts = |s: &str| Localized::uniform(s, &Language::REQUIRED);
    let txn = db.begin_write().await.unwrap();
    let created = events::create_event(
        &txn,
        EventFields {
            chapter_id: 1,
            slug: EventSlug::parse("summit").unwrap(),
            title: texts("Summit"),
            description: texts("Two days"),
            format: Format::Hybrid,
            venue: Some("Hall".into()),
            address: None,
            online_link: Some("https://meet.example.org/summit".into()),
            starts_at: now + Duration::days(3),
            ends_at: now + Duration::days(4),
            time_zone: "America/Toronto".into(),
            capacity: None,
            waitlist_enabled: true,
            registration_opens_at: None,
            registration_closes_at: None,
        },
        now,
    )
    .await
    .unwrap();
    let event = events::publish(&txn, created.id, now).await.unwrap();
    txn.commit().await.unwrap();
    event
}

async fn session(
    db: &Db,
    event: &event::Model,
    hours: (i64, i64),
    capacity: Option<u32>,
) -> event_session::Model {
    let txn = db.begin_write().await.unwrap();
    let s = summit::create_session(
        &txn,
        event,
        SessionFields {
            title: Localized::uniform("Session", &Language::REQUIRED),
            description: Localized::new(),
            starts_at: event.starts_at + Duration::hours(hours.0),
            ends_at: event.starts_at + Duration::hours(hours.1),
            track: String::new(),
            format: Format::Online,
            room: None,
            livestream_url: Some("https://stream.example.org/s".into()),
            languages: vec![Language::En],
            interpretation: false,
            speakers: vec![],
            capacity,
        },
        Utc::now(),
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    s
}

/// A registration for `event`: confirmed (a seat) unless `confirm` is false.
async fn registrant(db: &Db, event: &event::Model, i: usize, confirm: bool) -> i64 {
    let txn = db.begin_write().await.unwrap();
    let RequestOutcome::Pending {
        registration,
        token,
    } = events::request_registration(
        &txn,
        event,
        RegistrationRequest {
            email: EmailAddress::parse(&format!("s{i}@example.org")).unwrap(),
            full_name: FullName::parse("Summit Person").unwrap(),
            language: Language::Fr,
            member_id: None,
            accommodations: None,
        },
        Utc::now(),
    )
    .await
    .unwrap()
    else {
        panic!("pending expected")
    };
    if confirm {
        events::confirm_registration(&txn, token.as_str(), Utc::now())
            .await
            .unwrap();
    }
    txn.commit().await.unwrap();
    registration.id
}

async fn choose(db: &Db, registration: i64, session: i64) -> ChoiceOutcome {
    let txn = db.begin_write().await.unwrap();
    let outcome = summit::choose(&txn, registration, session, Utc::now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    outcome
}

async fn positions(db: &Db, session: i64) -> Vec<(i64, i32)> {
    summit::attendance(db.reader(), session)
        .await
        .unwrap()
        .into_iter()
        .filter(|(c, _)| c.status == ChoiceStatus::Waitlisted)
        .map(|(c, r)| (r.id, c.waitlist_position.unwrap()))
        .collect()
}

async fn seats_taken(db: &Db, event: i64, session: i64) -> i32 {
    summit::find_session(db.reader(), event, session)
        .await
        .unwrap()
        .unwrap()
        .seats_taken
}

async fn overlaps_are_refused_and_the_line_stays_gapless(db: Db) {
    let now = Utc::now();
    let event = summit_event(&db, now).await;
    let a = session(&db, &event, (1, 2), Some(1)).await;
    let b = session(&db, &event, (1, 3), None).await;
    let later = session(&db, &event, (5, 6), None).await;
    let r1 = registrant(&db, &event, 1, true).await;
    let r2 = registrant(&db, &event, 2, true).await;
    let r3 = registrant(&db, &event, 3, true).await;
    let pending = registrant(&db, &event, 4, false).await;

    assert!(matches!(
        choose(&db, r1, a.id).await,
        ChoiceOutcome::Chosen(_)
    ));
    assert!(matches!(
        choose(&db, r1, a.id).await,
        ChoiceOutcome::AlreadyDone(_)
    ));
    assert!(
        matches!(choose(&db, r2, a.id).await, ChoiceOutcome::Waitlisted(c) if c.waitlist_position == Some(1))
    );
    assert!(
        matches!(choose(&db, r3, a.id).await, ChoiceOutcome::Waitlisted(c) if c.waitlist_position == Some(2))
    );
    // A seat or a place in line at the same time refuses the overlapping session.
    for r in [r1, r2] {
        assert!(matches!(
            choose(&db, r, b.id).await,
            ChoiceOutcome::Refused(ChoiceRefusal::Overlaps { other }) if other == a.id
        ));
    }
    assert!(matches!(
        choose(&db, r1, later.id).await,
        ChoiceOutcome::Chosen(_)
    ));
    assert!(matches!(
        choose(&db, pending, later.id).await,
        ChoiceOutcome::Refused(ChoiceRefusal::NotConfirmed)
    ));

    // Leaving the line closes the gap; giving the seat up promotes the first in line.
    let txn = db.begin_write().await.unwrap();
    let left = summit::unchoose(&txn, r2, a.id, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left.was, ChoiceStatus::Waitlisted);
    txn.commit().await.unwrap();
    assert_eq!(positions(&db, a.id).await, vec![(r3, 1)]);
    let txn = db.begin_write().await.unwrap();
    let given = summit::unchoose(&txn, r1, a.id, now)
        .await
        .unwrap()
        .unwrap();
    txn.commit().await.unwrap();
    assert_eq!(given.promoted.len(), 1);
    assert_eq!(given.promoted[0].registration_id, r3);
    assert!(positions(&db, a.id).await.is_empty());
    assert_eq!(seats_taken(&db, event.id, a.id).await, 1);
    // Now free of the opening, r1 may take the overlapping one; choosing again reopens.
    assert!(matches!(
        choose(&db, r1, b.id).await,
        ChoiceOutcome::Chosen(_)
    ));
    assert!(matches!(
        choose(&db, r1, a.id).await,
        ChoiceOutcome::Refused(ChoiceRefusal::Overlaps { .. })
    ));

    // A cancelled registration gives every session up, the seats handed on.
    let txn = db.begin_write().await.unwrap();
    summit::release_all(&txn, r3, now).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(seats_taken(&db, event.id, a.id).await, 0);
    // A cancelled session takes no choice.
    let txn = db.begin_write().await.unwrap();
    summit::cancel_session(&txn, &event, later.id, now)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    assert!(matches!(
        choose(&db, r2, later.id).await,
        ChoiceOutcome::Refused(ChoiceRefusal::SessionCancelled)
    ));
}

async fn racing_choices_never_oversell_a_session(db: Db) {
    let now = Utc::now();
    let event = summit_event(&db, now).await;
    let s = session(&db, &event, (1, 2), Some(10)).await;
    let mut people = Vec::new();
    for i in 0..60 {
        people.push(registrant(&db, &event, i, true).await);
    }
    let db = Arc::new(db);
    let tasks = people.iter().map(|&r| {
        let db = db.clone();
        let id = s.id;
        tokio::spawn(async move { choose(&db, r, id).await })
    });
    let outcomes = futures_join(tasks).await;
    let chosen = outcomes
        .iter()
        .filter(|o| matches!(o, ChoiceOutcome::Chosen(_)))
        .count();
    assert_eq!(chosen, 10);
    assert_eq!(seats_taken(&db, event.id, s.id).await, 10);
    let mut line: Vec<i32> = positions(&db, s.id)
        .await
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    line.sort_unstable();
    assert_eq!(line, (1..=50).collect::<Vec<_>>());
}

async fn futures_join<T: Send + 'static>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut out = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        out.push(task.await.unwrap());
    }
    out
}

async fn a_reminder_is_claimed_once_and_only_for_seats(db: Db) {
    let now = Utc::now();
    let event = summit_event(&db, now).await;
    let s = session(&db, &event, (1, 2), Some(1)).await;
    let seat = registrant(&db, &event, 1, true).await;
    let line = registrant(&db, &event, 2, true).await;
    choose(&db, seat, s.id).await;
    choose(&db, line, s.id).await;
    let soon = s.starts_at - Duration::minutes(30);
    // Too early: nothing.
    let txn = db.begin_write().await.unwrap();
    assert!(
        summit::claim_due_reminders(&txn, s.starts_at - Duration::hours(2), 100)
            .await
            .unwrap()
            .is_empty()
    );
    let due = summit::claim_due_reminders(&txn, soon, 100).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].registration.id, seat);
    let txn = db.begin_write().await.unwrap();
    assert!(
        summit::claim_due_reminders(&txn, soon, 100)
            .await
            .unwrap()
            .is_empty()
    );
    txn.commit().await.unwrap();
}
