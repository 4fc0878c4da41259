//! Deliveries through the worker: claimed under a lease (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL), recorded as delivered only while the claim holds and just before the
//! request's last byte leaves (so a worker killed mid-request, or overtaken after its lease,
//! never posts an event twice), answered, retried with backoff, or given up.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query},
};

use super::{DeliveryStatus, endpoints::sealing_id};
use crate::{
    DomainError,
    entities::{webhook_delivery, webhook_endpoint},
    two_factor::SeedKey,
};

/// A claimed delivery with where it goes and the secret it is signed with.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub delivery: webhook_delivery::Model,
    pub url: String,
    /// `None` when the sealed secret no longer opens (another site key): it cannot be signed.
    pub secret: Option<String>,
}

fn due(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(webhook_delivery::Column::Status.eq(DeliveryStatus::Queued))
                .add(webhook_delivery::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(webhook_delivery::Column::Status.eq(DeliveryStatus::Sending))
                .add(webhook_delivery::Column::LockedUntil.lt(now)),
        )
}

/// Whether anything is due, a cheap read before a claim (which writes).
pub async fn due_exists(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    Ok(webhook_delivery::Entity::find()
        .select_only()
        .column(webhook_delivery::Column::Id)
        .filter(due(now))
        .limit(1)
        .into_tuple::<i64>()
        .one(conn)
        .await?
        .is_some())
}

/// Claims up to `limit` due deliveries for `lease`; a delivery whose lease ran out (its
/// worker died) is due again.
pub async fn claim(
    conn: &impl ConnectionTrait,
    key: &SeedKey,
    now: DateTime<Utc>,
    limit: u64,
    lease: Duration,
) -> Result<Vec<Claimed>, DomainError> {
    let ids = Query::select()
        .column(webhook_delivery::Column::Id)
        .from(webhook_delivery::Entity)
        .cond_where(due(now))
        .order_by(webhook_delivery::Column::Id, Order::Asc)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    let mut claimed = webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(DeliveryStatus::Sending),
        )
        .col_expr(
            webhook_delivery::Column::LockedUntil,
            Expr::value(now + lease),
        )
        .col_expr(
            webhook_delivery::Column::Attempts,
            Expr::col(webhook_delivery::Column::Attempts).add(1),
        )
        .filter(webhook_delivery::Column::Id.in_subquery(ids))
        .exec_with_returning(conn)
        .await?;
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    claimed.sort_by_key(|d| d.id);
    let endpoints = webhook_endpoint::Entity::find()
        .filter(webhook_endpoint::Column::Id.is_in(claimed.iter().map(|d| d.endpoint_id)))
        .all(conn)
        .await?;
    Ok(claimed
        .into_iter()
        .filter_map(|delivery| {
            let endpoint = endpoints.iter().find(|e| e.id == delivery.endpoint_id)?;
            let secret = key.open(sealing_id(endpoint.id), &endpoint.secret).ok();
            Some(Claimed {
                url: endpoint.url.clone(),
                secret,
                delivery,
            })
        })
        .collect())
}

/// The claim `(id, attempts)` still held: nobody took the delivery over meanwhile.
fn held(id: i64, attempts: i32) -> Condition {
    Condition::all()
        .add(webhook_delivery::Column::Id.eq(id))
        .add(webhook_delivery::Column::Attempts.eq(attempts))
}

/// Records a delivery as made, if this worker's claim still holds; `false` means it must not
/// be sent (another worker has it, or it was cancelled).
pub async fn mark_delivered(
    conn: &impl ConnectionTrait,
    id: i64,
    attempts: i32,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let done = webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(DeliveryStatus::Delivered),
        )
        .col_expr(webhook_delivery::Column::DeliveredAt, Expr::value(now))
        .col_expr(
            webhook_delivery::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(held(id, attempts))
        .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Sending))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

fn excerpt(text: &str) -> String {
    text.chars().take(500).collect()
}

/// Keeps the receiver's answer to a delivery.
pub async fn record_answer(
    conn: &impl ConnectionTrait,
    id: i64,
    status: u16,
    body: &str,
) -> Result<(), DomainError> {
    webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::ResponseStatus,
            Expr::value(i32::from(status)),
        )
        .col_expr(
            webhook_delivery::Column::ResponseBody,
            Expr::value(excerpt(body)),
        )
        .col_expr(
            webhook_delivery::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(webhook_delivery::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// What a failed attempt left: the answer, if there was one, or the error.
#[derive(Clone, Debug, Default)]
pub struct Failure<'a> {
    pub status: Option<u16>,
    pub body: Option<&'a str>,
    pub error: Option<&'a str>,
}

fn failure_columns(
    update: sea_orm::UpdateMany<webhook_delivery::Entity>,
    failure: &Failure<'_>,
) -> sea_orm::UpdateMany<webhook_delivery::Entity> {
    update
        .col_expr(
            webhook_delivery::Column::ResponseStatus,
            Expr::value(failure.status.map(i32::from)),
        )
        .col_expr(
            webhook_delivery::Column::ResponseBody,
            Expr::value(failure.body.map(excerpt)),
        )
        .col_expr(
            webhook_delivery::Column::LastError,
            Expr::value(failure.error.map(excerpt)),
        )
        .col_expr(
            webhook_delivery::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            webhook_delivery::Column::DeliveredAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
}

/// Back in the queue until `at`, after a failed attempt (also one recorded as delivered
/// whose receiver then answered with an error).
pub async fn retry_later(
    conn: &impl ConnectionTrait,
    id: i64,
    attempts: i32,
    failure: &Failure<'_>,
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    failure_columns(webhook_delivery::Entity::update_many(), failure)
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(DeliveryStatus::Queued),
        )
        .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(at))
        .filter(held(id, attempts))
        .filter(
            webhook_delivery::Column::Status
                .is_in([DeliveryStatus::Sending, DeliveryStatus::Delivered]),
        )
        .exec(conn)
        .await?;
    Ok(())
}

/// Gives up on a delivery: its last attempt failed, or its address was refused.
pub async fn mark_failed(
    conn: &impl ConnectionTrait,
    id: i64,
    attempts: i32,
    failure: &Failure<'_>,
) -> Result<(), DomainError> {
    failure_columns(webhook_delivery::Entity::update_many(), failure)
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(DeliveryStatus::Failed),
        )
        .filter(held(id, attempts))
        .filter(
            webhook_delivery::Column::Status
                .is_in([DeliveryStatus::Sending, DeliveryStatus::Delivered]),
        )
        .exec(conn)
        .await?;
    Ok(())
}

/// An endpoint's latest deliveries, newest first.
pub async fn deliveries_of(
    conn: &impl ConnectionTrait,
    endpoint_id: i64,
    limit: u64,
) -> Result<Vec<webhook_delivery::Model>, DomainError> {
    Ok(webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::EndpointId.eq(endpoint_id))
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}
