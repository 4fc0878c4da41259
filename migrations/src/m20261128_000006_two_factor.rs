//! Two-factor sign-in for organizers (TOTP, RFC 6238, with single-use recovery codes), and a
//! small table of site-wide settings (such as "every organizer needs a second factor").

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizers {
    Table,
    Id,
    TotpSecret,
    TotpEnabled,
    TotpLastStep,
}

#[derive(DeriveIden)]
enum OrganizerSessions {
    Table,
    MfaPending,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    OrganizerId,
    CodeHash,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AppSettings {
    Table,
    Key,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for column in [
            string_len_null(Organizers::TotpSecret, 64),
            boolean(Organizers::TotpEnabled).default(false).to_owned(),
            big_integer_null(Organizers::TotpLastStep),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organizers::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(OrganizerSessions::Table)
                    .add_column(boolean(OrganizerSessions::MfaPending).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .if_not_exists()
                    .col(big_pk_auto(RecoveryCodes::Id))
                    .col(big_integer(RecoveryCodes::OrganizerId))
                    .col(string_len_uniq(RecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    .col(timestamp_with_time_zone(RecoveryCodes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recovery_codes_organizer")
                            .from(RecoveryCodes::Table, RecoveryCodes::OrganizerId)
                            .to(Organizers::Table, Organizers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AppSettings::Table)
                    .if_not_exists()
                    .col(string_len(AppSettings::Key, 64).primary_key())
                    .col(text(AppSettings::Value))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(AppSettings::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(RecoveryCodes::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OrganizerSessions::Table)
                    .drop_column(OrganizerSessions::MfaPending)
                    .to_owned(),
            )
            .await?;
        for column in [
            Organizers::TotpLastStep,
            Organizers::TotpEnabled,
            Organizers::TotpSecret,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organizers::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
