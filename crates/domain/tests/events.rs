//! The event and registration rules against real, migrated databases: SQLite always, and
//! PostgreSQL too when `RESEAU_TEST_POSTGRES_URL` names a server (each test gets a database of
//! its own, dropped afterwards).

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use std::{
    collections::{HashMap, VecDeque},
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

use reseau_domain as domain;

use chrono::{DateTime, Duration, DurationRound, Utc};
use domain::{
    Db, EmailAddress, FullName, Interest, Language, Localized, chapter,
    entities::{event, member, registration},
    events::{
        self, Accommodations, CancelOutcome, Capacity, CheckIn, ConfirmOutcome, Counts, EventError,
        EventFieldError, EventFields, EventSlug, EventStatus, Format, Missing, Refusal,
        RegistrationRequest, RegistrationStatus, RequestOutcome, SignLanguage, UpcomingFilter,
    },
    membership::{self, JoinOutcome, JoinRequest, Throttle},
    token::Secret,
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait, PaginatorTrait};

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
    publishing_needs_english_and_french,
    event_fields_are_checked,
    the_public_list_filters_by_chapter_and_format,
    requests_are_refused_outside_the_window,
    a_request_is_pending_and_holds_no_seat,
    one_registration_per_person_per_event,
    racing_requests_make_one_registration,
    confirming_takes_one_seat_once,
    past_capacity_the_waitlist_keeps_order,
    without_a_waitlist_a_full_event_says_full,
    cancelling_a_seat_promotes_the_first_in_line,
    leaving_the_waitlist_closes_the_gap,
    a_cancelled_registration_can_register_again,
    a_member_registers_in_one_click,
    more_seats_go_to_the_waitlist_first,
    a_cancelled_event_takes_nothing_and_names_its_registrants,
    check_in_at_the_door,
    the_back_office_lists_and_searches,
    accommodations_are_erased_after_the_event,
    each_reminder_is_claimed_once,
    changing_the_time_is_reported_and_rearms_the_reminder,
    the_rush,
);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn now() -> DateTime<Utc> {
    Utc::now().duration_trunc(Duration::seconds(1)).unwrap()
}

static SLUGS: AtomicU64 = AtomicU64::new(0);

fn unique_slug(prefix: &str) -> String {
    format!("{prefix}-{}", SLUGS.fetch_add(1, Ordering::Relaxed))
}

async fn canada(db: &Db) -> i64 {
    chapter::by_slug(db.reader(), "canada")
        .await
        .unwrap()
        .unwrap()
        .id
}

fn texts(en: &str, fr: &str) -> Localized {
    Localized::new()
        .with(Language::En, en)
        .with(Language::Fr, fr)
}

/// A complete event a week from `now`.
fn fields(
    chapter_id: i64,
    slug: &str,
    capacity: Option<u32>,
    waitlist: bool,
    now: DateTime<Utc>,
) -> EventFields {
    EventFields {
        chapter_id,
        slug: EventSlug::parse(slug).unwrap(),
        title: texts("Anti-Racism and Equity Digital Summit", "Sommet numérique"),
        description: texts("Three days **online**.", "Trois jours **en ligne**."),
        format: Format::Online,
        venue: None,
        address: None,
        online_link: Some("https://meet.example.org/summit".into()),
        starts_at: now + Duration::days(7),
        ends_at: now + Duration::days(7) + Duration::hours(3),
        time_zone: "America/Toronto".into(),
        capacity: capacity.map(|c| Capacity::new(c).unwrap()),
        waitlist_enabled: waitlist,
        registration_opens_at: None,
        registration_closes_at: None,
    }
}

/// Creates and publishes an event from `fields`.
async fn published(db: &Db, fields: EventFields) -> event::Model {
    let txn = db.begin_write().await.unwrap();
    let created = events::create_event(&txn, fields, now()).await.unwrap();
    let event = events::publish(&txn, created.id, now()).await.unwrap();
    txn.commit().await.unwrap();
    event
}

async fn event_with(db: &Db, capacity: Option<u32>, waitlist: bool) -> event::Model {
    let chapter = canada(db).await;
    published(
        db,
        fields(chapter, &unique_slug("evt"), capacity, waitlist, now()),
    )
    .await
}

fn person(email: &str) -> RegistrationRequest {
    RegistrationRequest {
        email: EmailAddress::parse(email).unwrap(),
        full_name: FullName::parse("Viola Desmond").unwrap(),
        language: Language::Fr,
        member_id: None,
        accommodations: None,
    }
}

