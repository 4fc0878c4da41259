//! The Trilateral Expert Network: members who chose to be listed, the messages visitors send
//! them through the relay, and the senders (known only by a keyed hash of their address).
//!
//! `expert_profiles`: one per listed member. Its content columns hold the version an
//! organizer approved (the directory reads them); a member's later changes wait in `draft`
//! (JSON) until an organizer approves them. `published_at` is set by the first approval; a
//! profile is listed while it is set and `status` is not `hidden`. The two search columns are
//! the folded text the directory matches, one with the public fields only, one with the
//! members-only fields too. The slug is random, so it reveals no name and cannot be counted.
//!
//! `expert_messages`: one per message sent through a profile's form. The sender's name,
//! address and text are kept only until the message is relayed (or dropped); then the row
//! keeps the counts organizers see (who it went to, when, whether it was reported) and the
//! keyed hashes the daily limits count by.
//!
//! `expert_senders`: an address that confirmed a message once, or was blocked after an abuse
//! report; by keyed hash only.
//!
//! The value sets are CHECKed at creation, which both backends accept.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organizers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ExpertProfiles {
    Table,
    Id,
    MemberId,
    Slug,
    DisplayName,
    Areas,
    Languages,
    Country,
    Organisation,
    OrgRole,
    Bio,
    LivedExperience,
    PublicName,
    PublicAreas,
    PublicLanguages,
    PublicPlace,
    PublicOrganisation,
    PublicBio,
    PublicLived,
    Draft,
    Revision,
    Status,
    ReviewNote,
    ContactPaused,
    SearchPublic,
    SearchMembers,
    PublishedAt,
    SubmittedAt,
    ReviewedAt,
    ReviewedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ExpertMessages {
    Table,
    Id,
    ExpertId,
    SenderHash,
    IpHash,
    Status,
    Language,
    SenderName,
    SenderEmail,
    Subject,
    Body,
    AllowReply,
    ConfirmHash,
    ConfirmExpiresAt,
    ReportHash,
    CreatedAt,
    RelayedAt,
    ReportedAt,
}

