use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{DomainError, entities::chapter};

/// The chapter new members are offered first.
pub const DEFAULT_SLUG: &str = "canada";

pub async fn all(conn: &impl ConnectionTrait) -> Result<Vec<chapter::Model>, DomainError> {
    Ok(chapter::Entity::find()
        .order_by_asc(chapter::Column::Position)
        .order_by_asc(chapter::Column::Id)
        .all(conn)
        .await?)
}

pub async fn by_slug(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<chapter::Model>, DomainError> {
    Ok(chapter::Entity::find()
        .filter(chapter::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}
