//! The endpoints: registered by an admin with the event types they want; the signing secret
//! is made here, shown once, and kept sealed with the site's key.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use super::{DeliveryStatus, Topic, signature};
use crate::{
    DomainError,
    entities::{webhook_delivery, webhook_endpoint},
    two_factor::SeedKey,
};

/// An endpoint to register; `url` passed `target::check_url`.
#[derive(Clone, Debug)]
pub struct NewEndpoint {
    pub url: String,
    pub description: String,
    pub topics: Vec<Topic>,
}

/// The additional data sealed with a secret: the endpoint's id, kept apart from the ids the
/// same key seals organizers' seeds with.
pub(super) fn sealing_id(endpoint_id: i64) -> i64 {
    -endpoint_id
}

/// Registers an endpoint; returns it with its secret in clear, to show once.
pub async fn create(
    conn: &impl ConnectionTrait,
    key: &SeedKey,
    new: &NewEndpoint,
    created_by: i64,
    now: DateTime<Utc>,
) -> Result<(webhook_endpoint::Model, String), DomainError> {
    let secret = signature::new_secret();
    let endpoint = webhook_endpoint::Entity::insert(webhook_endpoint::ActiveModel {
        url: Set(new.url.clone()),
        description: Set(new.description.clone()),
        topics: Set(Topic::to_stored(&new.topics)),
        secret: Set(String::new()),
        active: Set(true),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec_with_returning(conn)
    .await?;
    let sealed = key.seal(sealing_id(endpoint.id), &secret);
    webhook_endpoint::Entity::update_many()
        .col_expr(
            webhook_endpoint::Column::Secret,
            Expr::value(sealed.clone()),
        )
        .filter(webhook_endpoint::Column::Id.eq(endpoint.id))
        .exec(conn)
        .await?;
    Ok((
        webhook_endpoint::Model {
            secret: sealed,
            ..endpoint
        },
        secret,
    ))
}

/// Switches an endpoint on or off; off, what it had waiting is cancelled.
pub async fn set_active(
    conn: &impl ConnectionTrait,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let done = webhook_endpoint::Entity::update_many()
        .col_expr(webhook_endpoint::Column::Active, Expr::value(active))
        .col_expr(webhook_endpoint::Column::UpdatedAt, Expr::value(now))
        .filter(webhook_endpoint::Column::Id.eq(id))
        .exec(conn)
        .await?;
    if !active {
        webhook_delivery::Entity::update_many()
            .col_expr(
                webhook_delivery::Column::Status,
                Expr::value(DeliveryStatus::Cancelled),
            )
            .col_expr(
                webhook_delivery::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(webhook_delivery::Column::EndpointId.eq(id))
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Queued))
            .exec(conn)
            .await?;
    }
    Ok(done.rows_affected == 1)
}

pub async fn all(conn: &impl ConnectionTrait) -> Result<Vec<webhook_endpoint::Model>, DomainError> {
    Ok(webhook_endpoint::Entity::find()
        .order_by_asc(webhook_endpoint::Column::Id)
        .all(conn)
        .await?)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<webhook_endpoint::Model>, DomainError> {
    Ok(webhook_endpoint::Entity::find_by_id(id).one(conn).await?)
}