async fn request(db: &Db, event: &event::Model, who: RegistrationRequest) -> RequestOutcome {
    let txn = db.begin_write().await.unwrap();
    let outcome = events::request_registration(&txn, event, who, now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    outcome
}

/// A pending registration and its token.
async fn pending(db: &Db, event: &event::Model, email: &str) -> (registration::Model, Secret) {
    match request(db, event, person(email)).await {
        RequestOutcome::Pending {
            registration,
            token,
        } => (registration, token),
        other => panic!("{other:?}"),
    }
}

async fn confirm(db: &Db, token: &Secret) -> ConfirmOutcome {
    let txn = db.begin_write().await.unwrap();
    let outcome = events::confirm_registration(&txn, token.as_str(), now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    outcome
}

async fn registered(db: &Db, event: &event::Model, email: &str) -> ConfirmOutcome {
    let (_, token) = pending(db, event, email).await;
    confirm(db, &token).await
}

async fn cancel(db: &Db, registration: &registration::Model) -> CancelOutcome {
    let txn = db.begin_write().await.unwrap();
    let outcome = events::cancel_registration(&txn, registration, now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    outcome
}

async fn reload_event(db: &Db, id: i64) -> event::Model {
    event::Entity::find_by_id(id)
        .one(db.reader())
        .await
        .unwrap()
        .unwrap()
}

async fn reload(db: &Db, id: i64) -> registration::Model {
    registration::Entity::find_by_id(id)
        .one(db.reader())
        .await
        .unwrap()
        .unwrap()
}

/// The waitlist as (email, position), in line order.
async fn waitlist(db: &Db, event_id: i64) -> Vec<(String, i32)> {
    events::registrations_of(
        db.reader(),
        event_id,
        Some(RegistrationStatus::Waitlisted),
        None,
    )
    .await
    .unwrap()
    .into_iter()
    .map(|r| (r.email, r.waitlist_position.unwrap()))
    .collect()
}

fn wl(entries: &[(&str, i32)]) -> Vec<(String, i32)> {
    entries.iter().map(|(e, p)| ((*e).to_owned(), *p)).collect()
}

fn reg(outcome: &ConfirmOutcome) -> &registration::Model {
    match outcome {
        ConfirmOutcome::Confirmed(r)
        | ConfirmOutcome::Waitlisted(r)
        | ConfirmOutcome::Full(r)
        | ConfirmOutcome::AlreadyDone(r)
        | ConfirmOutcome::Cancelled(r) => r,
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Organizers' events
// ---------------------------------------------------------------------------------------------

async fn publishing_needs_english_and_french(db: Db) {
    let chapter = canada(&db).await;
    let mut draft = fields(chapter, "cultural-evening", Some(100), false, now());
    draft.title = texts("Cultural evening", "  ");
    draft.description = texts("", "Une soirée.");
    let event = events::create_event(db.writer(), draft.clone(), now())
        .await
        .unwrap();
    assert_eq!(event.status, EventStatus::Draft);
    assert_eq!(event.seats_taken, 0);

    let refused = events::publish(db.writer(), event.id, now()).await;
    let Err(EventError::Incomplete { missing }) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(
        missing,
        [
            Missing::Title(Language::Fr),
            Missing::Description(Language::En)
        ]
    );
    assert_eq!(reload_event(&db, event.id).await.status, EventStatus::Draft);

    // Spanish and Portuguese may stay empty.
    draft.title = texts("Cultural evening", "Soirée culturelle");
    draft.description = texts("An evening.", "Une soirée.");
    events::update_event(db.writer(), event.id, draft.clone(), now())
        .await
        .unwrap();
    let event = events::publish(db.writer(), event.id, now()).await.unwrap();
    assert_eq!(event.status, EventStatus::Published);
    assert_eq!(event.title(Language::Es), "Cultural evening");
    assert_eq!(event.title(Language::Pt), "Cultural evening");
    // Publishing twice changes nothing.
    events::publish(db.writer(), event.id, now()).await.unwrap();

    // A published event cannot lose its French.
    draft.description = texts("An evening.", "");
    let refused = events::update_event(db.writer(), event.id, draft, now()).await;
    assert!(
        matches!(&refused, Err(EventError::Incomplete { missing }) if missing == &[Missing::Description(Language::Fr)]),
        "{refused:?}"
    );
    assert_eq!(
        reload_event(&db, event.id)
            .await
            .description
            .get(Language::Fr),
        Some("Une soirée.")
    );
}

async fn event_fields_are_checked(db: Db) {
    let chapter = canada(&db).await;
    let t = now();
    let taken = fields(chapter, "taken", None, false, t);
    events::create_event(db.writer(), taken.clone(), t)
        .await
        .unwrap();
    let again = events::create_event(db.writer(), taken, t).await;
    assert!(matches!(again, Err(EventError::SlugTaken)), "{again:?}");

    let mut backwards = fields(chapter, "backwards", None, false, t);
    backwards.ends_at = backwards.starts_at - Duration::hours(1);
    let mut bad_link = fields(chapter, "bad-link", None, false, t);
    bad_link.online_link = Some("javascript:alert(1)".into());
    let mut bad_zone = fields(chapter, "bad-zone", None, false, t);
    bad_zone.time_zone = "Toronto time".into();
    let mut bad_window = fields(chapter, "bad-window", None, false, t);
    bad_window.registration_opens_at = Some(t + Duration::days(2));
    bad_window.registration_closes_at = Some(t + Duration::days(1));
    let mut no_chapter = fields(chapter, "no-chapter", None, false, t);
    no_chapter.chapter_id = 999_999;
    for (fields, problem) in [
        (backwards, EventFieldError::EndsBeforeStart),
        (bad_link, EventFieldError::OnlineLinkInvalid),
        (bad_zone, EventFieldError::TimeZoneInvalid),
        (bad_window, EventFieldError::ClosesBeforeOpens),
        (no_chapter, EventFieldError::UnknownChapter),
    ] {
        let refused = events::create_event(db.writer(), fields, t).await;
        assert!(
            matches!(refused, Err(EventError::Invalid(p)) if p == problem),
            "{refused:?} should be {problem:?}"
        );
    }

    // Renaming onto another event's slug is refused.
    let other = events::create_event(db.writer(), fields(chapter, "other", None, false, t), t)
        .await
        .unwrap();
    let refused = events::update_event(
        db.writer(),
        other.id,
        fields(chapter, "taken", None, false, t),
        t,
    )
    .await;
    assert!(matches!(refused, Err(EventError::SlugTaken)), "{refused:?}");
    // Blank optional texts are stored as nothing.
    let mut blank = fields(chapter, "blank", None, false, t);
    blank.venue = Some("   ".into());
    let created = events::create_event(db.writer(), blank, t).await.unwrap();
    assert_eq!(created.venue, None);
    assert_eq!(
        events::update_event(
            db.writer(),
            404_404,
            fields(chapter, "x", None, false, t),
            t
        )
        .await
        .err()
        .map(|e| e.to_string()),
        Some("no such event".into())
    );
}

async fn the_public_list_filters_by_chapter_and_format(db: Db) {
    let canada = canada(&db).await;
    let mexico = chapter::by_slug(db.reader(), "mexico")
        .await
        .unwrap()
        .unwrap()
        .id;
    let t = now();
    let online = published(&db, fields(canada, "online-canada", None, false, t)).await;
    let mut evening = fields(mexico, "evening-mexico", Some(100), false, t);
    evening.format = Format::InPerson;
    evening.venue = Some("Centro Cultural".into());
    evening.starts_at = t + Duration::days(2);
    evening.ends_at = t + Duration::days(2) + Duration::hours(2);
    let evening = published(&db, evening).await;
    // A draft, a cancelled event and a past one are not listed.
    events::create_event(db.writer(), fields(canada, "a-draft", None, false, t), t)
        .await
        .unwrap();
    let gone = published(&db, fields(canada, "cancelled-one", None, false, t)).await;
    events::cancel_event(db.writer(), gone.id, t).await.unwrap();
    let mut past = fields(canada, "past-one", None, false, t);
    past.starts_at = t - Duration::days(3);
    past.ends_at = t - Duration::days(3) + Duration::hours(1);
    published(&db, past).await;

    let slugs = |list: Vec<event::Model>| list.into_iter().map(|e| e.slug).collect::<Vec<_>>();
    let all = events::list_upcoming(db.reader(), &UpcomingFilter::default(), t)
        .await
        .unwrap();
    assert_eq!(
        slugs(all),
        ["evening-mexico", "online-canada"],
        "soonest first"
    );
    let in_canada = UpcomingFilter {
        chapter_id: Some(canada),
        format: None,
    };
    assert_eq!(
        slugs(
            events::list_upcoming(db.reader(), &in_canada, t)
                .await
                .unwrap()
        ),
        ["online-canada"]
    );
    let in_person = UpcomingFilter {
        chapter_id: None,
        format: Some(Format::InPerson),
    };
    assert_eq!(
        slugs(
            events::list_upcoming(db.reader(), &in_person, t)
                .await
                .unwrap()
        ),
        ["evening-mexico"]
    );
    // An event under way is still listed until it ends.
    let during = online.starts_at + Duration::minutes(30);
    assert_eq!(
        slugs(
            events::list_upcoming(db.reader(), &in_canada, during)
                .await
                .unwrap()
        ),
        ["online-canada"]
    );

    let found = events::find_by_slug(db.reader(), "evening-mexico")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, evening.id);
    assert_eq!(Some(found.status), Some(EventStatus::Published));
    assert!(
        events::find_by_slug(db.reader(), "nothing")
            .await
            .unwrap()
            .is_none()
    );
    let back_office = events::list_for_chapters(db.reader(), Some(&[canada]))
        .await
        .unwrap();
    assert_eq!(back_office.len(), 4, "drafts and past events included");
}

async fn requests_are_refused_outside_the_window(db: Db) {
    let chapter = canada(&db).await;
    let t = now();
    let draft = events::create_event(db.writer(), fields(chapter, "draft", None, false, t), t)
        .await
        .unwrap();
    let mut later = fields(chapter, "opens-later", None, false, t);
    later.registration_opens_at = Some(t + Duration::days(1));
    let later = published(&db, later).await;
    let mut closed = fields(chapter, "closed", None, false, t);
    closed.registration_opens_at = Some(t - Duration::days(2));
    closed.registration_closes_at = Some(t - Duration::days(1));
    let closed = published(&db, closed).await;
    let cancelled = published(&db, fields(chapter, "cancelled", None, false, t)).await;
    events::cancel_event(db.writer(), cancelled.id, t)
        .await
        .unwrap();
    let cancelled = reload_event(&db, cancelled.id).await;

    for (event, expected) in [
        (&draft, Refusal::NotPublished),
        (
            &later,
            Refusal::NotOpenYet {
                opens_at: t + Duration::days(1),
            },
        ),
        (&closed, Refusal::Closed),
        (&cancelled, Refusal::EventCancelled),
    ] {
        let outcome = request(&db, event, person("ada@example.org")).await;
        assert!(
            matches!(outcome, RequestOutcome::Refused(r) if r == expected),
            "{}: {outcome:?}",
            event.slug
        );
    }
    // The window opens; after the event has ended it is closed.
    assert!(matches!(
        events::request_registration(
            db.writer(),
            &later,
            person("ada@example.org"),
            t + Duration::days(1)
        )
        .await
        .unwrap(),
        RequestOutcome::Pending { .. }
    ));
    assert!(matches!(
        events::request_registration(
            db.writer(),
            &later,
            person("bob@example.org"),
            later.ends_at
        )
        .await
        .unwrap(),
        RequestOutcome::Refused(Refusal::Closed)
    ));
    assert_eq!(
        registration::Entity::find()
            .count(db.reader())
            .await
            .unwrap(),
        1,
        "refusals write nothing"
    );
}

async fn a_request_is_pending_and_holds_no_seat(db: Db) {
    let event = event_with(&db, Some(1), false).await;
    let mut who = person("  Viola@Example.CA ");
    who.accommodations = Some(Accommodations {
        sign_language: SignLanguage::Asl,
        captions: true,
        interpretation: vec![Language::Fr],
        mobility: true,
        dietary: "vegetarian".into(),
        other: String::new(),
    });
    let RequestOutcome::Pending {
        registration,
        token,
    } = request(&db, &event, who).await
    else {
        panic!()
    };
    assert_eq!(registration.email, "viola@example.ca");
    assert_eq!(registration.status, RegistrationStatus::Pending);
    assert_eq!(registration.language, Language::Fr);
    assert_eq!(registration.member_id, None);
    assert_eq!(registration.waitlist_position, None);
    assert_ne!(
        registration.token_hash,
        token.as_str(),
        "never the clear token"
    );
    assert_eq!(registration.token_hash, domain::token::hash(token.as_str()));
    let needs = Accommodations::of(&registration).unwrap().unwrap();
    assert_eq!(needs.sign_language, SignLanguage::Asl);
    assert_eq!(needs.interpretation, [Language::Fr]);
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 0);
    assert_eq!(
        member::Entity::find().count(db.reader()).await.unwrap(),
        0,
        "registering does not make a member"
    );
    // A pending request blocks no seat: someone else can take the only one.
    assert!(matches!(
        registered(&db, &event, "other@example.org").await,
        ConfirmOutcome::Confirmed(_)
    ));
    // ... and then the first person is told it is full (no waitlist).
    assert!(matches!(
        confirm(&db, &token).await,
        ConfirmOutcome::Full(_)
    ));
}

async fn one_registration_per_person_per_event(db: Db) {
    let event = event_with(&db, Some(10), true).await;
    let (first, old_token) = pending(&db, &event, "ada@example.org").await;
    // Asking again while pending (anyone can type an address): the same registration,
    // unchanged, and one more link; the first link keeps working.
    let mut again = person("ADA@example.org");
    again.full_name = FullName::parse("Someone Else").unwrap();
    let RequestOutcome::Pending {
        registration: second,
        token: new_token,
    } = request(&db, &event, again).await
    else {
        panic!()
    };
    assert_eq!(second.id, first.id);
    assert_eq!(second.full_name, first.full_name);
    assert_ne!(new_token.as_str(), old_token.as_str());
    assert!(matches!(
        confirm(&db, &old_token).await,
        ConfirmOutcome::Confirmed(_)
    ));
    assert!(matches!(
        confirm(&db, &new_token).await,
        ConfirmOutcome::AlreadyDone(_)
    ));
    // Once confirmed, asking again shows the existing registration and changes nothing.
    let outcome = request(&db, &event, person("ada@example.org")).await;
    let RequestOutcome::AlreadyRegistered(existing) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(existing.id, first.id);
    assert_eq!(existing.status, RegistrationStatus::Confirmed);
    assert!(matches!(
        confirm(&db, &new_token).await,
        ConfirmOutcome::AlreadyDone(_)
    ));
    assert_eq!(
        registration::Entity::find()
            .count(db.reader())
            .await
            .unwrap(),
        1
    );
    // Another event is another registration.
    let other = event_with(&db, None, false).await;
    pending(&db, &other, "ada@example.org").await;
}

async fn racing_requests_make_one_registration(db: Db) {
    let event = event_with(&db, Some(10), true).await;
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let (db, event) = (db.clone(), event.clone());
        tasks.push(tokio::spawn(async move {
            let txn = db.begin_write().await.unwrap();
            let outcome =
                events::request_registration(&txn, &event, person("ada@example.org"), now())
                    .await
                    .unwrap();
            txn.commit().await.unwrap();
            outcome
        }));
    }
    let mut ids = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            RequestOutcome::Pending { registration, .. } => ids.push(registration.id),
            other => panic!("{other:?}"),
        }
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one row whoever wins");
    assert_eq!(
        registration::Entity::find()
            .count(db.reader())
            .await
            .unwrap(),
        1
    );
}

async fn confirming_takes_one_seat_once(db: Db) {
    let event = event_with(&db, Some(5), true).await;
    let (_, token) = pending(&db, &event, "ada@example.org").await;
    let outcome = confirm(&db, &token).await;
    let ConfirmOutcome::Confirmed(confirmed) = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(confirmed.status, RegistrationStatus::Confirmed);
    assert!(confirmed.confirmed_at.is_some());
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 1);
    for _ in 0..3 {
        assert!(matches!(
            confirm(&db, &token).await,
            ConfirmOutcome::AlreadyDone(_)
        ));
    }
    assert_eq!(
        reload_event(&db, event.id).await.seats_taken,
        1,
        "never a second seat"
    );
    // Concurrent double clicks take one seat too.
    let (_, token) = pending(&db, &event, "bob@example.org").await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (db, token) = (db.clone(), token.clone());
        tasks.push(tokio::spawn(async move { confirm(&db, &token).await }));
    }
    let mut confirmed = 0;
    for task in tasks {
        match task.await.unwrap() {
            ConfirmOutcome::Confirmed(_) => confirmed += 1,
            ConfirmOutcome::AlreadyDone(_) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(confirmed, 1);
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 2);

    assert!(matches!(
        confirm(&db, &Secret::random()).await,
        ConfirmOutcome::Unknown
    ));
    assert!(matches!(
        events::confirm_registration(db.writer(), "not-a-token", now())
            .await
            .unwrap(),
        ConfirmOutcome::Unknown
    ));
    // The registration page finds it by its token.
    assert_eq!(
        events::find_by_token(db.reader(), token.as_str())
            .await
            .unwrap()
            .unwrap()
            .email,
        "bob@example.org"
    );
}

