//! The database's backstop (CHECK constraints on PostgreSQL, triggers on SQLite): a direct
//! UPDATE that breaks a rule the domain keeps is refused, and a legal one passes. SQLite
//! always; PostgreSQL too when `RESEAU_TEST_POSTGRES_URL` names a server (each run gets a
//! database of its own, dropped afterwards).

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use reseau_domain as domain;

use chrono::{Duration, Utc};
use domain::{
    Db, EmailAddress, FullName, Language, Localized, consent,
    events::{self, Capacity, EventFields, EventSlug, Format, RegistrationRequest},
    membership::{self, JoinOutcome, JoinRequest, Throttle},
    organizers::{self, Role},
    outbox::{self, NewEmail},
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// A migrated database: a SQLite file in a temporary folder, or a PostgreSQL database of its
/// own that `drop` removes.
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

    async fn postgres() -> Option<Self> {
        let url = std::env::var("RESEAU_TEST_POSTGRES_URL").ok()?;
        let (base, _) = url.split('?').next().unwrap().rsplit_once('/').unwrap();
        let name = format!("reseau_chk_{:016x}", rand::random::<u64>());
        let admin = Database::connect(&url).await.unwrap();
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        let db = Db::connect(&format!("{base}/{name}"), 4).await.unwrap();
        Migrator::up(db.writer(), None).await.unwrap();
        Some(TestDb {
            db,
            _dir: None,
            postgres: Some((admin, name)),
        })
    }

    async fn drop(self) {
        if let Some((admin, name)) = self.postgres {
            self.db.writer().clone().close().await.unwrap();
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .unwrap();
        }
    }
}

/// Runs `sql`, which must pass.
async fn allowed(db: &Db, sql: &str) {
    if let Err(err) = db.writer().execute_unprepared(sql).await {
        panic!("refused, though legal: {sql}: {err}");
    }
}

/// Runs `sql`, which must be refused by the rule `name`.
async fn refused(db: &Db, sql: &str, name: &str) {
    match db.writer().execute_unprepared(sql).await {
        Ok(done) => panic!(
            "allowed ({} rows), though it breaks {name}: {sql}",
            done.rows_affected()
        ),
        Err(err) => assert!(
            err.to_string().contains(name),
            "refused for another reason than {name}: {sql}: {err}"
        ),
    }
}

/// One published event with two seats and a waitlist, one pending registration for it, one
/// member, one organizer and one outbox row: a row in each table a rule guards.
struct Rows {
    event: i64,
    registration: i64,
    member: i64,
    organizer: i64,
}

async fn rows(db: &Db) -> Rows {
    let now = Utc::now();
    let conn = db.writer();
    let texts = |s: &str| Localized::uniform(s, &Language::REQUIRED);
    let event = events::create_event(
        conn,
        EventFields {
            chapter_id: 1,
            slug: EventSlug::parse("summit").unwrap(),
            title: texts("Summit"),
            description: texts("About"),
            format: Format::Hybrid,
            venue: Some("Hall".into()),
            address: None,
            online_link: Some("https://meet.example.org/x".into()),
            starts_at: now + Duration::days(7),
            ends_at: now + Duration::days(7) + Duration::hours(2),
            time_zone: "America/Toronto".into(),
            capacity: Some(Capacity::new(2).unwrap()),
            waitlist_enabled: true,
            registration_opens_at: None,
            registration_closes_at: None,
        },
        now,
    )
    .await
    .unwrap();
    let event = events::publish(conn, event.id, now).await.unwrap();
    let events::RequestOutcome::Pending { registration, .. } = events::request_registration(
        conn,
        &event,
        RegistrationRequest {
            email: EmailAddress::parse("ada@example.org").unwrap(),
            full_name: FullName::parse("Ada").unwrap(),
            language: Language::Fr,
            member_id: None,
            accommodations: None,
        },
        now,
    )
    .await
    .unwrap() else {
        panic!("no pending registration")
    };
    let JoinOutcome::Confirm { member, .. } = membership::request(
        conn,
        JoinRequest {
            email: EmailAddress::parse("grace@example.org").unwrap(),
            full_name: FullName::parse("Grace").unwrap(),
            chapter_id: 1,
            region: None,
            interests: vec![],
            language: Language::Es,
            newsletter: true,
            wording_version: "v1".into(),
            source: "join".into(),
            evidence: None,
        },
        Throttle {
            per_address_per_hour: 5,
        },
        now,
    )
    .await
    .unwrap() else {
        panic!("no member created")
    };
    let organizer = organizers::create(
        conn,
        &EmailAddress::parse("org@example.org").unwrap(),
        "Org",
        Role::Organizer,
        None,
        now,
    )
    .await
    .unwrap()
    .unwrap();
    consent::append(
        conn,
        consent::Entry {
            member_id: member.id,
            purpose: consent::Purpose::Newsletter,
            granted: true,
            wording_version: "v1",
            language: Language::Es,
            source: "join",
            email_hash: "",
            evidence: None,
        },
        now,
    )
    .await
    .unwrap();
    outbox::enqueue(
        conn,
        NewEmail {
            kind: "welcome",
            recipient: member.email.clone(),
            language: Language::Es,
            member_id: Some(member.id),
            subject: "s".into(),
            body_text: "t".into(),
            body_html: "h".into(),
            headers: vec![],
            attachment: None,
        },
        now,
    )
    .await
    .unwrap();
    Rows {
        event: event.id,
        registration: registration.id,
        member: member.id,
        organizer: organizer.id,
    }
}

