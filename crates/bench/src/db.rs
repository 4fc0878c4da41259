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
