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
pub async fn count(db: &impl ConnectionTrait, sql: &str) -> anyhow::Result<i64> {
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
        "title",
        "description",
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
        by_language(|code| match code {
            "en" => event.title.to_owned(),
            code => format!("{} ({code})", event.title),
        })
        .into(),
        by_language(|code| match code {
            "en" => description.clone(),
            code => format!("{description} ({code})"),
        })
        .into(),
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

/// The id of a seeded chapter (`canada`, `united-states`, `mexico`).
pub async fn chapter_id(db: &DatabaseConnection, slug: &str) -> anyhow::Result<i64> {
    count(
        db,
        &format!("SELECT id FROM chapters WHERE slug = '{slug}'"),
    )
    .await
}

/// Inserts active members `<prefix><i>@example.org` for `i` in `range`, in the chapter
/// `chapter(i)`, speaking en, fr and es in turn, straight into `members` (1,000 a statement);
/// with `newsletter`, each also gets a granted newsletter consent, so is in a newsletter's
/// audience.
pub async fn seed_members(
    db: &DatabaseConnection,
    prefix: &str,
    range: std::ops::Range<u64>,
    chapter: impl Fn(u64) -> i64,
    newsletter: bool,
) -> anyhow::Result<()> {
    use sea_orm::{
        TransactionTrait,
        sea_query::{Alias, Expr, Query},
    };

    const LANGUAGES: [&str; 3] = ["en", "fr", "es"];
    let now = chrono::Utc::now();
    let columns = [
        "email",
        "full_name",
        "language",
        "chapter_id",
        "interests",
        "status",
        "newsletter_requested",
        "join_wording_version",
        "join_source",
        "join_language",
        "created_at",
        "updated_at",
        "confirmed_at",
        "hard_bounces",
        "newsletter_decision",
    ];
    let txn = db.begin().await.context("seeding members")?;
    let mut start = range.start;
    while start < range.end {
        let end = (start + 1_000).min(range.end);
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("members"))
            .columns(columns.map(Alias::new));
        for i in start..end {
            let lang = LANGUAGES[(i % 3) as usize];
            let values: Vec<Expr> = vec![
                format!("{prefix}{i}@example.org").into(),
                crate::scenario::person_name(i).into(),
                lang.into(),
                chapter(i).into(),
                "".into(),
                "active".into(),
                newsletter.into(),
                "bench".into(),
                "bench".into(),
                lang.into(),
                now.into(),
                now.into(),
                Some(now).into(),
                0i32.into(),
                // The newsletter consent inserted below, mirrored as the domain does.
                newsletter.then_some(true).into(),
            ];
            insert
                .values(values)
                .context("building the member insert")?;
        }
        txn.execute(&insert)
            .await
            .with_context(|| format!("seeding members {start}..{end}"))?;
        start = end;
    }
    if newsletter {
        let backend = txn.get_database_backend();
        txn.execute_raw(Statement::from_string(
            backend,
            format!(
                "INSERT INTO consents (member_id, purpose, granted, wording_version, language, source, email_hash, created_at) \
                 SELECT id, 'newsletter', {}, 'bench', language, 'bench', '', created_at FROM members WHERE email LIKE '{prefix}%'",
                match backend {
                    sea_orm::DbBackend::Postgres => "TRUE",
                    _ => "1",
                }
            ),
        ))
        .await
        .context("seeding newsletter consents")?;
    }
    txn.commit().await.context("seeding members")?;
    Ok(())
}

/// A newsletter to `chapters`, started at once as `newsletters::start` does it (status
/// `sending`, the audience fixed at the highest member id now); returns its id. The scheduled
/// jobs pick it up within two seconds.
pub async fn start_newsletter(
    db: &DatabaseConnection,
    chapters: &[i64],
    tag: &str,
) -> anyhow::Result<i64> {
    use sea_orm::sea_query::{Alias, Expr, Query};

    let max = count(db, "SELECT COALESCE(MAX(id), 0) FROM members").await?;
    let now = chrono::Utc::now();
    let body = |lang: &str| {
        format!(
            "# Bench news ({lang}, {tag})\n\n\
             The network met in **Ottawa** this month: three panels on health equity, economic \
             inclusion and justice reform, and a workshop on community engagement.\n\n\
             ## Coming up\n\n\
             - A digital summit on anti-racism and equity, online, next month.\n\
             - Regional meetings in Toronto, Montréal and Vancouver.\n\
             - A call for contributions to the Trilateral Expert Network's report.\n\n\
             Read the full report on [our site](https://example.org/report) and tell us what \
             you think: reply to this email or write to the chapter's organizers.\n\n\
             Thank you for being part of the network.\n"
        )
    };
    let subject = by_language(|code| match code {
        "en" => format!("Bench news {tag}"),
        code => format!("Bench news ({code}) {tag}"),
    });
    let columns = [
        "subject",
        "body",
        "audience_chapters",
        "audience_interests",
        "audience_languages",
        "status",
        "started_at",
        "audience_max_member_id",
        "expanded_through",
        "recipients",
        "published",
        "created_at",
        "updated_at",
    ];
    let values: Vec<Expr> = vec![
        subject.clone().into(),
        by_language(body).into(),
        serde_json::json!(chapters).to_string().into(),
        "[]".into(),
        "[]".into(),
        "sending".into(),
        Some(now).into(),
        Some(max).into(),
        0i64.into(),
        0i64.into(),
        false.into(),
        now.into(),
        now.into(),
    ];
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new("newsletters"))
        .columns(columns.map(Alias::new))
        .values(values)
        .context("building the newsletter insert")?;
    db.execute(&insert)
        .await
        .context("inserting the newsletter")?;
    count(
        db,
        &format!(
            "SELECT MAX(id) FROM newsletters WHERE subject = '{}'",
            subject.replace('\'', "''")
        ),
    )
    .await
}

/// A text in every language, stored as Réseau stores people's content (`domain::Localized`):
/// one JSON object by language code.
fn by_language(text: impl Fn(&str) -> String) -> String {
    let texts: serde_json::Map<String, serde_json::Value> = ["en", "fr", "es", "pt"]
        .into_iter()
        .map(|code| (code.to_owned(), text(code).into()))
        .collect();
    serde_json::Value::Object(texts).to_string()
}