async fn rules_hold(db: Db) {
    let r = rows(&db).await;
    let (e, reg, m, o) = (r.event, r.registration, r.member, r.organizer);
    let db = &db;

    // Seats: never more than the capacity, never below none.
    allowed(
        db,
        &format!("UPDATE events SET seats_taken = 2 WHERE id = {e}"),
    )
    .await;
    refused(
        db,
        &format!("UPDATE events SET seats_taken = 3 WHERE id = {e}"),
        "chk_events_seats_taken",
    )
    .await;
    refused(
        db,
        &format!("UPDATE events SET capacity = 1 WHERE id = {e}"),
        "chk_events_seats_taken",
    )
    .await;
    refused(
        db,
        &format!("UPDATE events SET seats_taken = -1 WHERE id = {e}"),
        "chk_events_seats_taken",
    )
    .await;
    allowed(
        db,
        &format!("UPDATE events SET capacity = NULL, seats_taken = 50 WHERE id = {e}"),
    )
    .await;
    allowed(
        db,
        &format!("UPDATE events SET capacity = 2, seats_taken = 0 WHERE id = {e}"),
    )
    .await;

    // An event's status and format.
    allowed(
        db,
        &format!("UPDATE events SET status = 'cancelled', format = 'online' WHERE id = {e}"),
    )
    .await;
    refused(
        db,
        &format!("UPDATE events SET status = 'archived' WHERE id = {e}"),
        "chk_events_status",
    )
    .await;
    refused(
        db,
        &format!("UPDATE events SET format = 'zoom' WHERE id = {e}"),
        "chk_events_format",
    )
    .await;

    // A registration: its status, and a place in line exactly while waitlisted.
    allowed(
        db,
        &format!(
            "UPDATE registrations SET status = 'waitlisted', waitlist_position = 1 WHERE id = {reg}"
        ),
    )
    .await;
    refused(
        db,
        &format!("UPDATE registrations SET waitlist_position = 0 WHERE id = {reg}"),
        "chk_registrations_waitlist_position",
    )
    .await;
    refused(
        db,
        &format!("UPDATE registrations SET waitlist_position = NULL WHERE id = {reg}"),
        "chk_registrations_waitlist_position",
    )
    .await;
    refused(
        db,
        &format!("UPDATE registrations SET status = 'confirmed' WHERE id = {reg}"),
        "chk_registrations_waitlist_position",
    )
    .await;
    allowed(
        db,
        &format!(
            "UPDATE registrations SET status = 'confirmed', waitlist_position = NULL WHERE id = {reg}"
        ),
    )
    .await;
    refused(
        db,
        &format!("UPDATE registrations SET status = 'maybe' WHERE id = {reg}"),
        "chk_registrations_status",
    )
    .await;
    // Language columns are unchecked so a new language needs no migration.
    allowed(
        db,
        &format!("UPDATE registrations SET language = 'pt' WHERE id = {reg}"),
    )
    .await;

    // A member, an organizer, an outbox row.
    allowed(
        db,
        &format!("UPDATE members SET status = 'active', language = 'fr' WHERE id = {m}"),
    )
    .await;
    refused(
        db,
        &format!("UPDATE members SET status = 'unsubscribed' WHERE id = {m}"),
        "chk_members_status",
    )
    .await;
    allowed(
        db,
        &format!("UPDATE members SET join_language = 'pt' WHERE id = {m}"),
    )
    .await;
    allowed(
        db,
        &format!("UPDATE organizers SET role = 'admin' WHERE id = {o}"),
    )
    .await;
    refused(
        db,
        &format!("UPDATE organizers SET role = 'root' WHERE id = {o}"),
        "chk_organizers_role",
    )
    .await;
    allowed(db, "UPDATE outbox SET status = 'sent', lane = 'bulk'").await;
    refused(db, "UPDATE outbox SET status = 'lost'", "chk_outbox_status").await;
    refused(db, "UPDATE outbox SET lane = 'express'", "chk_outbox_lane").await;
    refused(
        db,
        "UPDATE consents SET purpose = 'marketing'",
        "chk_consents_purpose",
    )
    .await;
    // The Expert Network: its consent purpose, and the statuses of its own tables.
    allowed(db, "UPDATE consents SET purpose = 'directory'").await;
    let at = "'2026-12-06 00:00:00+00:00'";
    allowed(
        db,
        &format!(
            "INSERT INTO expert_profiles (member_id, slug, display_name, country, status, \
             submitted_at, created_at, updated_at) \
             VALUES ({m}, 'x7k2m9q4abcd', 'A', 'CA', 'pending', {at}, {at}, {at})"
        ),
    )
    .await;
    refused(
        db,
        "UPDATE expert_profiles SET status = 'famous'",
        "chk_expert_profiles_status",
    )
    .await;
    allowed(
        db,
        &format!(
            "INSERT INTO expert_messages (expert_id, sender_hash, ip_hash, status, language, \
             created_at) SELECT id, 'h', 'i', 'sent', 'en', {at} FROM expert_profiles"
        ),
    )
    .await;
    refused(
        db,
        "UPDATE expert_messages SET status = 'read'",
        "chk_expert_messages_status",
    )
    .await;
    refused(
        db,
        "UPDATE tokens SET purpose = 'master-key'",
        "chk_tokens_purpose",
    )
    .await;
    // The summit: a session's seats within its own capacity, its format and times, and a
    // choice's position exactly while it waits.
    let later = "'2026-12-06 01:00:00+00:00'";
    allowed(
        db,
        &format!(
            "INSERT INTO event_sessions (event_id, starts_at, ends_at, format, capacity, \
             seats_taken, created_at, updated_at) \
             VALUES ({e}, {at}, {later}, 'online', 1, 1, {at}, {at})"
        ),
    )
    .await;
    refused(
        db,
        "UPDATE event_sessions SET seats_taken = 2",
        "chk_event_sessions_seats",
    )
    .await;
    refused(
        db,
        "UPDATE event_sessions SET seats_taken = -1",
        "chk_event_sessions_seats",
    )
    .await;
    refused(
        db,
        "UPDATE event_sessions SET format = 'radio'",
        "chk_event_sessions_format",
    )
    .await;
    refused(
        db,
        "UPDATE event_sessions SET ends_at = starts_at",
        "chk_event_sessions_times",
    )
    .await;
    allowed(
        db,
        &format!(
            "INSERT INTO session_choices (registration_id, session_id, status, created_at, \
             updated_at) SELECT {reg}, id, 'chosen', {at}, {at} FROM event_sessions"
        ),
    )
    .await;
    refused(
        db,
        "UPDATE session_choices SET status = 'waitlisted'",
        "chk_session_choices_position",
    )
    .await;
    refused(
        db,
        "UPDATE session_choices SET waitlist_position = 1",
        "chk_session_choices_position",
    )
    .await;
    refused(
        db,
        "UPDATE session_choices SET status = 'maybe'",
        "chk_session_choices_status",
    )
    .await;
    allowed(
        db,
        "UPDATE session_choices SET status = 'waitlisted', waitlist_position = 1",
    )
    .await;
}

