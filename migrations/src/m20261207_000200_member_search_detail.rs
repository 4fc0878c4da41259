//! SQLite's member search table (`member_search`, FTS5 trigrams) without positions
//! (`detail=none`). The search asks it for rows holding every trigram of the typed text and
//! FTS5 checks each candidate's text against the `GLOB` itself, so the positions were never
//! read; keeping them cost every sign-up most of its write: at a million members, inserting a
//! member took 317 µs of CPU with them and 114 µs without (same file, one insert a
//! transaction), and the index is smaller. PostgreSQL's search is not concerned.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::m20261206_000600_scale::SQLITE_SEARCH;

#[derive(DeriveMigrationName)]
pub struct Migration;

const DROP: [&str; 4] = [
    "DROP TRIGGER IF EXISTS member_search_insert",
    "DROP TRIGGER IF EXISTS member_search_delete",
    "DROP TRIGGER IF EXISTS member_search_update",
    "DROP TABLE IF EXISTS member_search",
];

const WITHOUT_POSITIONS: &str = "CREATE VIRTUAL TABLE member_search USING fts5(search_text, \
     content='members', content_rowid='id', tokenize='trigram case_sensitive 1', detail=none)";

/// Drops the table and its triggers, creates it with `create`, and the triggers and its
/// contents again as the first search migration wrote them.
async fn recreate(manager: &SchemaManager<'_>, create: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    let db = manager.get_connection();
    for statement in DROP {
        db.execute_unprepared(statement).await?;
    }
    db.execute_unprepared(create).await?;
    // The three triggers, then the rebuild from `members`.
    for statement in &SQLITE_SEARCH[1..] {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        recreate(manager, WITHOUT_POSITIONS).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        recreate(manager, SQLITE_SEARCH[0]).await
    }
}
