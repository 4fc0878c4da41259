//! Fresh databases: a SQLite file in the scenario's folder, or a PostgreSQL database created
//! for the scenario on the given server and dropped after it.

use std::path::Path;

use anyhow::Context;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    /// The URL of a server and a database we may connect to, to create others.
    Postgres(String),
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }
}

pub struct FreshDb {
    pub url: String,
    postgres: Option<(String, String)>,
}

impl FreshDb {
    /// `file` names the SQLite file in `dir`; on PostgreSQL a database `bench_<random>` is made.
    pub async fn create(backend: &Backend, dir: &Path, file: &str) -> anyhow::Result<Self> {
        match backend {
            Backend::Sqlite => Ok(Self {
                url: format!("sqlite://{}", dir.join(file).display()),
                postgres: None,
            }),
            Backend::Postgres(admin_url) => {
                let name = format!("bench_{:016x}", rand::random::<u64>());
                let admin = Database::connect(admin_url)
                    .await
                    .with_context(|| format!("connecting to {admin_url}"))?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .with_context(|| format!("creating database {name}"))?;
                admin.close().await.ok();
                let mut url = url::Url::parse(admin_url).context("--postgres is not a URL")?;
                url.set_path(&format!("/{name}"));
                Ok(Self {
                    url: url.to_string(),
                    postgres: Some((admin_url.clone(), name)),
                })
            }
        }
    }

    /// Drops the PostgreSQL database (the SQLite file goes with its folder).
    pub async fn drop(self) -> anyhow::Result<()> {
        if let Some((admin_url, name)) = self.postgres {
            let admin = Database::connect(&admin_url)
                .await
                .with_context(|| format!("connecting to {admin_url}"))?;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .with_context(|| format!("dropping database {name}"))?;
            admin.close().await.ok();
        }
        Ok(())
    }
}

/// Opens `url` for checks (SQLite in WAL mode is readable while the server writes).
pub async fn open(url: &str) -> anyhow::Result<DatabaseConnection> {
    Database::connect(url)
        .await
        .with_context(|| format!("opening {url}"))
}

/// The first column of the first row of `sql`, as a number.
pub async fn count(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .with_context(|| format!("running {sql}"))?
        .with_context(|| format!("no row from {sql}"))?;
    row.try_get_by_index::<i64>(0)
        .with_context(|| format!("reading the number from {sql}"))
}

/// A published event to seed, straight into the `events` table (the bench has no organizer
/// session to create one through the back office, and needs none: publishing only sets
/// `status = 'published'` once the English and French texts are there).
pub struct EventSeed<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    /// `in-person`, `online` or `hybrid`.
    pub format: &'a str,
    /// `None` is unlimited.
    pub capacity: Option<i32>,
    pub waitlist: bool,
    /// Days from now to its start; it lasts three hours.
    pub starts_in_days: i64,
}

/// Inserts `event` as a published event of the `canada` chapter; returns its id.
pub async fn seed_event(db: &DatabaseConnection, event: &EventSeed<'_>) -> anyhow::Result<i64> {
    use sea_orm::sea_query::{Alias, Query};

    let chapter = count(db, "SELECT id FROM chapters WHERE slug = 'canada'").await?;
    let now = chrono::Utc::now();
    let starts = now + chrono::Duration::days(event.starts_in_days);
    let ends = starts + chrono::Duration::hours(3);
    let description = format!(
        "{}\n\nA **bench** event: a talk, then questions from the room and online.",
        event.title
    );
    let (venue, address, link) = match event.format {
        "online" => (None, None, Some("https://meet.example.org/bench")),
        "hybrid" => (
            Some("Bench Hall"),
            Some("100 Wellington Street, Ottawa ON"),
            Some("https://meet.example.org/bench"),
        ),
        _ => (
            Some("Bench Hall"),
            Some("100 Wellington Street, Ottawa ON"),
            None,
        ),
    };
    let columns = [
        "chapter_id",
        "slug",
        "title_en",
        "title_fr",
        "title_es",
        "description_en",
        "description_fr",
        "description_es",
        "format",
        "venue",
        "address",
        "online_link",
        "starts_at",
        "ends_at",
        "time_zone",
        "capacity",
        "seats_taken",
        "waitlist_enabled",
        "status",
        "created_at",
        "updated_at",
    ];
    let values: Vec<sea_orm::sea_query::Expr> = vec![
        chapter.into(),
        event.slug.into(),
        event.title.into(),
        format!("{} (fr)", event.title).into(),
        format!("{} (es)", event.title).into(),
        description.clone().into(),
        format!("{description} (fr)").into(),
        format!("{description} (es)").into(),
        event.format.into(),
        venue.map(str::to_owned).into(),
        address.map(str::to_owned).into(),
        link.map(str::to_owned).into(),
        starts.into(),
        ends.into(),
        "America/Toronto".into(),
        event.capacity.into(),
        0i32.into(),
        event.waitlist.into(),
        "published".into(),
        now.into(),
        now.into(),
    ];
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new("events"))
        .columns(columns.map(Alias::new))
        .values(values)
        .context("building the event insert")?;
    db.execute(&insert)
        .await
        .with_context(|| format!("seeding event {}", event.slug))?;
    let id = count(
        db,
        &format!("SELECT id FROM events WHERE slug = '{}'", event.slug),
    )
    .await?;
    Ok(id)
}