async fn past_capacity_the_waitlist_keeps_order(db: Db) {
    let event = event_with(&db, Some(2), true).await;
    let mut outcomes = Vec::new();
    for who in ["a", "b", "c", "d", "e"] {
        outcomes.push(registered(&db, &event, &format!("{who}@example.org")).await);
    }
    assert!(matches!(outcomes[0], ConfirmOutcome::Confirmed(_)));
    assert!(matches!(outcomes[1], ConfirmOutcome::Confirmed(_)));
    for (i, outcome) in outcomes[2..].iter().enumerate() {
        let ConfirmOutcome::Waitlisted(r) = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(r.waitlist_position, Some(i as i32 + 1));
        assert_eq!(r.confirmed_at, None, "no seat yet");
    }
    let event = reload_event(&db, event.id).await;
    assert_eq!(event.seats_taken, 2);
    assert!(event.is_full());
    assert_eq!(
        waitlist(&db, event.id).await,
        wl(&[
            ("c@example.org", 1),
            ("d@example.org", 2),
            ("e@example.org", 3)
        ])
    );
    assert_eq!(
        events::counts(db.reader(), event.id).await.unwrap(),
        Counts {
            confirmed: 2,
            waitlisted: 3,
            ..Default::default()
        }
    );
    // A full event with a waitlist still takes requests.
    assert!(matches!(
        request(&db, &event, person("f@example.org")).await,
        RequestOutcome::Pending { .. }
    ));
}

