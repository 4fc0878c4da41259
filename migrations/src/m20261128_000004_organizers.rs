//! Organizers and their back office: accounts (argon2id hashes), the chapters each may run,
//! their sessions and one-time links, and the append-only audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizers {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    Role,
    Active,
    FailedAttempts,
    LockedUntil,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OrganizerChapters {
    Table,
    OrganizerId,
    ChapterId,
}

#[derive(DeriveIden)]
enum OrganizerSessions {
    Table,
    Id,
    TokenHash,
    OrganizerId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum OrganizerTokens {
    Table,
    Id,
    OrganizerId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    OrganizerId,
    Action,
    TargetType,
    TargetId,
    Details,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Chapters {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organizers::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Organizers::Id))
                    .col(string_len_uniq(Organizers::Email, 254))
                    .col(string_len(Organizers::Name, 200))
                    .col(string_len_null(Organizers::PasswordHash, 200))
                    .col(string_len(Organizers::Role, 16))
                    .col(boolean(Organizers::Active).default(true))
                    .col(integer(Organizers::FailedAttempts).default(0))
                    .col(timestamp_with_time_zone_null(Organizers::LockedUntil))
                    .col(timestamp_with_time_zone(Organizers::CreatedAt))
                    .col(timestamp_with_time_zone(Organizers::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganizerChapters::Table)
                    .if_not_exists()
                    .col(big_integer(OrganizerChapters::OrganizerId))
                    .col(big_integer(OrganizerChapters::ChapterId))
                    .primary_key(
                        Index::create()
                            .col(OrganizerChapters::OrganizerId)
                            .col(OrganizerChapters::ChapterId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organizer_chapters_organizer")
                            .from(OrganizerChapters::Table, OrganizerChapters::OrganizerId)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organizer_chapters_chapter")
                            .from(OrganizerChapters::Table, OrganizerChapters::ChapterId)
                            .to(Chapters::Table, Chapters::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganizerSessions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OrganizerSessions::Id))
                    .col(string_len_uniq(OrganizerSessions::TokenHash, 64))
                    .col(big_integer(OrganizerSessions::OrganizerId))
                    .col(timestamp_with_time_zone(OrganizerSessions::CreatedAt))
                    .col(timestamp_with_time_zone(OrganizerSessions::LastSeenAt))
                    .col(timestamp_with_time_zone(OrganizerSessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organizer_sessions_organizer")
                            .from(OrganizerSessions::Table, OrganizerSessions::OrganizerId)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganizerTokens::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OrganizerTokens::Id))
                    .col(big_integer_null(OrganizerTokens::OrganizerId))
                    .col(string_len(OrganizerTokens::Purpose, 16))
                    .col(string_len_uniq(OrganizerTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(OrganizerTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(OrganizerTokens::UsedAt))
                    .col(timestamp_with_time_zone(OrganizerTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organizer_tokens_organizer")
                            .from(OrganizerTokens::Table, OrganizerTokens::OrganizerId)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer_null(AuditLog::OrganizerId))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::TargetType, 32))
                    .col(big_integer_null(AuditLog::TargetId))
                    .col(text(AuditLog::Details))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_audit_log_organizer")
                            .from(AuditLog::Table, AuditLog::OrganizerId)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_time")
                    .table(AuditLog::Table)
                    .col(AuditLog::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            OrganizerTokens::Table.into_iden(),
            OrganizerSessions::Table.into_iden(),
            OrganizerChapters::Table.into_iden(),
            Organizers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
