//! The partners' API (issue 21): organizer API keys scoped to chapters, the index of which
//! key read which member's record, webhook endpoints and their deliveries (an outbox of its
//! own, delivered by the worker's webhook loop), the consent evidence a partner sends with a
//! sign-up, and an index for incremental sync by `members.updated_at`.
//!
//! The value sets of the new tables are CHECKed at creation (both engines take a CHECK in
//! `CREATE TABLE`).

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
    ChapterId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Organizers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Evidence,
}

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Id,
    Name,
    Prefix,
    KeyHash,
    CanWrite,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
    RevokedBy,
}

#[derive(DeriveIden)]
enum ApiKeyChapters {
    Table,
    ApiKeyId,
    ChapterId,
}

#[derive(DeriveIden)]
enum ApiKeyReads {
    Table,
    ApiKeyId,
    MemberId,
    FirstReadAt,
    LastReadAt,
}

#[derive(DeriveIden)]
enum WebhookEndpoints {
    Table,
    Id,
    Url,
    Description,
    Topics,
    Secret,
    Active,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    EndpointId,
    EventId,
    Topic,
    Body,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    ResponseStatus,
    ResponseBody,
    LastError,
    DeliveredAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiKeys::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ApiKeys::Id))
                    .col(string_len(ApiKeys::Name, 100))
                    // The first characters of the key, to tell keys apart; not a secret.
                    .col(string_len(ApiKeys::Prefix, 16))
                    // SHA-256 of the key: the key itself is shown once and never stored.
                    .col(string_len_uniq(ApiKeys::KeyHash, 64))
                    .col(boolean(ApiKeys::CanWrite).default(false))
                    .col(big_integer(ApiKeys::CreatedBy))
                    .col(timestamp_with_time_zone(ApiKeys::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiKeys::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiKeys::RevokedAt))
                    .col(big_integer_null(ApiKeys::RevokedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_keys_created_by")
                            .from(ApiKeys::Table, ApiKeys::CreatedBy)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_keys_revoked_by")
                            .from(ApiKeys::Table, ApiKeys::RevokedBy)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiKeyChapters::Table)
                    .if_not_exists()
                    .col(big_integer(ApiKeyChapters::ApiKeyId))
                    .col(big_integer(ApiKeyChapters::ChapterId))
                    .primary_key(
                        Index::create()
                            .col(ApiKeyChapters::ApiKeyId)
                            .col(ApiKeyChapters::ChapterId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_key_chapters_key")
                            .from(ApiKeyChapters::Table, ApiKeyChapters::ApiKeyId)
                            .to(ApiKeys::Table, ApiKeys::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_key_chapters_chapter")
                            .from(ApiKeyChapters::Table, ApiKeyChapters::ChapterId)
                            .to(Chapters::Table, Chapters::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Which key read which member's record: one row per pair, so a sync every hour adds
        // nothing once it has read everyone (the audit log has a row per request).
        manager
            .create_table(
                Table::create()
                    .table(ApiKeyReads::Table)
                    .if_not_exists()
                    .col(big_integer(ApiKeyReads::ApiKeyId))
                    .col(big_integer(ApiKeyReads::MemberId))
                    .col(timestamp_with_time_zone(ApiKeyReads::FirstReadAt))
                    .col(timestamp_with_time_zone(ApiKeyReads::LastReadAt))
                    .primary_key(
                        Index::create()
                            .col(ApiKeyReads::MemberId)
                            .col(ApiKeyReads::ApiKeyId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_key_reads_key")
                            .from(ApiKeyReads::Table, ApiKeyReads::ApiKeyId)
                            .to(ApiKeys::Table, ApiKeys::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_key_reads_member")
                            .from(ApiKeyReads::Table, ApiKeyReads::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WebhookEndpoints::Table)
                    .if_not_exists()
                    .col(big_pk_auto(WebhookEndpoints::Id))
                    .col(string_len(WebhookEndpoints::Url, 500))
                    .col(string_len(WebhookEndpoints::Description, 200).default(""))
                    // The event types, joined by commas.
                    .col(string_len(WebhookEndpoints::Topics, 500))
                    // The signing secret, sealed with the site's key (`whsec_…` in clear).
                    .col(string_len(WebhookEndpoints::Secret, 255))
                    .col(boolean(WebhookEndpoints::Active).default(true))
                    .col(big_integer(WebhookEndpoints::CreatedBy))
                    .col(timestamp_with_time_zone(WebhookEndpoints::CreatedAt))
                    .col(timestamp_with_time_zone(WebhookEndpoints::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_endpoints_created_by")
                            .from(WebhookEndpoints::Table, WebhookEndpoints::CreatedBy)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDeliveries::Table)
                    .if_not_exists()
                    .col(big_pk_auto(WebhookDeliveries::Id))
                    .col(big_integer(WebhookDeliveries::EndpointId))
                    // The `webhook-id`: one event, the same on every retry.
                    .col(string_len(WebhookDeliveries::EventId, 64))
                    .col(string_len(WebhookDeliveries::Topic, 64))
                    // The exact body signed and sent.
                    .col(text(WebhookDeliveries::Body))
                    .col(
                        string_len(WebhookDeliveries::Status, 16)
                            .default("queued")
                            .check(Expr::col(WebhookDeliveries::Status).is_in([
                                "queued",
                                "sending",
                                "delivered",
                                "failed",
                                "cancelled",
                            ])),
                    )
                    .col(integer(WebhookDeliveries::Attempts).default(0))
                    .col(timestamp_with_time_zone(WebhookDeliveries::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(
                        WebhookDeliveries::LockedUntil,
                    ))
                    .col(integer_null(WebhookDeliveries::ResponseStatus))
                    .col(text_null(WebhookDeliveries::ResponseBody))
                    .col(text_null(WebhookDeliveries::LastError))
                    .col(timestamp_with_time_zone_null(
                        WebhookDeliveries::DeliveredAt,
                    ))
                    .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_deliveries_endpoint")
                            .from(WebhookDeliveries::Table, WebhookDeliveries::EndpointId)
                            .to(WebhookEndpoints::Table, WebhookEndpoints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Exactly once per endpoint and event, whoever emits it twice.
        manager
            .create_index(
                Index::create()
                    .name("uq_webhook_deliveries_endpoint_event")
                    .table(WebhookDeliveries::Table)
                    .col(WebhookDeliveries::EndpointId)
                    .col(WebhookDeliveries::EventId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // What the webhook loop claims.
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_deliveries_due")
                    .table(WebhookDeliveries::Table)
                    .col(WebhookDeliveries::Status)
                    .col(WebhookDeliveries::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Consents::Table)
                    .add_column(text_null(Consents::Evidence))
                    .to_owned(),
            )
            .await?;
        // Incremental sync: a chapter's members changed since a time.
        manager
            .create_index(
                Index::create()
                    .name("idx_members_chapter_updated")
                    .table(Members::Table)
                    .col(Members::ChapterId)
                    .col(Members::UpdatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_members_chapter_updated")
                    .table(Members::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Consents::Table)
                    .drop_column(Consents::Evidence)
                    .to_owned(),
            )
            .await?;
        for table in [
            WebhookDeliveries::Table.into_iden(),
            WebhookEndpoints::Table.into_iden(),
            ApiKeyReads::Table.into_iden(),
            ApiKeyChapters::Table.into_iden(),
            ApiKeys::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