/// The rules on the domain's own path: seats confirmed to the last one, the rest in line,
/// then a cancellation that hands its seat to the first in line.
async fn legal_claims_pass(db: Db) {
    let r = rows(&db).await;
    let event = events::find(db.reader(), r.event).await.unwrap().unwrap();
    let now = Utc::now();
    let mut registrations = Vec::new();
    for name in ["b", "c", "d", "e"] {
        let txn = db.begin_write().await.unwrap();
        let events::RequestOutcome::Pending { token, .. } = events::request_registration(
            &txn,
            &event,
            RegistrationRequest {
                email: EmailAddress::parse(&format!("{name}@example.org")).unwrap(),
                full_name: FullName::parse(name).unwrap(),
                language: Language::En,
                member_id: None,
                accommodations: None,
            },
            now,
        )
        .await
        .unwrap() else {
            panic!("no pending registration")
        };
        let outcome = events::confirm_registration(&txn, token.as_str(), now)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        match outcome {
            events::ConfirmOutcome::Confirmed(r) | events::ConfirmOutcome::Waitlisted(r) => {
                registrations.push(r)
            }
            other => panic!("{other:?}"),
        }
    }
    let counts = events::counts(db.reader(), r.event).await.unwrap();
    assert_eq!((counts.confirmed, counts.waitlisted), (2, 2));
    let txn = db.begin_write().await.unwrap();
    let cancelled = events::cancel_registration(&txn, &registrations[0], now)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    assert!(matches!(
        cancelled,
        events::CancelOutcome::Cancelled {
            promoted: Some(_),
            ..
        }
    ));
    let counts = events::counts(db.reader(), r.event).await.unwrap();
    assert_eq!((counts.confirmed, counts.waitlisted), (2, 1));
}

