//! The rules behind the partners' API against a real, migrated SQLite database: a key's scope
//! (revoked, its organizer inactive, its chapters within the organizer's), every change to a
//! member moving `updated_at`, and webhook deliveries written once per endpoint and event and
//! recorded only while their claim holds.

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use reseau_domain as domain;

use chrono::{Duration, Utc};
use domain::{
    Db, EmailAddress, FullName, Language, api_keys, consent,
    entities::member,
    membership::{self, JoinOutcome, JoinRequest, Throttle},
    newsletters, organizers,
    two_factor::SeedKey,
    webhooks::{self, DeliveryStatus, NewEndpoint, Topic},
};
use migration::{Migrator, MigratorTrait};
use sea_orm::EntityTrait;

struct TestDb {
    db: Db,
    _dir: tempfile::TempDir,
}

async fn test_db() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let db = Db::connect(&url, 4).await.unwrap();
    Migrator::up(db.writer(), None).await.unwrap();
    TestDb { db, _dir: dir }
}

async fn organizer(db: &Db, email: &str, role: organizers::Role, chapters: &[i64]) -> i64 {
    let o = organizers::create(
        db.writer(),
        &EmailAddress::parse(email).unwrap(),
        "Staff",
        role,
        None,
        Utc::now(),
    )
    .await
    .unwrap()
    .unwrap();
    organizers::assign_chapters(db.writer(), o.id, chapters)
        .await
        .unwrap();
    o.id
}

