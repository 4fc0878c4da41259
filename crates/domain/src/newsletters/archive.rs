//! The public archive: sent newsletters an organizer chose to publish.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::{DomainError, entities::newsletter};

use super::{draft::find, sending::Status};

pub async fn set_published(
    conn: &impl ConnectionTrait,
    id: i64,
    published: bool,
) -> Result<bool, DomainError> {
    let result = newsletter::Entity::update_many()
        .col_expr(newsletter::Column::Published, Expr::value(published))
        .filter(newsletter::Column::Id.eq(id))
        .filter(newsletter::Column::Status.eq(Status::Sent))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Sent newsletters published to the archive, newest first; of one chapter if given.
pub async fn archive(
    conn: &impl ConnectionTrait,
    chapter_id: Option<i64>,
) -> Result<Vec<newsletter::Model>, DomainError> {
    Ok(newsletter::Entity::find()
        .filter(newsletter::Column::Published.eq(true))
        .filter(newsletter::Column::Status.eq(Status::Sent))
        .order_by_desc(newsletter::Column::FinishedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter(|n| chapter_id.is_none_or(|c| n.audience().chapters.contains(&c)))
        .collect())
}

/// One archived newsletter; `None` unless sent and published.
pub async fn archived(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<newsletter::Model>, DomainError> {
    Ok(find(conn, id)
        .await?
        .filter(|n| n.published && n.status == Status::Sent))
}