async fn without_a_waitlist_a_full_event_says_full(db: Db) {
    let event = event_with(&db, Some(1), false).await;
    let (_, late) = pending(&db, &event, "late@example.org").await;
    assert!(matches!(
        registered(&db, &event, "first@example.org").await,
        ConfirmOutcome::Confirmed(_)
    ));
    let outcome = confirm(&db, &late).await;
    let ConfirmOutcome::Full(still) = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(
        still.status,
        RegistrationStatus::Pending,
        "holds nothing, stays pending"
    );
    assert_eq!(still.waitlist_position, None);
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 1);
    // New requests are told at once.
    let full = reload_event(&db, event.id).await;
    assert!(matches!(
        request(&db, &full, person("new@example.org")).await,
        RequestOutcome::Refused(Refusal::Full)
    ));
    // A seat freed is free for the next one to confirm.
    let first = events::registrations_of(
        db.reader(),
        event.id,
        Some(RegistrationStatus::Confirmed),
        None,
    )
    .await
    .unwrap();
    let CancelOutcome::Cancelled { promoted, .. } = cancel(&db, &first[0]).await else {
        panic!()
    };
    assert!(promoted.is_none());
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 0);
    assert!(matches!(
        confirm(&db, &late).await,
        ConfirmOutcome::Confirmed(_)
    ));
}

async fn cancelling_a_seat_promotes_the_first_in_line(db: Db) {
    let event = event_with(&db, Some(1), true).await;
    let a = reg(&registered(&db, &event, "a@example.org").await).clone();
    let b = reg(&registered(&db, &event, "b@example.org").await).clone();
    registered(&db, &event, "c@example.org").await;
    assert_eq!(b.waitlist_position, Some(1));

    let outcome = cancel(&db, &a).await;
    let CancelOutcome::Cancelled {
        registration,
        was,
        promoted: Some(promoted),
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(was, RegistrationStatus::Confirmed);
    assert_eq!(registration.status, RegistrationStatus::Cancelled);
    assert!(registration.cancelled_at.is_some());
    assert_eq!(promoted.id, b.id, "first come, first served");
    assert_eq!(promoted.status, RegistrationStatus::Confirmed);
    assert_eq!(promoted.waitlist_position, None);
    assert!(promoted.confirmed_at.is_some());
    assert_eq!(
        reload_event(&db, event.id).await.seats_taken,
        1,
        "the seat passed directly"
    );
    assert_eq!(waitlist(&db, event.id).await, wl(&[("c@example.org", 1)]));

    // Cancelling twice is harmless.
    assert!(matches!(
        cancel(&db, &a).await,
        CancelOutcome::AlreadyCancelled(_)
    ));
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 1);
    // The cancelled link confirms nothing.
    let b = reload(&db, b.id).await;
    let CancelOutcome::Cancelled {
        promoted: Some(c), ..
    } = cancel(&db, &b).await
    else {
        panic!()
    };
    assert_eq!(c.email, "c@example.org");
    let CancelOutcome::Cancelled { promoted, .. } = cancel(&db, &c).await else {
        panic!()
    };
    assert!(promoted.is_none(), "nobody left in line");
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 0);
}

