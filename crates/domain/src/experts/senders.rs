//! The senders of messages to experts, known only by a keyed hash of their address: whether
//! they confirmed an address once, and whether an expert's report blocked them.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};

use crate::{DomainError, entities::expert_sender};

pub async fn sender(
    conn: &impl ConnectionTrait,
    sender_hash: &str,
) -> Result<Option<expert_sender::Model>, DomainError> {
    Ok(expert_sender::Entity::find()
        .filter(expert_sender::Column::EmailHash.eq(sender_hash))
        .one(conn)
        .await?)
}

pub async fn is_blocked(
    conn: &impl ConnectionTrait,
    sender_hash: &str,
) -> Result<bool, DomainError> {
    Ok(sender(conn, sender_hash)
        .await?
        .is_some_and(|s| s.blocked_at.is_some()))
}

/// Whether the address has confirmed a message before.
pub async fn is_confirmed(
    conn: &impl ConnectionTrait,
    sender_hash: &str,
) -> Result<bool, DomainError> {
    Ok(sender(conn, sender_hash)
        .await?
        .is_some_and(|s| s.confirmed_at.is_some()))
}

/// Marks a sender confirmed or blocked, making their row if they have none.
pub(super) async fn mark_sender(
    conn: &impl ConnectionTrait,
    sender_hash: &str,
    column: expert_sender::Column,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    expert_sender::Entity::insert(expert_sender::ActiveModel {
        email_hash: Set(sender_hash.to_owned()),
        confirmed_at: Set(None),
        blocked_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(expert_sender::Column::EmailHash)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    expert_sender::Entity::update_many()
        .col_expr(column, Expr::value(now))
        .filter(expert_sender::Column::EmailHash.eq(sender_hash))
        .filter(column.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Lifts a sender's block; returns whether there was one.
pub async fn unblock(conn: &impl ConnectionTrait, sender_id: i64) -> Result<bool, DomainError> {
    Ok(expert_sender::Entity::update_many()
        .col_expr(
            expert_sender::Column::BlockedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(expert_sender::Column::Id.eq(sender_id))
        .filter(expert_sender::Column::BlockedAt.is_not_null())
        .exec(conn)
        .await?
        .rows_affected
        == 1)
}
