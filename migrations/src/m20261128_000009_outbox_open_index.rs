//! An index of the outbox rows still to send, in id order (and one of tokens by expiry, for
//! their purge). The worker's claim walks it instead
//! of every row ever sent: nothing is deleted, and the benchmark measured the claim at 5–7 ms
//! with 50,000 sent rows ahead of the first queued one (growing with every copy ever sent).
//! A partial index, which SQLite and PostgreSQL both have. It replaces `idx_outbox_due`
//! (status, next_attempt_at): with both, SQLite without statistics chose the other one, read
//! every due row and sorted them, 23 ms a claim with 100,000 queued.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tokens {
    Table,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Status,
    NextAttemptAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX IF NOT EXISTS idx_outbox_open ON outbox (id) \
                 WHERE status IN ('queued', 'sending')",
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .to_owned(),
            )
            .await?;
        // The purge of expired tokens reads them by expiry.
        manager
            .create_index(
                Index::create()
                    .name("idx_tokens_expires")
                    .table(Tokens::Table)
                    .col(Tokens::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_tokens_expires")
                    .table(Tokens::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS idx_outbox_open")
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }
}
