//! What the back office needs at a million members (issue 18, measured by the bench's
//! `scale-data`):
//!
//! - `members.newsletter_decision`: the member's latest newsletter decision (yes, no, or none
//!   yet), kept by the domain in the statement that appends it to the ledger, so that counting
//!   a newsletter's audience or the unsubscribed reads an index rather than the ledger once
//!   per member. The ledger stays the record; this column mirrors its latest row, and is
//!   filled here from it. Indexed with what the audience and the dashboard filter on.
//! - The member search (`search_text` contains what was typed, anywhere) by trigrams: on
//!   PostgreSQL a `pg_trgm` GIN index, which `LIKE '%…%'` uses (skipped, with a notice, where
//!   the extension cannot be created: the search then reads the table as before); on SQLite
//!   an FTS5 trigram table over `members.search_text`, kept by triggers, which the domain's
//!   search queries with `GLOB`.
//! - The members list's deep pages: an index of the ids with the status and chapter, which the
//!   page's ids are read from.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const AUDIENCE_INDEX: &str = "idx_members_newsletter_audience";
/// The members list's page: ids in order with what the scope and the list filter on, so a deep
/// page's `OFFSET` skips entries of this index, not rows of the table.
const PAGE_INDEX: &str = "idx_members_id_status_chapter";
const TRGM_INDEX: &str = "idx_members_search_trgm";

/// SQLite: the trigram table and the triggers that keep it.
pub(crate) const SQLITE_SEARCH: [&str; 5] = [
    "CREATE VIRTUAL TABLE member_search USING fts5(search_text, content='members', \
     content_rowid='id', tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER member_search_insert AFTER INSERT ON members BEGIN \
     INSERT INTO member_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER member_search_delete AFTER DELETE ON members BEGIN \
     INSERT INTO member_search(member_search, rowid, search_text) \
     VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER member_search_update AFTER UPDATE OF search_text ON members BEGIN \
     INSERT INTO member_search(member_search, rowid, search_text) \
     VALUES ('delete', old.id, old.search_text); \
     INSERT INTO member_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO member_search(member_search) VALUES ('rebuild')",
];

const POSTGRES_SEARCH: [&str; 2] = [
    "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; \
     EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm unavailable: the member search reads the table'; END $$",
    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN \
     CREATE INDEX IF NOT EXISTS idx_members_search_trgm ON members USING gin (search_text gin_trgm_ops); \
     END IF; END $$",
];

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
    NewsletterDecision,
    Status,
    ChapterId,
    NewsletterSuspendedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .add_column(ColumnDef::new(Members::NewsletterDecision).boolean().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE members SET newsletter_decision = (SELECT c.granted FROM consents c \
             WHERE c.member_id = members.id AND c.purpose = 'newsletter' \
             ORDER BY c.id DESC LIMIT 1)",
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name(AUDIENCE_INDEX)
                    .table(Members::Table)
                    .col(Members::Status)
                    .col(Members::NewsletterDecision)
                    .col(Members::ChapterId)
                    .col(Members::NewsletterSuspendedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(PAGE_INDEX)
                    .table(Members::Table)
                    .col(Members::Id)
                    .col(Members::Status)
                    .col(Members::ChapterId)
                    .to_owned(),
            )
            .await?;
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &SQLITE_SEARCH,
            DbBackend::Postgres => &POSTGRES_SEARCH,
            _ => &[],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for name in [
                    "member_search_insert",
                    "member_search_delete",
                    "member_search_update",
                ] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}"))
                        .await?;
                }
                db.execute_unprepared("DROP TABLE IF EXISTS member_search")
                    .await?;
            }
            DbBackend::Postgres => {
                db.execute_unprepared(&format!("DROP INDEX IF EXISTS {TRGM_INDEX}"))
                    .await?;
            }
            _ => {}
        }
        manager
            .drop_index(
                Index::drop()
                    .name(PAGE_INDEX)
                    .table(Members::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(AUDIENCE_INDEX)
                    .table(Members::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .drop_column(Members::NewsletterDecision)
                    .to_owned(),
            )
            .await
    }
}