async fn leaving_the_waitlist_closes_the_gap(db: Db) {
    let event = event_with(&db, Some(1), true).await;
    registered(&db, &event, "a@example.org").await;
    let mut line = Vec::new();
    for who in ["b", "c", "d", "e"] {
        line.push(reg(&registered(&db, &event, &format!("{who}@example.org")).await).clone());
    }
    let CancelOutcome::Cancelled { was, promoted, .. } = cancel(&db, &line[1]).await else {
        panic!()
    };
    assert_eq!(was, RegistrationStatus::Waitlisted);
    assert!(promoted.is_none());
    assert_eq!(
        waitlist(&db, event.id).await,
        wl(&[
            ("b@example.org", 1),
            ("d@example.org", 2),
            ("e@example.org", 3)
        ])
    );
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 1);
    // The next to join goes to the end of the line.
    let late = registered(&db, &event, "f@example.org").await;
    assert_eq!(reg(&late).waitlist_position, Some(4));
    // A pending registration cancelled leaves everything as it was.
    let (p, _) = pending(&db, &event, "p@example.org").await;
    let CancelOutcome::Cancelled { was, .. } = cancel(&db, &p).await else {
        panic!()
    };
    assert_eq!(was, RegistrationStatus::Pending);
    assert_eq!(waitlist(&db, event.id).await.len(), 4);
}

async fn a_cancelled_registration_can_register_again(db: Db) {
    let event = event_with(&db, Some(3), true).await;
    let first = reg(&registered(&db, &event, "ada@example.org").await).clone();
    cancel(&db, &first).await;
    let RequestOutcome::Pending {
        registration,
        token,
    } = request(&db, &event, person("ada@example.org")).await
    else {
        panic!()
    };
    assert_eq!(registration.id, first.id, "the same registration, reopened");
    assert_eq!(registration.status, RegistrationStatus::Pending);
    assert_eq!(registration.cancelled_at, None);
    assert_eq!(registration.confirmed_at, None);
    assert!(matches!(
        confirm(&db, &token).await,
        ConfirmOutcome::Confirmed(_)
    ));
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 1);
}

async fn active_member(db: &Db, email: &str) -> member::Model {
    let request = JoinRequest {
        email: EmailAddress::parse(email).unwrap(),
        full_name: FullName::parse("Harriet Tubman").unwrap(),
        chapter_id: canada(db).await,
        region: None,
        interests: vec![Interest::JusticeReform],
        language: Language::Es,
        newsletter: false,
        wording_version: "v1".into(),
        source: "join".into(),
        evidence: None,
    };
    let throttle = Throttle {
        per_address_per_hour: 5,
    };
    let JoinOutcome::Confirm { token, .. } =
        membership::request(db.writer(), request, throttle, now())
            .await
            .unwrap()
    else {
        panic!()
    };
    let membership::ConfirmOutcome::Confirmed { member } =
        membership::confirm(db.writer(), &ledger_key(), token.as_str(), now())
            .await
            .unwrap()
    else {
        panic!()
    };
    member
}

async fn a_member_registers_in_one_click(db: Db) {
    let event = event_with(&db, Some(1), true).await;
    let harriet = active_member(&db, "harriet@example.org").await;
    let txn = db.begin_write().await.unwrap();
    let direct = events::register_member_directly(&txn, &event, &harriet, None, now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    let ConfirmOutcome::Confirmed(registration) = &direct.outcome else {
        panic!("{direct:?}")
    };
    assert_eq!(registration.member_id, Some(harriet.id));
    assert_eq!(registration.email, "harriet@example.org");
    assert_eq!(registration.language, Language::Es);
    let token = direct.token.unwrap();
    assert_eq!(
        events::find_by_token(db.reader(), token.as_str())
            .await
            .unwrap()
            .unwrap()
            .id,
        registration.id
    );
    // Again: the existing registration, no second seat.
    let again = events::register_member_directly(db.writer(), &event, &harriet, None, now())
        .await
        .unwrap();
    assert!(
        matches!(again.outcome, ConfirmOutcome::AlreadyDone(_)),
        "{again:?}"
    );
    assert!(again.token.is_none());
    // Past capacity a member waits in line like anyone.
    let other = active_member(&db, "other@example.org").await;
    let waiting = events::register_member_directly(db.writer(), &event, &other, None, now())
        .await
        .unwrap();
    assert!(
        matches!(&waiting.outcome, ConfirmOutcome::Waitlisted(r) if r.waitlist_position == Some(1)),
        "{waiting:?}"
    );
    assert_eq!(reload_event(&db, event.id).await.seats_taken, 1);
    let mine = events::registrations_of_member(db.reader(), harriet.id)
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].1.id, event.id);
}

