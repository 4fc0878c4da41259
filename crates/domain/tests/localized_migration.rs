//! The migration to per-language content as one JSON object (`m20261206_000100`): rows written
//! in the old shape (one column per language) read back as `Localized` values with every
//! text, the seeded chapters gain Portuguese unless an organizer rewrote them, and the down
//! migration gives the old columns back. SQLite always; PostgreSQL too when
//! `RESEAU_TEST_POSTGRES_URL` names a server (`RESEAU_REQUIRE_POSTGRES=1` makes a skip fail).

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use reseau_domain as domain;

use chrono::{Duration, Utc};
use domain::{
    Language, Localized,
    entities::{chapter, event, newsletter},
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

const MIGRATION: &str = "m20261206_000100_localized_content";

/// How many migrations come before this one.
fn before() -> u32 {
    Migrator::migrations()
        .iter()
        .position(|m| m.name() == MIGRATION)
        .unwrap() as u32
}

fn name(s: &str) -> Alias {
    Alias::new(s)
}

/// Rows as the old schema held them.
async fn old_rows(db: &DatabaseConnection) {
    let now = Utc::now();
    let chapter_id: i64 = db
        .query_one(
            &Query::select()
                .column(name("id"))
                .from(name("chapters"))
                .and_where(Expr::col(name("slug")).eq("canada"))
                .to_owned(),
        )
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    // An organizer rewrote the United States chapter's English: it gets no seeded Portuguese.
    db.execute(
        &Query::update()
            .table(name("chapters"))
            .value(name("name_en"), "United States of America")
            .and_where(Expr::col(name("slug")).eq("united-states"))
            .to_owned(),
    )
    .await
    .unwrap();
    db.execute(
        &Query::insert()
            .into_table(name("events"))
            .columns(
                [
                    "chapter_id",
                    "slug",
                    "title_en",
                    "title_fr",
                    "title_es",
                    "description_en",
                    "description_fr",
                    "description_es",
                    "format",
                    "starts_at",
                    "ends_at",
                    "time_zone",
                    "status",
                    "created_at",
                    "updated_at",
                ]
                .map(name),
            )
            .values_panic([
                chapter_id.into(),
                "summit".into(),
                "Summit".into(),
                "Sommet".into(),
                "  ".into(),
                "**Talks**".into(),
                "Des ateliers".into(),
                "Charlas".into(),
                "in-person".into(),
                (now + Duration::days(3)).into(),
                (now + Duration::days(3) + Duration::hours(2)).into(),
                "America/Toronto".into(),
                "published".into(),
                now.into(),
                now.into(),
            ])
            .to_owned(),
    )
    .await
    .unwrap();
    db.execute(
        &Query::insert()
            .into_table(name("newsletters"))
            .columns(
                [
                    "subject_en",
                    "body_en",
                    "subject_fr",
                    "body_fr",
                    "subject_es",
                    "body_es",
                    "audience_chapters",
                    "audience_interests",
                    "audience_languages",
                    "status",
                    "created_at",
                    "updated_at",
                ]
                .map(name),
            )
            .values_panic([
                "News".into(),
                "Hello".into(),
                "Nouvelles".into(),
                "Bonjour".into(),
                Option::<String>::None.into(),
                Option::<String>::None.into(),
                format!("[{chapter_id}]").into(),
                "[]".into(),
                "[]".into(),
                "draft".into(),
                now.into(),
                now.into(),
            ])
            .to_owned(),
    )
    .await
    .unwrap();
}

/// What the rows read as once migrated.
async fn check_migrated(db: &DatabaseConnection) {
    let summit = event::Entity::find()
        .filter(event::Column::Slug.eq("summit"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        summit.title,
        Localized::new()
            .with(Language::En, "Summit")
            .with(Language::Fr, "Sommet")
    );
    assert_eq!(summit.description.get(Language::Es), Some("Charlas"));
    assert_eq!(summit.title(Language::Pt), "Summit");

    let letter = newsletter::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(
        letter.languages(),
        [Language::En, Language::Fr],
        "no Spanish version"
    );
    assert_eq!(letter.subject.get(Language::Fr), Some("Nouvelles"));

    let chapters = chapter::Entity::find().all(db).await.unwrap();
    let by_slug = |slug: &str| chapters.iter().find(|c| c.slug == slug).unwrap();
    let canada = by_slug("canada");
    assert_eq!(canada.name(Language::Pt), "Canadá");
    assert!(
        canada
            .description(Language::Pt)
            .starts_with("O núcleo canadense")
    );
    assert_eq!(canada.name(Language::Es), "Canadá");
    assert_eq!(by_slug("mexico").name(Language::Pt), "México");
    let united_states = by_slug("united-states");
    assert_eq!(united_states.name.get(Language::Pt), None);
    assert_eq!(united_states.name(Language::Pt), "United States of America");
    assert_eq!(united_states.name(Language::Fr), "États-Unis");
}

async fn migrates_each_text_and_back(db: DatabaseConnection) {
    Migrator::up(&db, Some(before())).await.unwrap();
    old_rows(&db).await;
    Migrator::up(&db, None).await.unwrap();
    check_migrated(&db).await;

    // Down: the old columns come back with English, French and Spanish.
    let after = Migrator::migrations().len() as u32 - before();
    Migrator::down(&db, Some(after)).await.unwrap();
    let row = db
        .query_one(
            &Query::select()
                .columns(["title_fr", "title_es", "description_es"].map(name))
                .from(name("events"))
                .to_owned(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<String>("", "title_fr").unwrap(), "Sommet");
    assert_eq!(row.try_get::<String>("", "title_es").unwrap(), "");
    assert_eq!(
        row.try_get::<String>("", "description_es").unwrap(),
        "Charlas"
    );
    let row = db
        .query_one(
            &Query::select()
                .columns(["subject_es", "body_fr"].map(name))
                .from(name("newsletters"))
                .to_owned(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.try_get::<Option<String>>("", "subject_es").unwrap(),
        None
    );
    assert_eq!(row.try_get::<String>("", "body_fr").unwrap(), "Bonjour");

    // And up again reads the same.
    Migrator::up(&db, None).await.unwrap();
    check_migrated(&db).await;
}

#[tokio::test]
async fn sqlite_migrates_each_text_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let db = Database::connect(&url).await.unwrap();
    migrates_each_text_and_back(db).await;
}

#[tokio::test]
async fn postgres_migrates_each_text_and_back() {
    let url = std::env::var("RESEAU_TEST_POSTGRES_URL").ok();
    let required = std::env::var("RESEAU_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    assert!(
        url.is_some() || !required,
        "RESEAU_REQUIRE_POSTGRES is set but RESEAU_TEST_POSTGRES_URL is not"
    );
    let Some(url) = url else {
        eprintln!("RESEAU_TEST_POSTGRES_URL is not set: skipped");
        return;
    };
    let (base, _) = url.split('?').next().unwrap().rsplit_once('/').unwrap();
    let db_name = format!("reseau_loc_{:016x}", rand::random::<u64>());
    let admin = Database::connect(&url).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {db_name}"))
        .await
        .unwrap();
    let db = Database::connect(&format!("{base}/{db_name}"))
        .await
        .unwrap();
    let outcome = tokio::spawn(migrates_each_text_and_back(db.clone())).await;
    db.close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"))
        .await
        .unwrap();
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}
