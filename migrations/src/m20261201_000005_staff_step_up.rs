//! `organizer_sessions.stepped_up_at`: when the organizer last gave their password (and code,
//! with two-step) again in this session. Sensitive back-office actions (inviting an organizer,
//! exporting members, changing two-step settings) need it recent; each step up starts a new
//! session id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrganizerSessions {
    Table,
    SteppedUpAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