#[derive(DeriveIden)]
enum ExpertSenders {
    Table,
    Id,
    EmailHash,
    ConfirmedAt,
    BlockedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ExpertProfiles::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ExpertProfiles::Id))
                    .col(big_integer_uniq(ExpertProfiles::MemberId))
                    .col(string_len_uniq(ExpertProfiles::Slug, 32))
                    .col(string_len(ExpertProfiles::DisplayName, 100))
                    // Slugs joined by commas, like a member's interests.
                    .col(string_len(ExpertProfiles::Areas, 200).default(""))
                    .col(string_len(ExpertProfiles::Languages, 200).default(""))
                    .col(string_len(ExpertProfiles::Country, 2))
                    .col(string_len(ExpertProfiles::Organisation, 150).default(""))
                    .col(string_len(ExpertProfiles::OrgRole, 150).default(""))
                    // One JSON object by language code (`domain::Localized`).
                    .col(text(ExpertProfiles::Bio).default("{}"))
                    .col(text(ExpertProfiles::LivedExperience).default("{}"))
                    .col(boolean(ExpertProfiles::PublicName).default(true))
                    .col(boolean(ExpertProfiles::PublicAreas).default(true))
                    .col(boolean(ExpertProfiles::PublicLanguages).default(true))
                    .col(boolean(ExpertProfiles::PublicPlace).default(true))
                    .col(boolean(ExpertProfiles::PublicOrganisation).default(true))
                    .col(boolean(ExpertProfiles::PublicBio).default(true))
                    .col(boolean(ExpertProfiles::PublicLived).default(false))
                    .col(text_null(ExpertProfiles::Draft))
                    // Counts the member's submissions: a decision names the one it was made on.
                    .col(integer(ExpertProfiles::Revision).default(1))
                    .col(string_len(ExpertProfiles::Status, 16))
                    .col(text(ExpertProfiles::ReviewNote).default(""))
                    .col(boolean(ExpertProfiles::ContactPaused).default(false))
                    .col(text(ExpertProfiles::SearchPublic).default(""))
                    .col(text(ExpertProfiles::SearchMembers).default(""))
                    .col(timestamp_with_time_zone_null(ExpertProfiles::PublishedAt))
                    .col(timestamp_with_time_zone(ExpertProfiles::SubmittedAt))
                    .col(timestamp_with_time_zone_null(ExpertProfiles::ReviewedAt))
                    .col(big_integer_null(ExpertProfiles::ReviewedBy))
                    .col(timestamp_with_time_zone(ExpertProfiles::CreatedAt))
                    .col(timestamp_with_time_zone(ExpertProfiles::UpdatedAt))
                    .check((
                        Alias::new("chk_expert_profiles_status"),
                        Expr::col(ExpertProfiles::Status)
                            .is_in(["pending", "approved", "returned", "hidden"]),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_profiles_member")
                            .from(ExpertProfiles::Table, ExpertProfiles::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_profiles_reviewer")
                            .from(ExpertProfiles::Table, ExpertProfiles::ReviewedBy)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The organizers' queue, and the directory (listed profiles, newest first).
        manager
            .create_index(
                Index::create()
                    .name("idx_expert_profiles_status")
                    .table(ExpertProfiles::Table)
                    .col(ExpertProfiles::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_expert_profiles_published")
                    .table(ExpertProfiles::Table)
                    .col(ExpertProfiles::PublishedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ExpertMessages::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ExpertMessages::Id))
                    .col(big_integer(ExpertMessages::ExpertId))
                    .col(string_len(ExpertMessages::SenderHash, 64))
                    .col(string_len(ExpertMessages::IpHash, 64))
                    .col(string_len(ExpertMessages::Status, 16))
                    .col(string_len(ExpertMessages::Language, 8))
                    .col(string_len(ExpertMessages::SenderName, 100).default(""))
                    .col(string_len(ExpertMessages::SenderEmail, 254).default(""))
                    .col(string_len(ExpertMessages::Subject, 150).default(""))
                    .col(text(ExpertMessages::Body).default(""))
                    .col(boolean(ExpertMessages::AllowReply).default(false))
                    .col(string_len_null(ExpertMessages::ConfirmHash, 64).unique_key())
                    .col(timestamp_with_time_zone_null(
                        ExpertMessages::ConfirmExpiresAt,
                    ))
                    .col(string_len_null(ExpertMessages::ReportHash, 64).unique_key())
                    .col(timestamp_with_time_zone(ExpertMessages::CreatedAt))
                    .col(timestamp_with_time_zone_null(ExpertMessages::RelayedAt))
                    .col(timestamp_with_time_zone_null(ExpertMessages::ReportedAt))
                    .check((
                        Alias::new("chk_expert_messages_status"),
                        Expr::col(ExpertMessages::Status).is_in([
                            "unconfirmed",
                            "sent",
                            "reported",
                            "dropped",
                        ]),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expert_messages_expert")
                            .from(ExpertMessages::Table, ExpertMessages::ExpertId)
                            .to(ExpertProfiles::Table, ExpertProfiles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The daily limits count by expert, by sender and by client address.
        for (name, column) in [
            ("idx_expert_messages_expert", ExpertMessages::ExpertId),
            ("idx_expert_messages_sender", ExpertMessages::SenderHash),
            ("idx_expert_messages_ip", ExpertMessages::IpHash),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(ExpertMessages::Table)
                        .col(column)
                        .col(ExpertMessages::CreatedAt)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ExpertSenders::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ExpertSenders::Id))
                    .col(string_len_uniq(ExpertSenders::EmailHash, 64))
                    .col(timestamp_with_time_zone_null(ExpertSenders::ConfirmedAt))
                    .col(timestamp_with_time_zone_null(ExpertSenders::BlockedAt))
                    .col(timestamp_with_time_zone(ExpertSenders::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ExpertSenders::Table.into_iden(),
            ExpertMessages::Table.into_iden(),
            ExpertProfiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