async fn more_seats_go_to_the_waitlist_first(db: Db) {
    // One instant for the event's times: an update with the same fields moves nothing.
    let at = now();
    let chapter = canada(&db).await;
    let slug = unique_slug("grow");
    let event = published(&db, fields(chapter, &slug, Some(1), true, at)).await;
    for who in ["a", "b", "c", "d"] {
        registered(&db, &event, &format!("{who}@example.org")).await;
    }
    let txn = db.begin_write().await.unwrap();
    let updated = events::update_event(
        &txn,
        event.id,
        fields(chapter, &slug, Some(3), true, at),
        now(),
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    let promoted: Vec<_> = updated.promoted.iter().map(|r| r.email.as_str()).collect();
    assert_eq!(promoted, ["b@example.org", "c@example.org"]);
    assert!(!updated.time_or_place_changed);
    assert_eq!(updated.event.seats_taken, 3);
    assert_eq!(waitlist(&db, event.id).await, wl(&[("d@example.org", 1)]));

    // Fewer seats than are taken is refused; unlimited takes everyone waiting.
    let refused = events::update_event(
        db.writer(),
        event.id,
        fields(chapter, &slug, Some(2), true, at),
        now(),
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(EventError::Invalid(EventFieldError::CapacityBelowConfirmed))
        ),
        "{refused:?}"
    );
    let unlimited = events::update_event(
        db.writer(),
        event.id,
        fields(chapter, &slug, None, true, now()),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(unlimited.promoted.len(), 1);
    assert_eq!(unlimited.event.seats_taken, 4);
    assert_eq!(unlimited.event.seats_left(), None);
}

async fn a_cancelled_event_takes_nothing_and_names_its_registrants(db: Db) {
    let event = event_with(&db, Some(1), true).await;
    let a = reg(&registered(&db, &event, "a@example.org").await).clone();
    registered(&db, &event, "b@example.org").await;
    let (_, pending_token) = pending(&db, &event, "c@example.org").await;
    let (d, _) = pending(&db, &event, "d@example.org").await;
    cancel(&db, &d).await;

    let txn = db.begin_write().await.unwrap();
    let cancelled = events::cancel_event(&txn, event.id, now()).await.unwrap();
    txn.commit().await.unwrap();
    assert!(cancelled.newly_cancelled);
    assert_eq!(cancelled.event.status, EventStatus::Cancelled);
    let told: Vec<_> = cancelled
        .registrants
        .iter()
        .map(|r| r.email.as_str())
        .collect();
    assert_eq!(told, ["a@example.org", "b@example.org", "c@example.org"]);
    let again = events::cancel_event(db.writer(), event.id, now())
        .await
        .unwrap();
    assert!(!again.newly_cancelled && again.registrants.is_empty());

    assert!(matches!(
        confirm(&db, &pending_token).await,
        ConfirmOutcome::Refused(Refusal::EventCancelled)
    ));
    // A seat given back after cancellation goes to nobody.
    let CancelOutcome::Cancelled { promoted, .. } = cancel(&db, &a).await else {
        panic!()
    };
    assert!(promoted.is_none());
    assert!(matches!(
        events::publish(db.writer(), event.id, now()).await,
        Err(EventError::EventCancelled)
    ));
}

async fn check_in_at_the_door(db: Db) {
    let event = event_with(&db, Some(1), true).await;
    let other = event_with(&db, None, false).await;
    let a = reg(&registered(&db, &event, "a@example.org").await).clone();
    let b = reg(&registered(&db, &event, "b@example.org").await).clone();
    let t = now();

    let CheckIn::CheckedIn(checked) = events::check_in(db.writer(), event.id, a.id, t)
        .await
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(checked.checked_in_at, Some(t));
    let later = t + Duration::minutes(5);
    let CheckIn::AlreadyCheckedIn(same) = events::check_in(db.writer(), event.id, a.id, later)
        .await
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(same.checked_in_at, Some(t), "the first time stands");
    assert!(matches!(
        events::check_in(db.writer(), event.id, b.id, t)
            .await
            .unwrap(),
        CheckIn::NotConfirmed(_)
    ));
    assert!(matches!(
        events::check_in(db.writer(), other.id, a.id, t)
            .await
            .unwrap(),
        CheckIn::Unknown
    ));
    assert_eq!(
        events::counts(db.reader(), event.id)
            .await
            .unwrap()
            .checked_in,
        1
    );

    let undone = events::undo_check_in(db.writer(), event.id, a.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(undone.checked_in_at, None);
    assert!(
        events::undo_check_in(db.writer(), other.id, a.id)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        events::counts(db.reader(), event.id).await.unwrap(),
        Counts {
            confirmed: 1,
            waitlisted: 1,
            ..Default::default()
        }
    );
}

async fn the_back_office_lists_and_searches(db: Db) {
    let event = event_with(&db, Some(1), true).await;
    for (email, name) in [
        ("amara@example.org", "Amara Diallo"),
        ("jose@example.org", "José Ñúñez"),
        ("under_score@example.org", "Lea Roy"),
    ] {
        let mut who = person(email);
        who.full_name = FullName::parse(name).unwrap();
        let RequestOutcome::Pending { token, .. } = request(&db, &event, who).await else {
            panic!()
        };
        confirm(&db, &token).await;
    }
    let search = |q: &'static str| {
        let db = db.clone();
        async move {
            events::registrations_of(db.reader(), event.id, None, Some(q))
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.email)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("DIALLO").await, ["amara@example.org"]);
    assert_eq!(search("jose@").await, ["jose@example.org"]);
    assert_eq!(
        search("_").await,
        ["under_score@example.org"],
        "LIKE wildcards are literal"
    );
    assert_eq!(search("%").await, Vec::<String>::new());
    assert_eq!(search("  ").await.len(), 3, "a blank search is no filter");
    let waiting: Vec<_> = events::registrations_of(
        db.reader(),
        event.id,
        Some(RegistrationStatus::Waitlisted),
        None,
    )
    .await
    .unwrap()
    .into_iter()
    .map(|r| r.waitlist_position)
    .collect();
    assert_eq!(waiting, [Some(1), Some(2)]);
}

async fn accommodations_are_erased_after_the_event(db: Db) {
    let chapter = canada(&db).await;
    let t = now();
    // Two events that happened 40 and 10 days ago; registrations were made before them.
    let mut long_ago = fields(chapter, "long-ago", None, false, t);
    long_ago.starts_at = t - Duration::days(40);
    long_ago.ends_at = t - Duration::days(40) + Duration::hours(2);
    let long_ago = published(&db, long_ago).await;
    let mut recent = fields(chapter, "recent", None, false, t);
    recent.starts_at = t - Duration::days(10);
    recent.ends_at = t - Duration::days(10) + Duration::hours(2);
    let recent = published(&db, recent).await;
    let needs = Accommodations {
        mobility: true,
        dietary: "no nuts".into(),
        ..Default::default()
    };
    for event in [&long_ago, &recent] {
        let before = event.starts_at - Duration::days(5);
        for email in ["a@example.org", "b@example.org"] {
            let mut who = person(email);
            who.accommodations = Some(needs.clone());
            let outcome = events::request_registration(db.writer(), event, who, before)
                .await
                .unwrap();
            assert!(matches!(outcome, RequestOutcome::Pending { .. }));
        }
        let mut plain = person("c@example.org");
        plain.accommodations = Some(Accommodations::default());
        events::request_registration(db.writer(), event, plain, before)
            .await
            .unwrap();
    }

    let txn = db.begin_write().await.unwrap();
    let purged = events::purge_accommodations(&txn, 30, t).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(purged.len(), 1);
    assert_eq!(purged[0].event.id, long_ago.id);
    assert_eq!(purged[0].registrations, 2);
    assert_eq!(purged[0].event.accommodations_purged_at, Some(t));
    for r in events::registrations_of(db.reader(), long_ago.id, None, None)
        .await
        .unwrap()
    {
        assert_eq!(r.accommodations, None);
    }
    for r in events::registrations_of(db.reader(), recent.id, None, None)
        .await
        .unwrap()
    {
        assert_eq!(r.accommodations.is_some(), r.email != "c@example.org");
    }
    // Purged once: a second run reports nothing.
    assert!(
        events::purge_accommodations(db.writer(), 30, t)
            .await
            .unwrap()
            .is_empty()
    );
    // A shorter delay reaches the recent one.
    let purged = events::purge_accommodations(db.writer(), 7, t)
        .await
        .unwrap();
    assert_eq!(purged.len(), 1);
    assert_eq!(purged[0].event.id, recent.id);
}

async fn each_reminder_is_claimed_once(db: Db) {
    let chapter = canada(&db).await;
    let t = now();
    let soon_fields = |slug: &str, hours: i64| {
        let mut f = fields(chapter, slug, None, false, t);
        f.starts_at = t + Duration::hours(hours);
        f.ends_at = f.starts_at + Duration::hours(2);
        f
    };
    let tomorrow = published(&db, soon_fields("tomorrow", 20)).await;
    let in_two_days = published(&db, soon_fields("in-two-days", 30)).await;
    events::create_event(db.writer(), soon_fields("draft-soon", 5), t)
        .await
        .unwrap();
    let mut started = fields(chapter, "started", None, false, t);
    started.starts_at = t - Duration::hours(1);
    started.ends_at = t + Duration::hours(1);
    published(&db, started).await;

    // Eight workers at once: one wins.
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let txn = db.begin_write().await.unwrap();
            let claimed = events::due_reminders(&txn, t).await.unwrap();
            txn.commit().await.unwrap();
            claimed
        }));
    }
    let mut claimed = Vec::new();
    for task in tasks {
        claimed.extend(task.await.unwrap());
    }
    assert_eq!(claimed.len(), 1, "{claimed:?}");
    assert_eq!(claimed[0].id, tomorrow.id);
    assert_eq!(claimed[0].reminder_sent_at, Some(t));
    assert!(
        events::due_reminders(db.writer(), t + Duration::hours(1))
            .await
            .unwrap()
            .is_empty()
    );
    // A day later the other one is due.
    let later = events::due_reminders(db.writer(), t + Duration::hours(7))
        .await
        .unwrap();
    assert_eq!(
        later.iter().map(|e| e.id).collect::<Vec<_>>(),
        [in_two_days.id]
    );
    // A claim rolled back (the emails failed to queue) is due again.
    let rolled_back = published(&db, soon_fields("rolled-back", 10)).await;
    let txn = db.begin_write().await.unwrap();
    assert_eq!(events::due_reminders(&txn, t).await.unwrap().len(), 1);
    txn.rollback().await.unwrap();
    let again = events::due_reminders(db.writer(), t).await.unwrap();
    assert_eq!(
        again.iter().map(|e| e.id).collect::<Vec<_>>(),
        [rolled_back.id]
    );
}

