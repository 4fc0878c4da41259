//! Two tables.
//!
//! `registration_links`: every link a registration's emails have carried. A registration's
//! page answers to all of them for the registration's whole life, so a resent confirmation, a
//! promotion from the waitlist or someone registering again with the same address never turns
//! an earlier email's link into a 404. (The first link stays in `registrations.token_hash`.)
//!
//! `sign_in_failures`: the organizers' sign-in failure count and lock, keyed by a keyed hash
//! of the normalised address typed, whether or not an organizer has that address, so that a
//! locked account and an unknown address tried as often answer alike. Counted with one
//! `UPDATE … SET failed_attempts = failed_attempts + 1 … RETURNING` on both backends.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum RegistrationLinks {
    Table,
    Id,
    RegistrationId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    AddressKey,
    FailedAttempts,
    LockedUntil,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RegistrationLinks::Table)
                    .if_not_exists()
                    .col(big_pk_auto(RegistrationLinks::Id))
                    .col(big_integer(RegistrationLinks::RegistrationId))
                    .col(string_len_uniq(RegistrationLinks::TokenHash, 64))
                    .col(timestamp_with_time_zone(RegistrationLinks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_registration_links_registration")
                            .from(RegistrationLinks::Table, RegistrationLinks::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_links_registration")
                    .table(RegistrationLinks::Table)
                    .col(RegistrationLinks::RegistrationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .if_not_exists()
                    .col(string_len(SignInFailures::AddressKey, 64).primary_key())
                    .col(integer(SignInFailures::FailedAttempts).default(0))
                    .col(timestamp_with_time_zone_null(SignInFailures::LockedUntil))
                    .col(timestamp_with_time_zone(SignInFailures::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailures::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RegistrationLinks::Table).to_owned())
            .await
    }
}
