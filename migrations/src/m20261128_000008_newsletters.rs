//! Newsletters: the text per language, the audience, the schedule and the send's progress; and
//! on members, the hard bounces that suspend newsletters to an address that no longer works.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Newsletters {
    Table,
    Id,
    SubjectEn,
    BodyEn,
    SubjectFr,
    BodyFr,
    SubjectEs,
    BodyEs,
    AudienceChapters,
    AudienceInterests,
    AudienceLanguages,
    Status,
    ScheduledAt,
    StartedAt,
    AudienceMaxMemberId,
    ExpandedThrough,
    ExpandedAt,
    FinishedAt,
    Recipients,
    Published,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    HardBounces,
    NewsletterSuspendedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    NewsletterId,
    Status,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Newsletters::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Newsletters::Id))
                    .col(string_len(Newsletters::SubjectEn, 200))
                    .col(text(Newsletters::BodyEn))
                    .col(string_len(Newsletters::SubjectFr, 200))
                    .col(text(Newsletters::BodyFr))
                    .col(string_len_null(Newsletters::SubjectEs, 200))
                    .col(text_null(Newsletters::BodyEs))
                    // JSON arrays; an empty array of interests or languages means all of them.
                    .col(text(Newsletters::AudienceChapters))
                    .col(text(Newsletters::AudienceInterests))
                    .col(text(Newsletters::AudienceLanguages))
                    .col(string_len(Newsletters::Status, 16))
                    .col(timestamp_with_time_zone_null(Newsletters::ScheduledAt))
                    .col(timestamp_with_time_zone_null(Newsletters::StartedAt))
                    .col(big_integer_null(Newsletters::AudienceMaxMemberId))
                    .col(big_integer(Newsletters::ExpandedThrough).default(0))
                    .col(timestamp_with_time_zone_null(Newsletters::ExpandedAt))
                    .col(timestamp_with_time_zone_null(Newsletters::FinishedAt))
                    .col(big_integer(Newsletters::Recipients).default(0))
                    .col(boolean(Newsletters::Published).default(false))
                    .col(big_integer_null(Newsletters::CreatedBy))
                    .col(timestamp_with_time_zone(Newsletters::CreatedAt))
                    .col(timestamp_with_time_zone(Newsletters::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_newsletters_status")
                    .table(Newsletters::Table)
                    .col(Newsletters::Status)
                    .col(Newsletters::ScheduledAt)
                    .to_owned(),
            )
            .await?;
        // Progress counts by status for one newsletter.
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_newsletter_status")
                    .table(Outbox::Table)
                    .col(Outbox::NewsletterId)
                    .col(Outbox::Status)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .add_column(integer(Members::HardBounces).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .add_column(timestamp_with_time_zone_null(
                        Members::NewsletterSuspendedAt,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Members::NewsletterSuspendedAt, Members::HardBounces] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Members::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_newsletter_status")
                    .table(Outbox::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Newsletters::Table).to_owned())
            .await
    }
}
