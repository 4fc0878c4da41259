//! `members.search_text`: each member's name and address with case and accents folded, which
//! the back office's search matches, because SQLite's `lower()` and `LIKE` fold only A–Z.
//! The domain keeps the column on every write; this migration adds it, indexes it and fills
//! it for the rows already there with the same rule (erased members stay empty).

use sea_orm_migration::{prelude::*, schema::*, sea_orm::ConnectionTrait};

use crate::fold_for_search;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
    FullName,
    Email,
    Status,
    SearchText,
}

const INDEX: &str = "idx_members_search_text";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .add_column(string(Members::SearchText).default(""))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let rows = db
            .query_all(
                &Query::select()
                    .columns([
                        Members::Id,
                        Members::FullName,
                        Members::Email,
                        Members::Status,
                    ])
                    .from(Members::Table)
                    .to_owned(),
            )
            .await?;
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let status: String = row.try_get("", "status")?;
            if status == "erased" {
                continue;
            }
            let name: String = row.try_get("", "full_name")?;
            let email: String = row.try_get("", "email")?;
            let text = if name.is_empty() {
                fold_for_search(&email)
            } else {
                format!("{}\n{}", fold_for_search(&name), fold_for_search(&email))
            };
            db.execute(
                &Query::update()
                    .table(Members::Table)
                    .value(Members::SearchText, text)
                    .and_where(Expr::col(Members::Id).eq(id))
                    .to_owned(),
            )
            .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Members::Table)
                    .col(Members::SearchText)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Members::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .drop_column(Members::SearchText)
                    .to_owned(),
            )
            .await
    }
}
