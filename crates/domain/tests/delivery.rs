//! The outbox's last-moment rules against a real, migrated SQLite database: the lanes, and
//! the record of a delivery refusing a row whose recipient was erased meanwhile.

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use reseau_domain as domain;

use chrono::{Duration, Utc};
use domain::{
    Db, Language, account, membership,
    outbox::{self, Lane, NewEmail, Settled},
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

async fn test_db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let db = Db::connect(&url, 4).await.unwrap();
    Migrator::up(db.writer(), None).await.unwrap();
    (db, dir)
}

async fn queue(db: &Db, kind: &'static str, member_id: Option<i64>) {
    outbox::enqueue(
        db.writer(),
        NewEmail {
            kind,
            recipient: "ada@example.org".into(),
            language: Language::En,
            member_id,
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

async fn execute(db: &Db, sql: &str) {
    db.writer()
        .execute_raw(Statement::from_string(db.backend(), sql.to_owned()))
        .await
        .unwrap();
}

#[tokio::test]
async fn each_lane_claims_its_own_rows_and_an_erased_recipient_gets_only_the_goodbye() {
    let (db, _dir) = test_db().await;
    execute(
        &db,
        "INSERT INTO members (email, full_name, language, chapter_id, interests, status, newsletter_requested, join_wording_version, join_source, join_language, created_at, updated_at, hard_bounces) \
         VALUES ('ada@example.org', 'Ada', 'en', 1, '', 'active', false, 'v1', 'test', 'en', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 0)",
    )
    .await;
    queue(&db, outbox::EVENT_MESSAGE_MAIL, Some(1)).await;
    queue(&db, account::SIGN_IN_MAIL, Some(1)).await;
    queue(&db, membership::WELCOME_MAIL, Some(1)).await;
    queue(&db, account::GOODBYE_MAIL, Some(1)).await;
    assert_eq!(Lane::of(outbox::EVENT_MESSAGE_MAIL), Lane::Bulk);
    assert_eq!(Lane::of(domain::newsletters::MAIL_KIND), Lane::Bulk);
    assert_eq!(Lane::of(account::SIGN_IN_MAIL), Lane::Transactional);

    let now = Utc::now();
    let lease = Duration::minutes(5);
    // The transactional lane never takes the bulk row queued before it, and the other way.
    let urgent = outbox::claim_lane(db.writer(), Lane::Transactional, now, 10, lease)
        .await
        .unwrap();
    assert_eq!(
        urgent.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
        [
            account::SIGN_IN_MAIL,
            membership::WELCOME_MAIL,
            account::GOODBYE_MAIL
        ]
    );
    let bulk = outbox::claim_lane(db.writer(), Lane::Bulk, now, 10, lease)
        .await
        .unwrap();
    assert_eq!(bulk.len(), 1);
    assert_eq!(bulk[0].kind, outbox::EVENT_MESSAGE_MAIL);

    // Erased while the rows are in flight: at the final dot only the goodbye is recorded.
    execute(&db, "UPDATE members SET status = 'erased' WHERE id = 1").await;
    let claims: Vec<(i64, i32, String)> = urgent
        .iter()
        .chain(&bulk)
        .map(|r| (r.id, r.attempts, format!("<{}@x>", r.id)))
        .collect();
    let recorded = outbox::mark_sent_many(db.writer(), &claims, now)
        .await
        .unwrap();
    assert_eq!(recorded, [urgent[2].id].into_iter().collect());
    let refused: Vec<(i64, i32)> = claims
        .iter()
        .filter(|(id, _, _)| !recorded.contains(id))
        .map(|(id, attempts, _)| (*id, *attempts))
        .collect();
    let settled = outbox::settle_refused(db.writer(), &refused, now)
        .await
        .unwrap();
    assert_eq!(settled.len(), 3);
    assert!(
        settled
            .values()
            .all(|s| *s == Settled::Skipped(outbox::SKIPPED_ERASED.into())),
        "{settled:?}"
    );
    // Settled once: a second look finds nothing of this worker's left.
    assert!(
        outbox::settle_refused(db.writer(), &refused, now)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(outbox::unfinished_count(db.reader()).await.unwrap(), 0);
}
