//! The joining rules against a real, migrated SQLite database.

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use reseau_domain as domain;

use chrono::{Duration, Utc};
use domain::{
    Db, EmailAddress, FullName, Interest, Language, consent,
    entities::{member, outbox as outbox_row, token},
    membership::{self, ConfirmOutcome, JoinOutcome, JoinRequest, Throttle},
    outbox::{self, NewEmail},
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{EntityTrait, PaginatorTrait};

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

fn request(email: &str, newsletter: bool) -> JoinRequest {
    JoinRequest {
        email: EmailAddress::parse(email).unwrap(),
        full_name: FullName::parse("Harriet Tubman").unwrap(),
        chapter_id: 1,
        region: Some("CA-ON".into()),
        interests: vec![Interest::JusticeReform],
        language: Language::Fr,
        newsletter,
        wording_version: "v1".into(),
        source: "join".into(),
        evidence: None,
    }
}

const THROTTLE: Throttle = Throttle {
    per_address_per_hour: 2,
};

/// Queues the confirmation the web layer would, so the throttle sees it.
async fn queue(db: &Db, kind: &'static str, member: &member::Model) {
    outbox::enqueue(
        db.writer(),
        NewEmail {
            kind,
            recipient: member.email.clone(),
            language: Language::En,
            member_id: Some(member.id),
            subject: "s".into(),
            body_text: "t".into(),
            body_html: "h".into(),
            headers: vec![],
            attachment: None,
        },
        Utc::now(),
    )
    .await
    .unwrap();
}

async fn join(db: &Db, email: &str, newsletter: bool) -> JoinOutcome {
    let txn = db.begin_write().await.unwrap();
    let outcome = membership::request(&txn, request(email, newsletter), THROTTLE, Utc::now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    outcome
}

#[tokio::test]
async fn a_request_makes_one_pending_member_and_a_hashed_token() {
    let t = test_db().await;
    let JoinOutcome::Confirm {
        member,
        token: secret,
        ..
    } = join(&t.db, "Ada@Example.org", true).await
    else {
        panic!("a new address needs confirming")
    };
    assert_eq!(member.email, "ada@example.org");
    assert_eq!(member.status, domain::membership::Status::Pending);
    let tokens = token::Entity::find().all(t.db.reader()).await.unwrap();
    assert_eq!(tokens.len(), 1);
    assert_ne!(
        tokens[0].token_hash,
        secret.as_str(),
        "never the clear token"
    );
    assert_eq!(tokens[0].token_hash, domain::token::hash(secret.as_str()));
    assert_eq!(
        tokens[0].expires_at - tokens[0].created_at,
        Duration::days(7)
    );
    // Nothing is consented before confirmation.
    assert_eq!(
        consent::history(t.db.reader(), member.id)
            .await
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn confirming_activates_and_appends_the_consents_once() {
    let t = test_db().await;
    let JoinOutcome::Confirm { token: secret, .. } = join(&t.db, "ada@example.org", true).await
    else {
        panic!()
    };
    let now = Utc::now();
    let outcome = membership::confirm(t.db.writer(), &ledger_key(), secret.as_str(), now)
        .await
        .unwrap();
    let ConfirmOutcome::Confirmed { member } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(member.status, domain::membership::Status::Active);
    let ledger = consent::history(t.db.reader(), member.id).await.unwrap();
    let purposes: Vec<_> = ledger
        .iter()
        .map(|c| (c.purpose.as_str(), c.granted, c.language.code()))
        .collect();
    assert_eq!(
        purposes,
        [("membership", true, "fr"), ("newsletter", true, "fr")]
    );
    // A keyed hash of the address: the proof, not something a guess can be tested against.
    assert_eq!(ledger[0].email_hash, ledger_key().of("ada@example.org"));
    assert_ne!(
        ledger[0].email_hash,
        EmailAddress::parse("ada@example.org").unwrap().sha256_hex()
    );

    // The same link again is used; nothing more is written.
    let again = membership::confirm(t.db.writer(), &ledger_key(), secret.as_str(), now)
        .await
        .unwrap();
    assert!(matches!(again, ConfirmOutcome::Used), "{again:?}");
    assert_eq!(
        consent::history(t.db.reader(), member.id)
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn no_newsletter_consent_without_the_box() {
    let t = test_db().await;
    let JoinOutcome::Confirm { token: secret, .. } = join(&t.db, "ada@example.org", false).await
    else {
        panic!()
    };
    let ConfirmOutcome::Confirmed { member } =
        membership::confirm(t.db.writer(), &ledger_key(), secret.as_str(), Utc::now())
            .await
            .unwrap()
    else {
        panic!()
    };
    let ledger = consent::history(t.db.reader(), member.id).await.unwrap();
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].purpose, consent::Purpose::Membership);
}

#[tokio::test]
async fn an_active_member_is_told_and_never_duplicated() {
    let t = test_db().await;
    let JoinOutcome::Confirm { token: secret, .. } = join(&t.db, "ada@example.org", false).await
    else {
        panic!()
    };
    membership::confirm(t.db.writer(), &ledger_key(), secret.as_str(), Utc::now())
        .await
        .unwrap();
    let outcome = join(&t.db, "ADA@example.org", true).await;
    let JoinOutcome::AlreadyMember { member } = outcome else {
        panic!("{outcome:?}")
    };
    assert!(
        !member.newsletter_requested,
        "a form cannot change an active member"
    );
    assert_eq!(
        member::Entity::find().count(t.db.reader()).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn the_per_address_throttle_counts_recent_mail() {
    let t = test_db().await;
    for _ in 0..2 {
        let JoinOutcome::Confirm { member, .. } = join(&t.db, "ada@example.org", false).await
        else {
            panic!()
        };
        queue(&t.db, membership::CONFIRM_MAIL, &member).await;
    }
    assert!(matches!(
        join(&t.db, "ada@example.org", false).await,
        JoinOutcome::Throttled
    ));
    // Another address is not affected.
    assert!(matches!(
        join(&t.db, "other@example.org", false).await,
        JoinOutcome::Confirm { .. }
    ));
}

#[tokio::test]
async fn expired_links_do_not_confirm_but_can_be_renewed() {
    let t = test_db().await;
    let JoinOutcome::Confirm { token: secret, .. } = join(&t.db, "ada@example.org", false).await
    else {
        panic!()
    };
    let later = Utc::now() + Duration::days(8);
    assert!(matches!(
        membership::confirm(t.db.writer(), &ledger_key(), secret.as_str(), later)
            .await
            .unwrap(),
        ConfirmOutcome::Expired
    ));
    let (member, fresh, _) = membership::renew(t.db.writer(), secret.as_str(), THROTTLE, later)
        .await
        .unwrap()
        .expect("a pending member gets a new link");
    assert_eq!(member.status, domain::membership::Status::Pending);
    assert!(matches!(
        membership::confirm(t.db.writer(), &ledger_key(), fresh.as_str(), later)
            .await
            .unwrap(),
        ConfirmOutcome::Confirmed { .. }
    ));
    // A token of another kind or a made-up one is unknown.
    assert!(matches!(
        membership::check_link(t.db.reader(), &"f".repeat(64), later)
            .await
            .unwrap(),
        ConfirmOutcome::Unknown
    ));
}

#[tokio::test]
async fn the_outbox_claims_each_row_once_and_keeps_failures() {
    let t = test_db().await;
    let JoinOutcome::Confirm { member, .. } = join(&t.db, "ada@example.org", false).await else {
        panic!()
    };
    for _ in 0..3 {
        queue(&t.db, membership::CONFIRM_MAIL, &member).await;
    }
    let now = Utc::now();
    let lease = Duration::minutes(5);
    let first = outbox::claim(t.db.writer(), now, 2, lease).await.unwrap();
    let second = outbox::claim(t.db.writer(), now, 10, lease).await.unwrap();
    assert_eq!((first.len(), second.len()), (2, 1), "no row claimed twice");
    assert!(
        first
            .iter()
            .all(|r| r.attempts == 1 && r.status == outbox::Status::Sending)
    );
    outbox::mark_failed(t.db.writer(), first[0].id, "550 no such user")
        .await
        .unwrap();
    // The claim holds: the delivery is recorded; a stale claim (an older attempt) is not.
    assert!(
        outbox::mark_sent_many(t.db.writer(), &[(first[1].id, 0, "<id@x>".into())], now)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        outbox::mark_sent_many(t.db.writer(), &[(first[1].id, 1, "<id@x>".into())], now)
            .await
            .unwrap(),
        [first[1].id].into_iter().collect()
    );
    outbox::clear_bodies(t.db.writer(), &[first[1].id])
        .await
        .unwrap();
    outbox::retry_later(
        t.db.writer(),
        second[0].id,
        "421 busy",
        now + Duration::minutes(1),
    )
    .await
    .unwrap();
    let rows = outbox_row::Entity::find().all(t.db.reader()).await.unwrap();
    assert_eq!(rows.len(), 3, "nothing is ever deleted");
    assert_eq!(outbox::unfinished_count(t.db.reader()).await.unwrap(), 1);
    let sent = rows
        .iter()
        .find(|r| r.status == outbox::Status::Sent)
        .unwrap();
    assert!(
        sent.body_text.is_empty() && sent.body_html.is_empty(),
        "bodies are emptied once sent"
    );
}

fn ledger_key() -> reseau_domain::sign_in_guard::AddressKey {
    reseau_domain::sign_in_guard::AddressKey::for_ledger(b"a test secret of thirty-two bytes")
        .unwrap()
}
