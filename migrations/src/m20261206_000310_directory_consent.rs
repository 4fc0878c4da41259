//! The consent ledger gets a third purpose, `directory`: a member's listing in the Trilateral
//! Expert Network, agreed to and withdrawn apart from membership and newsletters. This
//! replaces the `chk_consents_purpose` rule of `m20261202_000001_check_constraints` (the
//! PostgreSQL CHECK, the SQLite triggers) with one that allows it.
//!
//! Going down restores the old rule, which PostgreSQL refuses while a `directory` row exists:
//! the ledger is never rewritten to make a downgrade pass.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

use crate::m20261202_000001_check_constraints::Rule;

#[derive(DeriveMigrationName)]
pub struct Migration;

const BEFORE: Rule = Rule {
    table: "consents",
    name: "chk_consents_purpose",
    columns: &["purpose"],
    condition: "$purpose IN ('membership', 'newsletter')",
};

const AFTER: Rule = Rule {
    table: "consents",
    name: "chk_consents_purpose",
    columns: &["purpose"],
    condition: "$purpose IN ('membership', 'newsletter', 'directory')",
};

async fn replace(manager: &SchemaManager<'_>, old: &Rule, new: &Rule) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let statements: Vec<String> = match manager.get_database_backend() {
        DatabaseBackend::Sqlite => old
            .sqlite_down()
            .into_iter()
            .chain(new.sqlite_up())
            .collect(),
        _ => vec![old.postgres_down(), new.postgres_up()],
    };
    for statement in statements {
        conn.execute_unprepared(&statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, &BEFORE, &AFTER).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, &AFTER, &BEFORE).await
    }
}
