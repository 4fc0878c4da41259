//! The back office's member search folds case and accents the same on SQLite (whose `lower()`
//! and `LIKE` fold only A–Z) and PostgreSQL: against a migrated SQLite file always, and a
//! PostgreSQL database of its own when `RESEAU_TEST_POSTGRES_URL` names a server.

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use reseau_domain as domain;

use chrono::Utc;
use domain::{
    Db, EmailAddress, FullName, Language, consent,
    directory::{self, Filter},
    entities::member,
    membership::{self, JoinOutcome, JoinRequest, Throttle},
    organizers::Scope,
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, IntoActiveModel, Set};

async fn join(db: &Db, name: &str, email: &str) -> member::Model {
    let request = JoinRequest {
        email: EmailAddress::parse(email).unwrap(),
        full_name: FullName::parse(name).unwrap(),
        chapter_id: 1,
        region: None,
        interests: vec![],
        language: Language::Fr,
        newsletter: false,
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

async fn found(db: &Db, query: &str) -> Vec<String> {
    let filter = Filter {
        query: Some(query.into()),
        ..Filter::default()
    };
    let (rows, _) = directory::page(db.reader(), &Scope::All, &filter, 0, 50)
        .await
        .unwrap();
    let mut names: Vec<String> = rows.into_iter().map(|m| m.full_name).collect();
    names.sort();
    names
}

async fn search_folds_case_and_accents(db: Db) {
    let emilie = join(&db, "Émilie Dupont", "emilie@example.org").await;
    join(&db, "José Núñez", "JOSE.NUNEZ@example.org").await;
    join(&db, "Ana Lopez", "ana@example.org").await;

    for query in ["Émilie", "émilie", "emilie", "EMILIE", "ÉMI"] {
        assert_eq!(found(&db, query).await, ["Émilie Dupont"], "{query}");
    }
    for query in ["ñúñez", "Nunez", "NÚÑEZ", "jose.nunez@"] {
        assert_eq!(found(&db, query).await, ["José Núñez"], "{query}");
    }
    // Wildcards typed by a person stay literal (`LIKE`'s on PostgreSQL, `GLOB`'s on SQLite).
    for typed in ["%", "_", "*", "?", "[a", "*@example.org"] {
        assert!(found(&db, typed).await.is_empty(), "{typed}");
    }
    // The name and the address never meet in one match.
    assert!(found(&db, "dupont emilie").await.is_empty());

    // A correction refolds the column.
    let mut active = emilie.into_active_model();
    active.full_name = Set("Zoë Martin".into());
    let corrected = active.update(db.writer()).await.unwrap();
    assert_eq!(found(&db, "zoe").await, ["Zoë Martin"]);
    assert!(found(&db, "emilie dupont").await.is_empty());
    assert_eq!(
        found(&db, "emilie@").await,
        ["Zoë Martin"],
        "the address still matches"
    );

    // Erasure empties it.
    let mut active = corrected.into_active_model();
    active.full_name = Set(String::new());
    active.email = Set(domain::account::erased_address(active.id.clone().unwrap()));
    active.status = Set(membership::Status::Erased);
    let erased = active.update(db.writer()).await.unwrap();
    assert_eq!(erased.search_text, "");
    assert!(found(&db, "zoe").await.is_empty());

    newsletter_filter_follows_the_ledger(&db).await;
}

/// The directory's newsletter filter reads the decision mirrored on the member, which every
/// append to the ledger keeps: a yes, a yes then a no, and no decision at all.
async fn newsletter_filter_follows_the_ledger(db: &Db) {
    let yes = join(db, "Yara Sim", "yara@example.org").await;
    let changed = join(db, "Noor Ali", "noor@example.org").await;
    let undecided = join(db, "Uma Roy", "uma@example.org").await;
    let decide = |member_id, granted| consent::Entry {
        member_id,
        purpose: consent::Purpose::Newsletter,
        granted,
        wording_version: "v1",
        language: Language::En,
        source: "test",
        email_hash: "",
        evidence: None,
    };
    let now = Utc::now();
    consent::append(db.writer(), decide(yes.id, true), now)
        .await
        .unwrap();
    consent::append(db.writer(), decide(changed.id, true), now)
        .await
        .unwrap();
    consent::append(db.writer(), decide(changed.id, false), now)
        .await
        .unwrap();
    let with = |newsletter| async move {
        let filter = Filter {
            newsletter: Some(newsletter),
            ..Filter::default()
        };
        let (rows, total) = directory::page(db.reader(), &Scope::All, &filter, 0, 50)
            .await
            .unwrap();
        let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
        assert_eq!(ids.len() as u64, total);
        ids
    };
    assert_eq!(with(true).await, [yes.id]);
    let no = with(false).await;
    assert!(
        no.contains(&changed.id) && no.contains(&undecided.id),
        "{no:?}"
    );
    assert!(!no.contains(&yes.id));
}

#[tokio::test]
async fn sqlite_search_folds_case_and_accents() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let db = Db::connect(&url, 4).await.unwrap();
    Migrator::up(db.writer(), None).await.unwrap();
    search_folds_case_and_accents(db).await;
}

#[tokio::test]
async fn postgres_search_folds_case_and_accents() {
    let Ok(url) = std::env::var("RESEAU_TEST_POSTGRES_URL") else {
        eprintln!("RESEAU_TEST_POSTGRES_URL is not set: skipped");
        return;
    };
    let (base, _) = url.split('?').next().unwrap().rsplit_once('/').unwrap();
    let name = format!("reseau_search_{:016x}", rand::random::<u64>());
    let admin = Database::connect(&url).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let db = Db::connect(&format!("{base}/{name}"), 4).await.unwrap();
    Migrator::up(db.writer(), None).await.unwrap();
    let outcome = tokio::spawn(search_folds_case_and_accents(db.clone())).await;
    db.writer().clone().close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}
