//! Two lanes in the outbox: transactional mail (confirmations, sign-in links, registrations,
//! account notices) goes before bulk mail (newsletter copies, organizers' messages to
//! registrants), on every worker. Each lane is claimed on its own, through a partial index of
//! the open rows by (lane, id) that replaces `idx_outbox_open` (id): a claim of the
//! transactional lane never walks the bulk backlog, however long it is.
//!
//! Open rows already queued are put in their lane; finished rows keep the default, as only
//! open rows are ever claimed or counted by lane (rewriting every row ever sent would make the
//! upgrade as slow as the table is long).
//!
//! And why a newsletter was held back (its sender identification was missing when it was due
//! or when a worker came to one of its copies), for the organizer's page.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Lane,
}

#[derive(DeriveIden)]
enum Newsletters {
    Table,
    HeldReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(string(Outbox::Lane).default("transactional"))
                    .to_owned(),
            )
            .await?;
        let conn = manager.get_connection();
        conn.execute_unprepared(
            "UPDATE outbox SET lane = 'bulk' \
             WHERE kind IN ('newsletter', 'event-message') AND status IN ('queued', 'sending')",
        )
        .await?;
        conn.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS idx_outbox_open_lane ON outbox (lane, id) \
             WHERE status IN ('queued', 'sending')",
        )
        .await?;
        conn.execute_unprepared("DROP INDEX IF EXISTS idx_outbox_open")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Newsletters::Table)
                    .add_column(text_null(Newsletters::HeldReason))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Newsletters::Table)
                    .drop_column(Newsletters::HeldReason)
                    .to_owned(),
            )
            .await?;
        let conn = manager.get_connection();
        conn.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS idx_outbox_open ON outbox (id) \
             WHERE status IN ('queued', 'sending')",
        )
        .await?;
        conn.execute_unprepared("DROP INDEX IF EXISTS idx_outbox_open_lane")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::Lane)
                    .to_owned(),
            )
            .await
    }
}
