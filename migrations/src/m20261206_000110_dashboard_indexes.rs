//! Indexes for the dashboard's charts, which count by week in a date range: sign-ups by the
//! day members joined (and their chapter), today's members by the day they confirmed (and
//! their chapter), and unsubscribes after a newsletter by the day the consent was withdrawn.
//! The member indexes lead with the chapter (the charts ask for a list of chapters, all of
//! them for an admin) and hold every column their query reads, so a chart reads a range of
//! the index alone, not a million rows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 3] = [
    (
        "idx_members_chapter_created",
        "members",
        &["chapter_id", "created_at"],
    ),
    (
        "idx_members_status_chapter_confirmed",
        "members",
        &["status", "chapter_id", "confirmed_at"],
    ),
    ("idx_consents_created_at", "consents", &["created_at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
