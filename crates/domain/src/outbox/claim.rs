//! Claiming due rows for a worker, lane by lane, under a lease (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL), and the conditions that say whether a row may still go out.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query},
};

use crate::{
    DomainError, account,
    entities::{member, newsletter, outbox},
    membership::Status as MemberStatus,
    newsletters,
};

use super::{Lane, Status};

/// Claims up to `limit` due rows for one worker, for `lease`: transactional rows first, then
/// bulk ones to fill the batch. The worker itself claims each lane on its own
/// (`claim_lane`); this is for callers that want whatever is due.
pub async fn claim(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
    lease: Duration,
) -> Result<Vec<outbox::Model>, DomainError> {
    let mut claimed = claim_lane(conn, Lane::Transactional, now, limit, lease).await?;
    let left = limit.saturating_sub(claimed.len() as u64);
    if left > 0 {
        claimed.extend(claim_lane(conn, Lane::Bulk, now, left, lease).await?);
    }
    Ok(claimed)
}

/// Claims up to `limit` due rows of one lane for one worker, for `lease`. A row whose lease
/// ran out (its worker died) is due again; the copies of a newsletter that is not sending
/// (paused, held, cancelled) wait. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets workers claim
/// side by side without waiting on each other; SQLite has a single writer, so the one
/// statement is already exclusive. The lane is the first key of `idx_outbox_open_lane`, so a
/// claim of one lane never walks the other's backlog.
pub async fn claim_lane(
    conn: &impl ConnectionTrait,
    lane: Lane,
    now: DateTime<Utc>,
    limit: u64,
    lease: Duration,
) -> Result<Vec<outbox::Model>, DomainError> {
    let due = Query::select()
        .column(outbox::Column::Id)
        .from(outbox::Entity)
        // Written as constants, the very terms of `idx_outbox_open_lane`'s predicate, so that
        // both engines walk that index (they cannot prove a bound parameter matches it).
        .and_where(Expr::cust("status IN ('queued', 'sending')"))
        .and_where(outbox::Column::Lane.eq(lane))
        .cond_where(
            Condition::any()
                .add(
                    Condition::all()
                        .add(outbox::Column::Status.eq(Status::Queued))
                        .add(outbox::Column::NextAttemptAt.lte(now)),
                )
                .add(
                    Condition::all()
                        .add(outbox::Column::Status.eq(Status::Sending))
                        .add(outbox::Column::LockedUntil.lt(now)),
                ),
        )
        .cond_where(
            Condition::any()
                .add(outbox::Column::NewsletterId.is_null())
                .add(
                    outbox::Column::NewsletterId.in_subquery(
                        Query::select()
                            .column(newsletter::Column::Id)
                            .from(newsletter::Entity)
                            .and_where(newsletter::Column::Status.eq(newsletters::Status::Sending))
                            .to_owned(),
                    ),
                ),
        )
        .order_by(outbox::Column::Id, Order::Asc)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    let mut claimed = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Sending))
        .col_expr(outbox::Column::LockedUntil, Expr::value(now + lease))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.in_subquery(due))
        .exec_with_returning(conn)
        .await?;
    claimed.sort_by_key(|row| row.id);
    Ok(claimed)
}

/// `SELECT 1 FROM members WHERE members.id = outbox.member_id AND …`
pub(super) fn the_member(condition: Condition) -> Expr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(member::Entity)
            .and_where(
                Expr::col((member::Entity, member::Column::Id))
                    .equals((outbox::Entity, outbox::Column::MemberId)),
            )
            .cond_where(condition)
            .to_owned(),
    )
}

/// Whether a row's recipient was erased (the goodbye still goes to them).
pub(super) fn to_an_erased_member() -> Condition {
    Condition::all()
        .add(outbox::Column::MemberId.is_not_null())
        .add(outbox::Column::Kind.ne(account::GOODBYE_MAIL))
        .add(the_member(Condition::all().add(
            Expr::col((member::Entity, member::Column::Status)).eq(MemberStatus::Erased),
        )))
}

/// Whether a row is a copy of a newsletter that is no longer sending (paused, held, cancelled).
pub(super) fn of_a_stopped_newsletter() -> Condition {
    let sending = Query::select()
        .expr(Expr::val(1))
        .from(newsletter::Entity)
        .and_where(
            Expr::col((newsletter::Entity, newsletter::Column::Id))
                .equals((outbox::Entity, outbox::Column::NewsletterId)),
        )
        .and_where(
            Expr::col((newsletter::Entity, newsletter::Column::Status))
                .eq(newsletters::Status::Sending),
        )
        .to_owned();
    Condition::all()
        .add(outbox::Column::Kind.eq(newsletters::MAIL_KIND))
        .add(Expr::exists(sending).not())
}

/// Whether a row is a newsletter copy whose member no longer wants it (unsubscribed, left,
/// suspended after hard bounces).
pub(super) fn of_an_unwanted_copy() -> Condition {
    Condition::all()
        .add(outbox::Column::Kind.eq(newsletters::MAIL_KIND))
        .add(the_member(newsletters::subscribed()).not())
}

/// What must hold at the last moment for a row to go out: its recipient was not erased (but
/// for the goodbye) and, for a newsletter copy, its newsletter is still sending and its member
/// still wants it. Checked by the very statement that records a delivery, just before the
/// message's final dot, so a withdrawal, an erasure, a suspension, a pause or a cancel takes
/// effect for every copy not yet handed to the relay, at no extra round trip.
pub(super) fn deliverable() -> Condition {
    Condition::all()
        .add(to_an_erased_member().not())
        .add(of_a_stopped_newsletter().not())
        .add(of_an_unwanted_copy().not())
}