/// The down migration takes the rules away (and up puts them back).
async fn down_removes_the_rules(db: Db) {
    let r = rows(&db).await;
    let breaking = format!("UPDATE events SET seats_taken = 3 WHERE id = {}", r.event);
    // Back to before the rules: every migration applied after them, then the rules' own.
    let after = Migrator::migrations()
        .iter()
        .rev()
        .take_while(|m| m.name() != "m20261202_000001_check_constraints")
        .count();
    Migrator::down(db.writer(), Some(after as u32 + 1))
        .await
        .unwrap();
    allowed(&db, &breaking).await;
    allowed(
        &db,
        &format!("UPDATE events SET seats_taken = 0 WHERE id = {}", r.event),
    )
    .await;
    Migrator::up(db.writer(), None).await.unwrap();
    refused(&db, &breaking, "chk_events_seats_taken").await;
}

#[tokio::test]
async fn sqlite_refuses_what_breaks_a_rule() {
    let t = TestDb::sqlite().await;
    rules_hold(t.db.clone()).await;
    t.drop().await;
}

#[tokio::test]
async fn sqlite_passes_legal_claims() {
    let t = TestDb::sqlite().await;
    legal_claims_pass(t.db.clone()).await;
    t.drop().await;
}

#[tokio::test]
async fn postgres_refuses_what_breaks_a_rule() {
    let Some(t) = TestDb::postgres().await else {
        eprintln!("RESEAU_TEST_POSTGRES_URL is not set: skipped");
        return;
    };
    let outcome = tokio::spawn(rules_hold(t.db.clone())).await;
    t.drop().await;
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}

#[tokio::test]
async fn postgres_passes_legal_claims() {
    let Some(t) = TestDb::postgres().await else {
        eprintln!("RESEAU_TEST_POSTGRES_URL is not set: skipped");
        return;
    };
    let outcome = tokio::spawn(legal_claims_pass(t.db.clone())).await;
    t.drop().await;
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}

#[tokio::test]
async fn sqlite_down_removes_the_rules() {
    let t = TestDb::sqlite().await;
    down_removes_the_rules(t.db.clone()).await;
    t.drop().await;
}

#[tokio::test]
async fn postgres_down_removes_the_rules() {
    let Some(t) = TestDb::postgres().await else {
        eprintln!("RESEAU_TEST_POSTGRES_URL is not set: skipped");
        return;
    };
    let outcome = tokio::spawn(down_removes_the_rules(t.db.clone())).await;
    t.drop().await;
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}
