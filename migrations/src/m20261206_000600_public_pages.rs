//! What tells every instance that the public pages changed, so each renders them once per
//! change rather than once per request (`web::page_cache`). The pages show chapters, events
//! (their texts, dates, status and seats left), their sessions and the newsletters' archive;
//! any write to those tables is a change.
//!
//! PostgreSQL: a statement trigger on each table sends `NOTIFY reseau_public` (delivered at
//! commit, once per transaction whatever the number of statements); each instance listens.
//! No shared row is written, so confirmations on different events do not queue on one lock.
//!
//! SQLite: one row, `public_version`, counted up by a trigger per row written in the same
//! transaction; an instance compares it with the version its pages were rendered at. SQLite
//! is one machine and one file, and every writer (a `reseau worker` process included) goes
//! through its triggers.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose rows the public pages show.
const TABLES: [&str; 4] = ["chapters", "events", "event_sessions", "newsletters"];
const OPERATIONS: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION reseau_public_changed() RETURNS trigger AS $$ \
                     BEGIN PERFORM pg_notify('reseau_public', ''); RETURN NULL; END; \
                     $$ LANGUAGE plpgsql",
                )
                .await?;
                for table in TABLES {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER public_changed_{table} \
                         AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         FOR EACH STATEMENT EXECUTE FUNCTION reseau_public_changed()"
                    ))
                    .await?;
                }
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TABLE public_version (\
                     id INTEGER PRIMARY KEY CHECK (id = 1), \
                     version INTEGER NOT NULL)",
                )
                .await?;
                db.execute_unprepared("INSERT INTO public_version (id, version) VALUES (1, 0)")
                    .await?;
                for table in TABLES {
                    for operation in OPERATIONS {
                        let lower = operation.to_lowercase();
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER public_changed_{table}_{lower} \
                             AFTER {operation} ON {table} FOR EACH ROW BEGIN \
                             UPDATE public_version SET version = version + 1 WHERE id = 1; END"
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                for table in TABLES {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS public_changed_{table} ON {table}"
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS reseau_public_changed()")
                    .await?;
            }
            _ => {
                for table in TABLES {
                    for operation in OPERATIONS {
                        let lower = operation.to_lowercase();
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS public_changed_{table}_{lower}"
                        ))
                        .await?;
                    }
                }
                db.execute_unprepared("DROP TABLE IF EXISTS public_version")
                    .await?;
            }
        }
        Ok(())
    }
}