async fn changing_the_time_is_reported_and_rearms_the_reminder(db: Db) {
    let chapter = canada(&db).await;
    let t = now();
    let mut soon = fields(chapter, "moves", None, false, t);
    soon.starts_at = t + Duration::hours(5);
    soon.ends_at = t + Duration::hours(7);
    let event = published(&db, soon.clone()).await;
    assert_eq!(
        events::due_reminders(db.writer(), t).await.unwrap().len(),
        1
    );

    // Same time, new title: not a change to tell about.
    let mut retitled = soon.clone();
    retitled.title.set(Language::Es, "Cumbre");
    retitled.title.set(Language::Pt, "Cúpula");
    let updated = events::update_event(db.writer(), event.id, retitled.clone(), t)
        .await
        .unwrap();
    assert!(!updated.time_or_place_changed);
    assert!(updated.event.reminder_sent_at.is_some());
    assert_eq!(updated.event.title(Language::Es), "Cumbre");
    assert_eq!(updated.event.title(Language::Pt), "Cúpula");

    // Postponed by a week: registrants are told, and the reminder will go again.
    let mut postponed = retitled;
    postponed.starts_at = t + Duration::days(7);
    postponed.ends_at = t + Duration::days(7) + Duration::hours(2);
    let updated = events::update_event(db.writer(), event.id, postponed, t)
        .await
        .unwrap();
    assert!(updated.time_or_place_changed);
    assert_eq!(updated.event.reminder_sent_at, None);
    assert_eq!(
        events::due_reminders(db.writer(), t + Duration::days(6) + Duration::hours(1))
            .await
            .unwrap()
            .len(),
        1
    );
}

// ---------------------------------------------------------------------------------------------
// The rush: 200 confirmations at once for 50 seats
// ---------------------------------------------------------------------------------------------

