//! The Digital Summit: an event's programme of sessions, and the sessions each registrant
//! chose.
//!
//! `event_sessions`: a session of an event, its texts by language (`domain::Localized`, a JSON
//! object in a text column), its times (UTC; shown in the event's zone), track, format, room or
//! livestream, languages spoken (codes joined by commas), speakers (a JSON list), an optional
//! capacity of its own and the seats taken, counted like an event's: only ever changed by one
//! conditional UPDATE, so the CHECK below is a backstop, not the rule. `sequence` grows with
//! every change that calendars must follow.
//!
//! `session_choices`: one per registration and session. `chosen` holds a seat, `waitlisted`
//! waits at `waitlist_position` (1..N without gaps per session), `cancelled` holds nothing.
//! `revision` grows with each change of the choice, so a calendar entry that a choice's
//! cancellation removes is newer than the one it added. `reminded_at` is the claim of the
//! one reminder an hour before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventSessions {
    Table,
    Id,
    EventId,
    Title,
    Description,
    StartsAt,
    EndsAt,
    Track,
    Format,
    Room,
    LivestreamUrl,
    Languages,
    Interpretation,
    Speakers,
    Capacity,
    SeatsTaken,
    Sequence,
    CancelledAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SessionChoices {
    Table,
    Id,
    RegistrationId,
    SessionId,
    Status,
    WaitlistPosition,
    Revision,
    RemindedAt,
    CheckedInAt,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EventSessions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(EventSessions::Id))
                    .col(big_integer(EventSessions::EventId))
                    .col(text(EventSessions::Title).default("{}"))
                    .col(text(EventSessions::Description).default("{}"))
                    .col(timestamp_with_time_zone(EventSessions::StartsAt))
                    .col(timestamp_with_time_zone(EventSessions::EndsAt))
                    .col(string_len(EventSessions::Track, 80).default(""))
                    .col(string_len(EventSessions::Format, 16))
                    .col(string_len_null(EventSessions::Room, 200))
                    .col(text_null(EventSessions::LivestreamUrl))
                    .col(string_len(EventSessions::Languages, 64).default(""))
                    .col(boolean(EventSessions::Interpretation).default(false))
                    .col(text(EventSessions::Speakers).default("[]"))
                    .col(integer_null(EventSessions::Capacity))
                    .col(integer(EventSessions::SeatsTaken).default(0))
                    .col(integer(EventSessions::Sequence).default(0))
                    .col(timestamp_with_time_zone_null(EventSessions::CancelledAt))
                    .col(timestamp_with_time_zone(EventSessions::CreatedAt))
                    .col(timestamp_with_time_zone(EventSessions::UpdatedAt))
                    .check((
                        Alias::new("chk_event_sessions_format"),
                        Expr::col(EventSessions::Format).is_in(["in-person", "online", "hybrid"]),
                    ))
                    .check((
                        Alias::new("chk_event_sessions_seats"),
                        Expr::col(EventSessions::SeatsTaken).gte(0).and(
                            Expr::col(EventSessions::Capacity)
                                .is_null()
                                .or(Expr::col(EventSessions::SeatsTaken)
                                    .lte(Expr::col(EventSessions::Capacity))),
                        ),
                    ))
                    .check((
                        Alias::new("chk_event_sessions_times"),
                        Expr::col(EventSessions::EndsAt).gt(Expr::col(EventSessions::StartsAt)),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_sessions_event")
                            .from(EventSessions::Table, EventSessions::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_event_sessions_event")
                    .table(EventSessions::Table)
                    .col(EventSessions::EventId)
                    .col(EventSessions::StartsAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SessionChoices::Table)
                    .if_not_exists()
                    .col(big_pk_auto(SessionChoices::Id))
                    .col(big_integer(SessionChoices::RegistrationId))
                    .col(big_integer(SessionChoices::SessionId))
                    .col(string_len(SessionChoices::Status, 16))
                    .col(integer_null(SessionChoices::WaitlistPosition))
                    .col(integer(SessionChoices::Revision).default(0))
                    .col(timestamp_with_time_zone_null(SessionChoices::RemindedAt))
                    .col(timestamp_with_time_zone_null(SessionChoices::CheckedInAt))
                    .col(timestamp_with_time_zone(SessionChoices::CreatedAt))
                    .col(timestamp_with_time_zone(SessionChoices::UpdatedAt))
                    .check((
                        Alias::new("chk_session_choices_status"),
                        Expr::col(SessionChoices::Status).is_in([
                            "chosen",
                            "waitlisted",
                            "cancelled",
                        ]),
                    ))
                    // A position exactly while waiting, and a positive one. `IS NOT NULL`
                    // spelled out: a CHECK that comes out NULL passes.
                    .check((
                        Alias::new("chk_session_choices_position"),
                        Expr::col(SessionChoices::Status)
                            .eq("waitlisted")
                            .and(Expr::col(SessionChoices::WaitlistPosition).is_not_null())
                            .and(Expr::col(SessionChoices::WaitlistPosition).gte(1))
                            .or(Expr::col(SessionChoices::Status)
                                .ne("waitlisted")
                                .and(Expr::col(SessionChoices::WaitlistPosition).is_null())),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_session_choices_registration")
                            .from(SessionChoices::Table, SessionChoices::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_session_choices_session")
                            .from(SessionChoices::Table, SessionChoices::SessionId)
                            .to(EventSessions::Table, EventSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_session_choices_registration_session")
                    .table(SessionChoices::Table)
                    .col(SessionChoices::RegistrationId)
                    .col(SessionChoices::SessionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The waitlist and the attendance list read a session's choices by status; with the
        // position last, the next place in line (MAX) and the first in line are one index
        // probe instead of a scan of the whole line.
        manager
            .create_index(
                Index::create()
                    .name("idx_session_choices_session")
                    .table(SessionChoices::Table)
                    .col(SessionChoices::SessionId)
                    .col(SessionChoices::Status)
                    .col(SessionChoices::WaitlistPosition)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SessionChoices::Table.into_iden(),
            EventSessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
