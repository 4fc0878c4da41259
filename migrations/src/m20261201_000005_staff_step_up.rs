//! `organizer_sessions.stepped_up_at`: when the organizer last gave their password (and code,
//! with two-step) again in this session. Sensitive back-office actions (inviting an organizer,
//! exporting members, changing two-step settings) need it recent; each step up starts a new
//! session id.
//!
//! `organizers.totp_secret` grows to 255 characters: seeds are now sealed (AES-256-GCM, a
//! nonce and a tag, base64), longer than the 64 a clear base32 seed needed. SQLite does not
//! enforce a length, so only PostgreSQL's column type changes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrganizerSessions {
    Table,
    SteppedUpAt,
}

#[derive(DeriveIden)]
enum Organizers {
    Table,
    TotpSecret,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organizers::Table)
                        .modify_column(string_len_null(Organizers::TotpSecret, 255))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(OrganizerSessions::Table)
                    .add_column(timestamp_with_time_zone_null(
                        OrganizerSessions::SteppedUpAt,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OrganizerSessions::Table)
                    .drop_column(OrganizerSessions::SteppedUpAt)
                    .to_owned(),
            )
            .await
    }
}
