//! The version of what the public pages show, on SQLite: a row counted up by triggers on the
//! tables those pages read (migration `m20261206_000600_public_pages`). PostgreSQL announces
//! the same changes with `NOTIFY reseau_public` instead and has no such row.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// The channel PostgreSQL's triggers notify on.
pub const CHANNEL: &str = "reseau_public";

/// The current version on SQLite; `None` on PostgreSQL.
pub async fn version(db: &impl ConnectionTrait) -> Result<Option<i64>, DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(None);
    }
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT version FROM public_version WHERE id = 1",
        ))
        .await?;
    row.map(|r| r.try_get_by_index(0)).transpose()
}
