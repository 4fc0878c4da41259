//! The audit log: every organizer action that changes or exports data. Rows are appended,
//! never updated or deleted.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::{DomainError, entities::audit};

/// One action to record.
#[derive(Clone, Debug)]
pub struct Action<'a> {
    pub organizer_id: Option<i64>,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<i64>,
    pub details: serde_json::Value,
}

pub async fn record(
    conn: &impl ConnectionTrait,
    action: Action<'_>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    audit::Entity::insert(audit::ActiveModel {
        organizer_id: Set(action.organizer_id),
        action: Set(action.action.to_owned()),
        target_type: Set(action.target_type.to_owned()),
        target_id: Set(action.target_id),
        details: Set(action.details.to_string()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// A page of the log, newest first, optionally for one organizer or one action.
pub async fn page(
    conn: &impl ConnectionTrait,
    organizer_id: Option<i64>,
    action: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<audit::Model>, u64), DomainError> {
    let mut query = audit::Entity::find().order_by_desc(audit::Column::Id);
    if let Some(id) = organizer_id {
        query = query.filter(audit::Column::OrganizerId.eq(id));
    }
    if let Some(action) = action {
        query = query.filter(audit::Column::Action.eq(action));
    }
    let paginator = query.paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page).await?, total))
}
