use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Chapters {
    Table,
    Id,
    Slug,
    Country,
    Position,
    NameEn,
    NameFr,
    NameEs,
    DescriptionEn,
    DescriptionFr,
    DescriptionEs,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
    Email,
    FullName,
    Language,
    ChapterId,
    Region,
    Interests,
    Status,
    NewsletterRequested,
    JoinWordingVersion,
    JoinSource,
    JoinLanguage,
    CreatedAt,
    UpdatedAt,
    ConfirmedAt,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    MemberId,
    Purpose,
    Granted,
    WordingVersion,
    Language,
    Source,
    EmailHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Tokens {
    Table,
    Id,
    MemberId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    Recipient,
    Language,
    MemberId,
    NewsletterId,
    Subject,
    BodyText,
    BodyHtml,
    Headers,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    MessageId,
    SentAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Chapters::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Chapters::Id))
                    .col(string_len_uniq(Chapters::Slug, 64))
                    .col(string_len(Chapters::Country, 2))
                    .col(integer(Chapters::Position).default(0))
                    .col(string_len(Chapters::NameEn, 200))
                    .col(string_len(Chapters::NameFr, 200))
                    .col(string_len(Chapters::NameEs, 200))
                    .col(text(Chapters::DescriptionEn))
                    .col(text(Chapters::DescriptionFr))
                    .col(text(Chapters::DescriptionEs))
                    .col(timestamp_with_time_zone(Chapters::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Members::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Members::Id))
                    .col(string_len_uniq(Members::Email, 254))
                    .col(string_len(Members::FullName, 200))
                    .col(string_len(Members::Language, 2))
                    .col(big_integer(Members::ChapterId))
                    .col(string_len_null(Members::Region, 8))
                    .col(string_len(Members::Interests, 200).default(""))
                    .col(string_len(Members::Status, 16))
                    .col(boolean(Members::NewsletterRequested).default(false))
                    .col(string_len(Members::JoinWordingVersion, 32))
                    .col(string_len(Members::JoinSource, 200))
                    .col(string_len(Members::JoinLanguage, 2))
                    .col(timestamp_with_time_zone(Members::CreatedAt))
                    .col(timestamp_with_time_zone(Members::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Members::ConfirmedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_members_chapter")
                            .from(Members::Table, Members::ChapterId)
                            .to(Chapters::Table, Chapters::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_members_chapter_status")
                    .table(Members::Table)
                    .col(Members::ChapterId)
                    .col(Members::Status)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Consents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Consents::Id))
                    .col(big_integer(Consents::MemberId))
                    .col(string_len(Consents::Purpose, 16))
                    .col(boolean(Consents::Granted))
                    .col(string_len(Consents::WordingVersion, 32))
                    .col(string_len(Consents::Language, 2))
                    .col(string_len(Consents::Source, 200))
                    .col(string_len(Consents::EmailHash, 64))
                    .col(timestamp_with_time_zone(Consents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_consents_member")
                            .from(Consents::Table, Consents::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_consents_member")
                    .table(Consents::Table)
                    .col(Consents::MemberId)
                    .col(Consents::Purpose)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Tokens::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Tokens::Id))
                    .col(big_integer_null(Tokens::MemberId))
                    .col(string_len(Tokens::Purpose, 16))
                    .col(string_len_uniq(Tokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(Tokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Tokens::UsedAt))
                    .col(timestamp_with_time_zone(Tokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tokens_member")
                            .from(Tokens::Table, Tokens::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tokens_member")
                    .table(Tokens::Table)
                    .col(Tokens::MemberId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Outbox::Id))
                    .col(string_len(Outbox::Kind, 32))
                    .col(string_len(Outbox::Recipient, 254))
                    .col(string_len(Outbox::Language, 2))
                    .col(big_integer_null(Outbox::MemberId))
                    .col(big_integer_null(Outbox::NewsletterId))
                    .col(string_len(Outbox::Subject, 300))
                    .col(text(Outbox::BodyText))
                    .col(text(Outbox::BodyHtml))
                    .col(text(Outbox::Headers).default("[]"))
                    .col(string_len(Outbox::Status, 16))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::LockedUntil))
                    .col(text_null(Outbox::LastError))
                    .col(string_len_null(Outbox::MessageId, 200))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_outbox_member")
                            .from(Outbox::Table, Outbox::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The worker's claim scans due rows by status and time.
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        // Per-address throttles count recent mail to one recipient.
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_recipient")
                    .table(Outbox::Table)
                    .col(Outbox::Recipient)
                    .col(Outbox::Kind)
                    .col(Outbox::CreatedAt)
                    .to_owned(),
            )
            .await?;
        // A newsletter reaches a member at most once, whoever expands it and however often.
        manager
            .create_index(
                Index::create()
                    .name("uq_outbox_newsletter_member")
                    .table(Outbox::Table)
                    .col(Outbox::NewsletterId)
                    .col(Outbox::MemberId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            Tokens::Table.into_iden(),
            Consents::Table.into_iden(),
            Members::Table.into_iden(),
            Chapters::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