async fn the_rush(db: Db) {
    const PEOPLE: usize = 200;
    const SEATS: u32 = 50;
    let event = event_with(&db, Some(SEATS), true).await;
    let mut tokens = Vec::new();
    for i in 0..PEOPLE {
        let (_, token) = pending(&db, &event, &format!("p{i}@example.org")).await;
        tokens.push(token);
    }
    let start = Arc::new(tokio::sync::Barrier::new(PEOPLE));
    let mut tasks = Vec::new();
    for token in tokens {
        let (db, start) = (db.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let txn = db.begin_write().await.unwrap();
            let outcome = events::confirm_registration(&txn, token.as_str(), Utc::now())
                .await
                .unwrap();
            txn.commit().await.unwrap();
            outcome
        }));
    }
    let (mut confirmed, mut positions) = (0, Vec::new());
    for task in tasks {
        match task.await.unwrap() {
            ConfirmOutcome::Confirmed(_) => confirmed += 1,
            ConfirmOutcome::Waitlisted(r) => positions.push(r.waitlist_position.unwrap()),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(confirmed, SEATS as usize, "exactly the seats there are");
    positions.sort_unstable();
    assert_eq!(positions, (1..=150).collect::<Vec<i32>>());

    // What is stored agrees with what was answered.
    let event = reload_event(&db, event.id).await;
    assert_eq!(event.seats_taken, SEATS as i32);
    assert_eq!(
        events::counts(db.reader(), event.id).await.unwrap(),
        Counts {
            confirmed: 50,
            waitlisted: 150,
            ..Default::default()
        }
    );
    let stored: Vec<i32> = waitlist(&db, event.id)
        .await
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    assert_eq!(stored, (1..=150).collect::<Vec<i32>>(), "no gaps, no twins");
    // Every registration is accounted for, none left pending.
    let rows = events::registrations_of(db.reader(), event.id, None, None)
        .await
        .unwrap();
    assert_eq!(rows.len(), PEOPLE);
    assert!(rows.iter().all(|r| r.status != RegistrationStatus::Pending));
}

// ---------------------------------------------------------------------------------------------
// Property: any interleaving keeps capacity and first come, first served
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Op {
    Register(u8),
    Confirm(u8),
    Cancel(u8),
}

fn ops() -> impl proptest::strategy::Strategy<Value = Vec<Op>> {
    use proptest::prelude::*;
    let person = 0u8..8;
    proptest::collection::vec(
        prop_oneof![
            3 => person.clone().prop_map(Op::Register),
            4 => person.clone().prop_map(Op::Confirm),
            2 => person.prop_map(Op::Cancel),
        ],
        1..45,
    )
}

/// Plays `ops` on a fresh event and checks, after every step, the invariants against a simple
/// model of the line.
async fn play(db: &Db, capacity: u32, waitlist_on: bool, ops: &[Op]) {
    let event = event_with(db, Some(capacity), waitlist_on).await;
    let mut tokens: HashMap<u8, Secret> = HashMap::new();
    let mut ids: HashMap<u8, i64> = HashMap::new();
    // Registration ids in line order, as the model expects it.
    let mut line: VecDeque<i64> = VecDeque::new();

    for op in ops {
        let event_now = reload_event(db, event.id).await;
        match *op {
            Op::Register(p) => {
                match request(db, &event_now, person(&format!("p{p}@example.org"))).await {
                    RequestOutcome::Pending {
                        registration,
                        token,
                    } => {
                        ids.insert(p, registration.id);
                        tokens.insert(p, token);
                    }
                    RequestOutcome::AlreadyRegistered(r) => {
                        assert!(
                            r.status == RegistrationStatus::Confirmed
                                || r.status == RegistrationStatus::Waitlisted
                        );
                    }
                    RequestOutcome::Refused(refusal) => {
                        assert_eq!(refusal, Refusal::Full);
                        assert!(!waitlist_on && event_now.is_full());
                    }
                }
            }
            Op::Confirm(p) => {
                let Some(token) = tokens.get(&p) else {
                    continue;
                };
                match confirm(db, token).await {
                    ConfirmOutcome::Confirmed(_) => {
                        assert!(line.is_empty(), "nobody jumps the line");
                    }
                    ConfirmOutcome::Waitlisted(r) => {
                        assert!(waitlist_on);
                        line.push_back(r.id);
                        assert_eq!(r.waitlist_position, Some(line.len() as i32));
                    }
                    ConfirmOutcome::Full(r) => {
                        assert!(!waitlist_on);
                        assert_eq!(r.status, RegistrationStatus::Pending);
                    }
                    ConfirmOutcome::AlreadyDone(_) | ConfirmOutcome::Cancelled(_) => {}
                    other => panic!("{other:?}"),
                }
            }
            Op::Cancel(p) => {
                let Some(id) = ids.get(&p) else {
                    continue;
                };
                let current = reload(db, *id).await;
                match cancel(db, &current).await {
                    CancelOutcome::Cancelled { was, promoted, .. } => match was {
                        RegistrationStatus::Confirmed => {
                            let expected = line.pop_front();
                            assert_eq!(
                                promoted.map(|r| r.id),
                                expected,
                                "the earliest waitlisted gets the seat"
                            );
                        }
                        RegistrationStatus::Waitlisted => {
                            line.retain(|x| x != id);
                            assert!(promoted.is_none());
                        }
                        RegistrationStatus::Pending => assert!(promoted.is_none()),
                        RegistrationStatus::Cancelled => unreachable!(),
                    },
                    CancelOutcome::AlreadyCancelled(_) => {}
                }
            }
        }

        let counts = events::counts(db.reader(), event.id).await.unwrap();
        let stored = reload_event(db, event.id).await;
        assert!(
            counts.confirmed <= u64::from(capacity),
            "oversold: {counts:?}"
        );
        assert_eq!(stored.seats_taken as u64, counts.confirmed);
        let waiting = events::registrations_of(
            db.reader(),
            event.id,
            Some(RegistrationStatus::Waitlisted),
            None,
        )
        .await
        .unwrap();
        assert_eq!(
            waiting.iter().map(|r| r.id).collect::<Vec<_>>(),
            line.iter().copied().collect::<Vec<_>>(),
            "the line keeps its order"
        );
        assert_eq!(
            waiting
                .iter()
                .map(|r| r.waitlist_position.unwrap())
                .collect::<Vec<_>>(),
            (1..=waiting.len() as i32).collect::<Vec<_>>(),
            "positions are 1..N"
        );
        if !line.is_empty() {
            assert_eq!(
                counts.confirmed,
                u64::from(capacity),
                "no free seat while someone waits"
            );
        }
    }
}

#[test]
fn any_interleaving_keeps_capacity_and_first_come_first_served() {
    use proptest::{
        prelude::*,
        test_runner::{Config, TestRunner},
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let t = runtime.block_on(TestDb::sqlite());
    let mut runner = TestRunner::new(Config {
        cases: 96,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(1u32..4, any::<bool>(), ops()),
            |(capacity, waitlist_on, ops)| {
                runtime.block_on(play(&t.db, capacity, waitlist_on, &ops));
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn statuses_round_trip() {
    for status in RegistrationStatus::ALL {
        assert_eq!(RegistrationStatus::parse(status.as_str()), Some(status));
    }
    for status in EventStatus::ALL {
        assert_eq!(EventStatus::parse(status.as_str()), Some(status));
    }
    for format in Format::ALL {
        assert_eq!(Format::parse(format.as_str()), Some(format));
    }
}

fn ledger_key() -> reseau_domain::sign_in_guard::AddressKey {
    reseau_domain::sign_in_guard::AddressKey::for_ledger(b"a test secret of thirty-two bytes")
        .unwrap()
}
