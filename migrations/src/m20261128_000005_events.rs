//! Events and their registrations. The seat count lives on the event row (`seats_taken`), so a
//! seat is taken by one conditional UPDATE that both backends run atomically; one registration
//! per person per event is a unique index, not a check in code.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Chapters {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    ChapterId,
    Slug,
    TitleEn,
    TitleFr,
    TitleEs,
    DescriptionEn,
    DescriptionFr,
    DescriptionEs,
    Format,
    Venue,
    Address,
    OnlineLink,
    StartsAt,
    EndsAt,
    TimeZone,
    Capacity,
    SeatsTaken,
    WaitlistEnabled,
    RegistrationOpensAt,
    RegistrationClosesAt,
    Status,
    ReminderSentAt,
    AccommodationsPurgedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    EventId,
    MemberId,
    Email,
    FullName,
    Language,
    Status,
    WaitlistPosition,
    Accommodations,
    TokenHash,
    CheckedInAt,
    CreatedAt,
    ConfirmedAt,
    CancelledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Events::Id))
                    .col(big_integer(Events::ChapterId))
                    .col(string_len_uniq(Events::Slug, 80))
                    .col(string_len(Events::TitleEn, 200).default(""))
                    .col(string_len(Events::TitleFr, 200).default(""))
                    .col(string_len(Events::TitleEs, 200).default(""))
                    .col(text(Events::DescriptionEn).default(""))
                    .col(text(Events::DescriptionFr).default(""))
                    .col(text(Events::DescriptionEs).default(""))
                    .col(string_len(Events::Format, 16))
                    .col(string_len_null(Events::Venue, 200))
                    .col(string_len_null(Events::Address, 300))
                    .col(string_len_null(Events::OnlineLink, 500))
                    .col(timestamp_with_time_zone(Events::StartsAt))
                    .col(timestamp_with_time_zone(Events::EndsAt))
                    .col(string_len(Events::TimeZone, 64))
                    // NULL is unlimited.
                    .col(integer_null(Events::Capacity))
                    .col(integer(Events::SeatsTaken).default(0))
                    .col(boolean(Events::WaitlistEnabled).default(false))
                    .col(timestamp_with_time_zone_null(Events::RegistrationOpensAt))
                    .col(timestamp_with_time_zone_null(Events::RegistrationClosesAt))
                    .col(string_len(Events::Status, 16).default("draft"))
                    .col(timestamp_with_time_zone_null(Events::ReminderSentAt))
                    .col(timestamp_with_time_zone_null(
                        Events::AccommodationsPurgedAt,
                    ))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .col(timestamp_with_time_zone(Events::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_events_chapter")
                            .from(Events::Table, Events::ChapterId)
                            .to(Chapters::Table, Chapters::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The public list: published events by start time.
        manager
            .create_index(
                Index::create()
                    .name("idx_events_status_starts")
                    .table(Events::Table)
                    .col(Events::Status)
                    .col(Events::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_events_chapter")
                    .table(Events::Table)
                    .col(Events::ChapterId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Registrations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Registrations::Id))
                    .col(big_integer(Registrations::EventId))
                    // Registering does not make someone a member: NULL for a visitor.
                    .col(big_integer_null(Registrations::MemberId))
                    .col(string_len(Registrations::Email, 254))
                    .col(string_len(Registrations::FullName, 200))
                    .col(string_len(Registrations::Language, 2))
                    .col(string_len(Registrations::Status, 16))
                    .col(integer_null(Registrations::WaitlistPosition))
                    // JSON of the structured needs; erased some days after the event.
                    .col(text_null(Registrations::Accommodations))
                    .col(string_len_uniq(Registrations::TokenHash, 64))
                    .col(timestamp_with_time_zone_null(Registrations::CheckedInAt))
                    .col(timestamp_with_time_zone(Registrations::CreatedAt))
                    .col(timestamp_with_time_zone_null(Registrations::ConfirmedAt))
                    .col(timestamp_with_time_zone_null(Registrations::CancelledAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_registrations_event")
                            .from(Registrations::Table, Registrations::EventId)
                            .to(Events::Table, Events::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_registrations_member")
                            .from(Registrations::Table, Registrations::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One person registers once per event, however many requests race.
        manager
            .create_index(
                Index::create()
                    .name("uq_registrations_event_email")
                    .table(Registrations::Table)
                    .col(Registrations::EventId)
                    .col(Registrations::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Lists by status, and the waitlist in order.
        manager
            .create_index(
                Index::create()
                    .name("idx_registrations_event_status_position")
                    .table(Registrations::Table)
                    .col(Registrations::EventId)
                    .col(Registrations::Status)
                    .col(Registrations::WaitlistPosition)
                    .to_owned(),
            )
            .await?;
        // A member's own registrations (account page, data download, erasure).
        manager
            .create_index(
                Index::create()
                    .name("idx_registrations_member")
                    .table(Registrations::Table)
                    .col(Registrations::MemberId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Registrations::Table.into_iden(), Events::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
