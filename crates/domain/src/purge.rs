//! Unconfirmed requests are forgotten once their link has run out: an address typed into a
//! form, by its owner or by anyone, is not kept for ever because nobody pressed the link.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Query},
};

use crate::{
    DomainError, account,
    entities::{member, registration, token},
    events,
    membership::Status,
    outbox,
    token::Purpose,
};

/// How long an unconfirmed request is kept: while its confirmation link works, and then as
/// long as the expired link still offers a new one (`token::KEPT_AFTER_EXPIRY`).
pub fn unconfirmed_lifetime() -> Duration {
    Purpose::Confirm.lifetime() + crate::token::KEPT_AFTER_EXPIRY
}

/// Forgets up to `limit` pending sign-ups with no confirmation link that works or can still be
/// renewed, and none issued in `unconfirmed_lifetime()`: their address, name and choices go, as an erasure's would (the
/// row stays, erased, for the ids that point to it). Returns how many.
pub async fn unconfirmed_members(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<u64, DomainError> {
    let live_link = Query::select()
        .column(token::Column::MemberId)
        .from(token::Entity)
        .and_where(token::Column::Purpose.eq(Purpose::Confirm))
        .and_where(token::Column::UsedAt.is_null())
        .and_where(token::Column::ExpiresAt.gt(now - crate::token::KEPT_AFTER_EXPIRY))
        .and_where(token::Column::MemberId.is_not_null())
        .to_owned();
    let stale: Vec<member::Model> = member::Entity::find()
        .filter(member::Column::Status.eq(Status::Pending))
        .filter(member::Column::UpdatedAt.lt(now - unconfirmed_lifetime()))
        .filter(member::Column::Id.not_in_subquery(live_link))
        .order_by_asc(member::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    let forgotten = stale.len() as u64;
    for member in stale {
        account::forget_unconfirmed(conn, member, now).await?;
    }
    Ok(forgotten)
}

/// Forgets up to `limit` registrations still pending `unconfirmed_lifetime()` after they were
/// made: they hold no seat; their address, name and requests go, and they end cancelled.
pub async fn unconfirmed_registrations(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<u64, DomainError> {
    let stale: Vec<registration::Model> = registration::Entity::find()
        .filter(registration::Column::Status.eq(events::RegistrationStatus::Pending))
        .filter(registration::Column::CreatedAt.lt(now - unconfirmed_lifetime()))
        .order_by_asc(registration::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    let ids: Vec<i64> = stale.iter().map(|r| r.id).collect();
    if ids.is_empty() {
        return Ok(0);
    }
    for r in &stale {
        // The mail of a registration by someone who is not a member names only the address.
        if r.member_id.is_none() {
            outbox::forget_address(conn, &r.email, "").await?;
        }
    }
    events::forget_registrations(conn, &ids).await?;
    registration::Entity::update_many()
        .col_expr(
            registration::Column::Status,
            Expr::value(events::RegistrationStatus::Cancelled),
        )
        .col_expr(registration::Column::CancelledAt, Expr::value(now))
        .filter(registration::Column::Id.is_in(ids.iter().copied()))
        .exec(conn)
        .await?;
    Ok(ids.len() as u64)
}
