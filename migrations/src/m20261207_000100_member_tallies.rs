//! Members counted by chapter, status, the day they joined and the day they confirmed, for the
//! dashboard and the members list's total (issue 18: at a million members, grouping the
//! members table on each view took a second on PostgreSQL and three on SQLite).
//!
//! Triggers on `members` add one to the group of the row as it now is and take one from the
//! group of what it was, whatever door wrote it (the forms, the import, the API, the purge).
//! On SQLite, whose one writer never waits on another, each group is one row, updated in
//! place. On PostgreSQL an updated counter row would make concurrent sign-ups to a chapter
//! wait for each other's commit, so the triggers append `+1` and `-1` rows instead and the
//! scheduled housekeeping folds each group back into one row
//! (`domain::stats::tallies::fold`).
//!
//! The two member indexes the charts read until now (`m20261206_000110_dashboard_indexes`)
//! are dropped: nothing else reads them, and every sign-up and confirmation wrote them. A count is the sum of `n` over its group; a member who
//! has not confirmed is on `confirmed_on` `''` on SQLite, `NULL` on PostgreSQL.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The chart indexes this drops, with their columns (for `down`).
const CHART_INDEXES: [(&str, &[&str]); 2] = [
    ("idx_members_chapter_created", &["chapter_id", "created_at"]),
    (
        "idx_members_status_chapter_confirmed",
        &["status", "chapter_id", "confirmed_at"],
    ),
];

/// SQLite: one row per group, its count moved by an upsert.
const SQLITE: [&str; 5] = [
    "CREATE TABLE member_tallies (chapter_id INTEGER NOT NULL, status TEXT NOT NULL, \
     joined_on TEXT NOT NULL, confirmed_on TEXT NOT NULL, n INTEGER NOT NULL, \
     PRIMARY KEY (chapter_id, status, joined_on, confirmed_on)) WITHOUT ROWID",
    "CREATE TRIGGER member_tally_insert AFTER INSERT ON members BEGIN \
     INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
     VALUES (new.chapter_id, new.status, date(new.created_at), \
     coalesce(date(new.confirmed_at), ''), 1) \
     ON CONFLICT DO UPDATE SET n = n + 1; END",
    "CREATE TRIGGER member_tally_delete AFTER DELETE ON members BEGIN \
     INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
     VALUES (old.chapter_id, old.status, date(old.created_at), \
     coalesce(date(old.confirmed_at), ''), -1) \
     ON CONFLICT DO UPDATE SET n = n - 1; END",
    "CREATE TRIGGER member_tally_update AFTER UPDATE OF chapter_id, status, created_at, \
     confirmed_at ON members WHEN old.chapter_id IS NOT new.chapter_id \
     OR old.status IS NOT new.status OR date(old.created_at) IS NOT date(new.created_at) \
     OR date(old.confirmed_at) IS NOT date(new.confirmed_at) BEGIN \
     INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
     VALUES (old.chapter_id, old.status, date(old.created_at), \
     coalesce(date(old.confirmed_at), ''), -1) \
     ON CONFLICT DO UPDATE SET n = n - 1; \
     INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
     VALUES (new.chapter_id, new.status, date(new.created_at), \
     coalesce(date(new.confirmed_at), ''), 1) \
     ON CONFLICT DO UPDATE SET n = n + 1; END",
    "INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
     SELECT chapter_id, status, date(created_at), coalesce(date(confirmed_at), ''), COUNT(*) \
     FROM members GROUP BY 1, 2, 3, 4",
];

/// PostgreSQL: rows appended, folded by the housekeeping.
const POSTGRES: [&str; 5] = [
    "CREATE TABLE member_tallies (id BIGSERIAL PRIMARY KEY, chapter_id BIGINT NOT NULL, \
     status VARCHAR(16) NOT NULL, joined_on DATE NOT NULL, confirmed_on DATE, n BIGINT NOT NULL)",
    "CREATE FUNCTION member_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
     IF TG_OP <> 'INSERT' THEN \
     INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
     VALUES (OLD.chapter_id, OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date, \
     (OLD.confirmed_at AT TIME ZONE 'UTC')::date, -1); END IF; \
     IF TG_OP <> 'DELETE' THEN \
     INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
     VALUES (NEW.chapter_id, NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date, \
     (NEW.confirmed_at AT TIME ZONE 'UTC')::date, 1); END IF; \
     RETURN NULL; END $$",
    "CREATE TRIGGER member_tally_insert_delete AFTER INSERT OR DELETE ON members \
     FOR EACH ROW EXECUTE FUNCTION member_tally()",
    "CREATE TRIGGER member_tally_update AFTER UPDATE OF chapter_id, status, created_at, \
     confirmed_at ON members FOR EACH ROW WHEN (OLD.chapter_id IS DISTINCT FROM NEW.chapter_id \
     OR OLD.status IS DISTINCT FROM NEW.status \
     OR (OLD.created_at AT TIME ZONE 'UTC')::date IS DISTINCT FROM (NEW.created_at AT TIME ZONE 'UTC')::date \
     OR (OLD.confirmed_at AT TIME ZONE 'UTC')::date IS DISTINCT FROM (NEW.confirmed_at AT TIME ZONE 'UTC')::date) \
     EXECUTE FUNCTION member_tally()",
    "INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
     SELECT chapter_id, status, (created_at AT TIME ZONE 'UTC')::date, \
     (confirmed_at AT TIME ZONE 'UTC')::date, COUNT(*) FROM members GROUP BY 1, 2, 3, 4",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &SQLITE,
            _ => &POSTGRES,
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        for (index, _) in CHART_INDEXES {
            manager
                .drop_index(
                    Index::drop()
                        .name(index)
                        .table(Alias::new("members"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, columns) in CHART_INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new("members"));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &[
                "DROP TRIGGER IF EXISTS member_tally_insert",
                "DROP TRIGGER IF EXISTS member_tally_delete",
                "DROP TRIGGER IF EXISTS member_tally_update",
                "DROP TABLE IF EXISTS member_tallies",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS member_tally_insert_delete ON members",
                "DROP TRIGGER IF EXISTS member_tally_update ON members",
                "DROP FUNCTION IF EXISTS member_tally()",
                "DROP TABLE IF EXISTS member_tallies",
            ],
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}
