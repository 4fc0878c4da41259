//! Connections. SQLite has one writer: writes go through a one-connection pool in WAL mode with
//! `BEGIN IMMEDIATE` and a busy timeout, reads through a pool of their own. PostgreSQL uses one
//! pool for both.

use std::{path::Path, time::Duration};

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

#[derive(Clone, Debug)]
pub struct Db {
    read: DatabaseConnection,
    write: DatabaseConnection,
    /// The SQLite file, when it is one.
    file: Option<std::path::PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("could not create the folder for the SQLite file {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to the database: {0}")]
    Connect(#[from] DbErr),
}

impl Db {
    /// Opens the database at `url` (`sqlite:…` or `postgres://…`) with up to `max_connections`
    /// for reads.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, ConnectError> {
        if let Some(path) = sqlite_path(url) {
            if let Some(parent) = Path::new(path)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
            {
                std::fs::create_dir_all(parent).map_err(|source| ConnectError::Folder {
                    path: parent.display().to_string(),
                    source,
                })?;
            }
            let url = if url.contains('?') {
                url.to_owned()
            } else {
                format!("{url}?mode=rwc")
            };
            let write = Database::connect(sqlite_options(&url, 1)).await?;
            let read = Database::connect(sqlite_options(&url, max_connections.max(1))).await?;
            Ok(Self {
                read,
                write,
                file: Some(path.into()),
            })
        } else {
            let mut options = ConnectOptions::new(url);
            options
                .max_connections(max_connections.max(2))
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(5))
                .connect_timeout(Duration::from_secs(5))
                .sqlx_logging(false);
            let pool = Database::connect(options).await?;
            Ok(Self {
                read: pool.clone(),
                write: pool,
                file: None,
            })
        }
    }

    /// For reads that need no transaction.
    pub fn reader(&self) -> &DatabaseConnection {
        &self.read
    }

    /// The connection that writes: migrations, the worker's single statements.
    pub fn writer(&self) -> &DatabaseConnection {
        &self.write
    }

    /// The SQLite database's file (its `-wal` beside it); `None` on PostgreSQL.
    pub fn sqlite_file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    pub fn backend(&self) -> DbBackend {
        self.write.get_database_backend()
    }

    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// it never fails half-way on a lock upgrade.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        self.write
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
    }

    /// Gives SQLite's query planner the tables' statistics, which PostgreSQL's autovacuum keeps
    /// on its own: without them SQLite reads a million-member list by chapter (all of it, then
    /// sorted) rather than through the index that serves the query, and a search, a deep page
    /// or each chunk of the export took a second or more (issue 18, the bench's `scale-data`).
    /// A whole `ANALYZE`, not a sampled one: a sample of 1,000 rows made `chapter_id = ?` look
    /// selective and kept the bad plans. About 3 s at a million members.
    pub async fn refresh_statistics(&self) -> Result<(), DbErr> {
        if self.backend() == DbBackend::Sqlite {
            self.write.execute_unprepared("ANALYZE").await?;
        }
        Ok(())
    }

    /// Whether the database answers, for readiness checks.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.read.ping().await
    }

    /// How full each connection pool is, for the metrics endpoint. SQLite has a reader pool
    /// and a one-connection writer; PostgreSQL one pool shared by both.
    pub fn pool_use(&self) -> Vec<PoolUse> {
        match self.backend() {
            DbBackend::Sqlite => vec![
                PoolUse::of("reader", self.read.get_sqlite_connection_pool()),
                PoolUse::of("writer", self.write.get_sqlite_connection_pool()),
            ],
            DbBackend::Postgres => vec![PoolUse::of(
                "shared",
                self.write.get_postgres_connection_pool(),
            )],
            _ => Vec::new(),
        }
    }
}

/// A connection pool's use at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    pub pool: &'static str,
    /// Connections open, idle or in use.
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

impl PoolUse {
    fn of<D: sea_orm::sqlx::Database>(pool: &'static str, p: &sea_orm::sqlx::Pool<D>) -> Self {
        Self {
            pool,
            open: p.size(),
            idle: u32::try_from(p.num_idle()).unwrap_or(u32::MAX),
            max: p.options().get_max_connections(),
        }
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

fn sqlite_options(url: &str, max_connections: u32) -> ConnectOptions {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    options
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(sqlite_path("sqlite://var/reseau.db"), Some("var/reseau.db"));
        assert_eq!(sqlite_path("sqlite:var/r.db?mode=rwc"), Some("var/r.db"));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/x"), None);
    }
}