async fn pending_member(db: &Db, email: &str) -> member::Model {
    let request = JoinRequest {
        email: EmailAddress::parse(email).unwrap(),
        full_name: FullName::parse("Ida B. Wells").unwrap(),
        chapter_id: 1,
        region: None,
        interests: Vec::new(),
        language: Language::En,
        newsletter: true,
        wording_version: "v1".into(),
        source: "join".into(),
        evidence: None,
    };
    let throttle = Throttle {
        per_address_per_hour: 5,
    };
    match membership::request(db.writer(), request, throttle, Utc::now())
        .await
        .unwrap()
    {
        JoinOutcome::Confirm { member, .. } => member,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_key_sees_its_chapters_within_its_organizers_while_both_are_live() {
    let t = test_db().await;
    let db = &t.db;
    let now = Utc::now();
    let who = organizer(db, "org@reseau.test", organizers::Role::Organizer, &[1, 2]).await;
    let (key, secret) = api_keys::create(
        db.writer(),
        who,
        &api_keys::NewKey {
            name: "Sync".into(),
            chapter_ids: vec![1, 2, 3],
            can_write: false,
        },
        now,
    )
    .await
    .unwrap();
    let caller = api_keys::authenticate(db.reader(), secret.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(caller.chapter_ids, [1, 2], "never more than its organizer");
    assert!(api_keys::due_for_touch(&caller.key, now));

    // The organizer loses a chapter: so does the key, at once.
    organizers::assign_chapters(db.writer(), who, &[2])
        .await
        .unwrap();
    let caller = api_keys::authenticate(db.reader(), secret.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(caller.chapter_ids, [2]);

    assert!(
        api_keys::revoke(db.writer(), key.id, who, now)
            .await
            .unwrap()
    );
    assert!(
        !api_keys::revoke(db.writer(), key.id, who, now)
            .await
            .unwrap()
    );
    assert!(
        api_keys::authenticate(db.reader(), secret.as_str())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        api_keys::authenticate(db.reader(), "rsk_nope")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn every_change_to_a_member_moves_updated_at() {
    let t = test_db().await;
    let db = &t.db;
    let member = pending_member(db, "ida@example.org").await;
    let before = member.updated_at;
    let updated_at = |id| async move {
        member::Entity::find_by_id(id)
            .one(db.reader())
            .await
            .unwrap()
            .unwrap()
            .updated_at
    };

    let later = before + Duration::seconds(10);
    consent::append(
        db.writer(),
        consent::Entry {
            member_id: member.id,
            purpose: consent::Purpose::Newsletter,
            granted: false,
            wording_version: "v1",
            language: Language::En,
            source: "account",
            email_hash: "",
            evidence: None,
        },
        later,
    )
    .await
    .unwrap();
    assert_eq!(updated_at(member.id).await, later, "a ledger row");

    let bounce = later + Duration::seconds(10);
    newsletters::record_hard_bounce(db.writer(), member.id, 3, bounce)
        .await
        .unwrap();
    assert_eq!(updated_at(member.id).await, bounce, "a bounce");

    newsletters::lift_suspension(db.writer(), member.id)
        .await
        .unwrap();
    assert_eq!(
        updated_at(member.id).await,
        bounce,
        "nothing to lift, nothing changed"
    );
}

#[tokio::test]
async fn an_event_is_written_once_per_endpoint_and_recorded_only_under_its_claim() {
    let t = test_db().await;
    let db = &t.db;
    let now = Utc::now();
    let key = SeedKey::from_secret(b"a secret key for these tests only");
    let admin = organizer(db, "admin@reseau.test", organizers::Role::Admin, &[]).await;
    let new = |topics| NewEndpoint {
        url: "https://hooks.example.org/in".into(),
        description: String::new(),
        topics,
    };
    let (wants, secret) = webhooks::create_endpoint(
        db.writer(),
        &key,
        &new(vec![Topic::MemberConfirmed]),
        admin,
        now,
    )
    .await
    .unwrap();
    assert!(!wants.secret.contains(&secret[6..]), "sealed at rest");
    webhooks::create_endpoint(
        db.writer(),
        &key,
        &new(vec![Topic::NewsletterSent]),
        admin,
        now,
    )
    .await
    .unwrap();

    let written = webhooks::emit(
        db.writer(),
        Topic::MemberConfirmed,
        serde_json::json!({}),
        now,
    )
    .await
    .unwrap();
    assert_eq!(written, 1, "only the endpoint that wants it");
    assert!(webhooks::due_exists(db.reader(), now).await.unwrap());

    let claimed = webhooks::claim(db.writer(), &key, now, 10, Duration::seconds(60))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let first = &claimed[0];
    assert_eq!(first.secret.as_deref(), Some(secret.as_str()));
    assert!(!webhooks::due_exists(db.reader(), now).await.unwrap());

    // Its lease runs out and another worker claims it: the first may no longer record it.
    let after = now + Duration::seconds(61);
    let again = webhooks::claim(db.writer(), &key, after, 10, Duration::seconds(60))
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    let d = &first.delivery;
    assert!(
        !webhooks::mark_delivered(db.writer(), d.id, d.attempts, after)
            .await
            .unwrap()
    );
    let second = &again[0].delivery;
    assert!(
        webhooks::mark_delivered(db.writer(), second.id, second.attempts, after)
            .await
            .unwrap()
    );
    assert!(
        !webhooks::mark_delivered(db.writer(), second.id, second.attempts, after)
            .await
            .unwrap(),
        "recorded once"
    );
    let rows = webhooks::deliveries_of(db.reader(), wants.id, 10)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, DeliveryStatus::Delivered);
    assert!(
        !webhooks::due_exists(db.reader(), after + Duration::days(1))
            .await
            .unwrap()
    );

    // Switched off, an endpoint's waiting deliveries are cancelled.
    webhooks::emit(
        db.writer(),
        Topic::MemberConfirmed,
        serde_json::json!({}),
        now,
    )
    .await
    .unwrap();
    assert!(
        webhooks::set_endpoint_active(db.writer(), wants.id, false, now)
            .await
            .unwrap()
    );
    assert!(!webhooks::due_exists(db.reader(), after).await.unwrap());
    assert_eq!(
        webhooks::emit(
            db.writer(),
            Topic::MemberConfirmed,
            serde_json::json!({}),
            now
        )
        .await
        .unwrap(),
        0
    );
}
