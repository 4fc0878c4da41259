//! What the public and the back office list: upcoming published events, a chapter's events,
//! one event by slug or id.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{DomainError, entities::event};

use super::event::{EventStatus, Format};

/// Filters of the public list.
#[derive(Clone, Debug, Default)]
pub struct UpcomingFilter {
    pub chapter_id: Option<i64>,
    pub format: Option<Format>,
}

/// Published events that have not ended, soonest first.
pub async fn list_upcoming(
    conn: &impl ConnectionTrait,
    filter: &UpcomingFilter,
    now: DateTime<Utc>,
) -> Result<Vec<event::Model>, DomainError> {
    let mut query = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::EndsAt.gt(now));
    if let Some(chapter_id) = filter.chapter_id {
        query = query.filter(event::Column::ChapterId.eq(chapter_id));
    }
    if let Some(format) = filter.format {
        query = query.filter(event::Column::Format.eq(format));
    }
    Ok(query
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(conn)
        .await?)
}

/// Every event of the given chapters (all chapters when `None`), drafts and past ones
/// included, latest first: the back office's list.
pub async fn list_for_chapters(
    conn: &impl ConnectionTrait,
    chapter_ids: Option<&[i64]>,
) -> Result<Vec<event::Model>, DomainError> {
    let mut query = event::Entity::find();
    if let Some(ids) = chapter_ids {
        query = query.filter(event::Column::ChapterId.is_in(ids.iter().copied()));
    }
    Ok(query
        .order_by_desc(event::Column::StartsAt)
        .order_by_desc(event::Column::Id)
        .all(conn)
        .await?)
}

pub async fn find_by_slug(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<event::Model>, DomainError> {
    Ok(event::Entity::find()
        .filter(event::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<event::Model>, DomainError> {
    Ok(event::Entity::find_by_id(id).one(conn).await?)
}
