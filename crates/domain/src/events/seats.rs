//! Seats and the waitlist: a seat claimed by a confirmation, released by a cancellation, and
//! handed to the first in line.
//!
//! # The invariant
//!
//! `seats_taken` never passes `capacity`, and the waitlisted registrations of an event hold
//! positions 1..N without gaps, so a position is always the person's place in line.
//!
//! # How it holds under concurrency
//!
//! A seat is taken by one conditional UPDATE on the event row,
//! `UPDATE events SET seats_taken = seats_taken + 1 WHERE id = ? AND (capacity IS NULL OR
//! seats_taken < capacity)`: one row affected is a seat, none is a full event. Both backends run
//! that statement atomically, so `seats_taken` never passes `capacity` whatever the concurrency.
//!
//! The waitlist needs more than one statement (read the last position, write the next; on a
//! cancellation, promote the first and close the gap), so every function that changes seats or
//! the waitlist first locks the event row and then re-reads what it decides on:
//!
//! - on PostgreSQL with `SELECT … FOR NO KEY UPDATE`: the row lock an `UPDATE` of a non-key
//!   column takes anyway, held to the end of the transaction. It serialises seat and waitlist
//!   changes per event, and — unlike `FOR UPDATE` — does not conflict with the `FOR KEY SHARE`
//!   lock that inserting a registration (its foreign key) takes on the same row, so a request
//!   followed by a confirmation in one transaction cannot deadlock with another;
//! - on SQLite the lock clause is dropped (sea-query leaves it out): the write transaction
//!   (`Db::begin_write`, `BEGIN IMMEDIATE`) already holds the database's single write lock.
//!
//! A confirmation (`confirm_pending`) takes its seat with that UPDATE alone (on PostgreSQL it
//! takes the row lock too), and only without a seat locks the row to write its place in line
//! as the last position plus one, read in the same statement under the lock.
//!
//! So these functions must run inside a write transaction (`Db::begin_write`), and the emails
//! their outcomes call for are queued in that same transaction.
//!
//! Whoever leaves the list (promoted or cancelled) closes the gap behind them. The database
//! backs the rule up with CHECK constraints (or triggers on SQLite): a bug here is refused,
//! not stored.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LockType, Query, SimpleExpr},
};
use tracing::instrument;

use crate::{
    DomainError,
    entities::{event, registration},
};

use super::registration::{ConfirmOutcome, RegistrationStatus, confirmation_refusal};

/// Locks the event row for the rest of the transaction (PostgreSQL) and reads it. On SQLite
/// the lock clause is left out: the write transaction holds the database's one write lock.
pub(super) async fn lock_event(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<event::Model>, DomainError> {
    Ok(event::Entity::find_by_id(id)
        .lock(LockType::NoKeyUpdate)
        .one(conn)
        .await?)
}

/// The seat rule, once the event row is locked.
pub(super) async fn take_seat(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(ConfirmOutcome, event::Model), DomainError> {
    let event = lock_event(conn, event_id)
        .await?
        .ok_or(DomainError::Inconsistent("registration of a missing event"))?;
    // Read again under the lock: another transaction may have confirmed it meanwhile.
    let current = registration::Entity::find_by_id(registration_id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent("registration vanished"))?;
    match current.status {
        RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted => {
            return Ok((ConfirmOutcome::AlreadyDone(current), event));
        }
        RegistrationStatus::Cancelled => {
            return Ok((ConfirmOutcome::Cancelled(current), event));
        }
        RegistrationStatus::Pending => {}
    }
    if let Some(refused) = confirmation_refusal(&event, now) {
        return Ok((ConfirmOutcome::Refused(refused), event));
    }

    if claim_seat(conn, event.id).await? {
        let confirmed = set_status(
            conn,
            current.id,
            RegistrationStatus::Pending,
            RegistrationStatus::Confirmed,
            None,
            now,
        )
        .await?;
        return Ok((ConfirmOutcome::Confirmed(confirmed), event));
    }
    if !event.waitlist_enabled {
        return Ok((ConfirmOutcome::Full(current), event));
    }
    // Safe: the event row is locked (PostgreSQL) or the database is (SQLite), so no other
    // transaction reads the same last position before this one commits.
    let last: Option<Option<i32>> = registration::Entity::find()
        .select_only()
        .expr(Func::max(Expr::col(registration::Column::WaitlistPosition)))
        .filter(registration::Column::EventId.eq(event.id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .into_tuple()
        .one(conn)
        .await?;
    let position = last.flatten().unwrap_or(0) + 1;
    let waitlisted = set_status(
        conn,
        current.id,
        RegistrationStatus::Pending,
        RegistrationStatus::Waitlisted,
        Some(position),
        now,
    )
    .await?;
    Ok((ConfirmOutcome::Waitlisted(waitlisted), event))
}

/// Confirms a registration that was read, pending, before the caller's write transaction (so
/// that the caller composed the seat's email and calendar file before any lock), in the fewest
/// statements that keep the invariant:
///
/// - a seat: one conditional UPDATE of the event row that takes the seat only while the event
///   is published, not over and not full (on PostgreSQL it locks the row until the commit),
///   returning the row, then the registration's `pending → confirmed`;
/// - no seat: the event row is locked and read (full, refused, or a seat freed meanwhile), and
///   a place in line is one UPDATE of the registration whose position is the last one plus one,
///   read in that statement under the lock, so no two people share a position.
///
/// When the registration was confirmed, waitlisted or cancelled by someone else in between
/// (a second tab), the seat this took is given back in the same transaction and the outcome
/// says what the registration now is. The event comes back as read or written under its lock:
/// the caller compares its `updated_at` with the one it composed from.
#[instrument(skip_all, fields(registration = pending.id))]
///
/// `looked_full`: the event was full when the caller read it. Seats come back only by a
/// cancellation, which hands them to the line first, so the seat statement is skipped and the
/// row locked at once (in a rush, most confirmations wait for the lock once, not twice); a
/// seat freed meanwhile is still found under the lock.
pub async fn confirm_pending(
    conn: &impl ConnectionTrait,
    pending: &registration::Model,
    looked_full: bool,
    now: DateTime<Utc>,
) -> Result<(ConfirmOutcome, event::Model), DomainError> {
    let seated = if looked_full {
        None
    } else {
        claim_open_seat(conn, pending.event_id, now).await?
    };
    if let Some(event) = seated {
        return Ok(
            match move_status(
                conn,
                pending.id,
                RegistrationStatus::Pending,
                RegistrationStatus::Confirmed,
                now,
            )
            .await?
            {
                Some(confirmed) => (ConfirmOutcome::Confirmed(confirmed), event),
                None => {
                    release_seat(conn, event.id).await?;
                    (settled(conn, pending.id).await?, event)
                }
            },
        );
    }
    let event = lock_event(conn, pending.event_id)
        .await?
        .ok_or(DomainError::Inconsistent("registration of a missing event"))?;
    if let Some(refused) = confirmation_refusal(&event, now) {
        return Ok((ConfirmOutcome::Refused(refused), event));
    }
    if !event.is_full() {
        // A seat freed between the two statements and nobody in line took it: the slow way,
        // everything re-read under the lock.
        return take_seat(conn, pending.id, event.id, now).await;
    }
    if !event.waitlist_enabled {
        return Ok((settled(conn, pending.id).await?, event));
    }
    let last = Query::select()
        .expr(Func::coalesce([
            Expr::from(Func::max(Expr::col(registration::Column::WaitlistPosition))),
            Expr::val(0),
        ]))
        .from(registration::Entity)
        .and_where(registration::Column::EventId.eq(event.id))
        .and_where(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .to_owned();
    let waitlisted = registration::Entity::update_many()
        .col_expr(
            registration::Column::Status,
            Expr::value(RegistrationStatus::Waitlisted.as_str()),
        )
        .col_expr(
            registration::Column::WaitlistPosition,
            Expr::expr(SimpleExpr::SubQuery(None, Box::new(last.into()))).add(1),
        )
        .filter(registration::Column::Id.eq(pending.id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Pending.as_str()))
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next();
    Ok(match waitlisted {
        Some(waitlisted) => (ConfirmOutcome::Waitlisted(waitlisted), event),
        None => (settled(conn, pending.id).await?, event),
    })
}

/// What a registration that is no longer pending is, for `confirm_pending`.
async fn settled(conn: &impl ConnectionTrait, id: i64) -> Result<ConfirmOutcome, DomainError> {
    let current = registration::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent("registration vanished"))?;
    Ok(match current.status {
        RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted => {
            ConfirmOutcome::AlreadyDone(current)
        }
        RegistrationStatus::Cancelled => ConfirmOutcome::Cancelled(current),
        RegistrationStatus::Pending => ConfirmOutcome::Full(current),
    })
}

/// Takes a seat if the event is published, not over and not full, in one statement; returns
/// the event row as written, or `None` when no seat was taken.
async fn claim_open_seat(
    conn: &impl ConnectionTrait,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<event::Model>, DomainError> {
    Ok(event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).add(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::Status.eq(super::event::EventStatus::Published))
        .filter(event::Column::EndsAt.gt(now))
        .filter(
            Condition::any()
                .add(event::Column::Capacity.is_null())
                .add(Expr::col(event::Column::SeatsTaken).lt(Expr::col(event::Column::Capacity))),
        )
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next())
}

/// `set_status` without a position, `None` when the registration is no longer in `from`.
async fn move_status(
    conn: &impl ConnectionTrait,
    id: i64,
    from: RegistrationStatus,
    to: RegistrationStatus,
    now: DateTime<Utc>,
) -> Result<Option<registration::Model>, DomainError> {
    let mut update = registration::Entity::update_many()
        .col_expr(registration::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            registration::Column::WaitlistPosition,
            Expr::value(Option::<i32>::None),
        );
    if to == RegistrationStatus::Confirmed {
        update = update.col_expr(registration::Column::ConfirmedAt, Expr::value(now));
    }
    Ok(update
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::Status.eq(from.as_str()))
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next())
}

/// The one statement that takes a seat: true when there was one.
async fn claim_seat(conn: &impl ConnectionTrait, event_id: i64) -> Result<bool, DomainError> {
    let result = event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).add(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(
            Condition::any()
                .add(event::Column::Capacity.is_null())
                .add(Expr::col(event::Column::SeatsTaken).lt(Expr::col(event::Column::Capacity))),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Gives a seat back.
async fn release_seat(conn: &impl ConnectionTrait, event_id: i64) -> Result<(), DomainError> {
    event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).sub(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::SeatsTaken.gt(0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Moves a registration from one status to another, only if it is still in the first.
async fn set_status(
    conn: &impl ConnectionTrait,
    id: i64,
    from: RegistrationStatus,
    to: RegistrationStatus,
    waitlist_position: Option<i32>,
    now: DateTime<Utc>,
) -> Result<registration::Model, DomainError> {
    let mut update = registration::Entity::update_many()
        .col_expr(registration::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            registration::Column::WaitlistPosition,
            Expr::value(waitlist_position),
        );
    match to {
        RegistrationStatus::Confirmed => {
            update = update.col_expr(registration::Column::ConfirmedAt, Expr::value(now));
        }
        RegistrationStatus::Cancelled => {
            update = update.col_expr(registration::Column::CancelledAt, Expr::value(now));
        }
        RegistrationStatus::Pending | RegistrationStatus::Waitlisted => {}
    }
    update
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::Status.eq(from.as_str()))
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next()
        .ok_or(DomainError::Inconsistent(
            "registration changed under the event lock",
        ))
}

/// Closes the gap a registration left at `position`: everyone behind moves up by `by`.
async fn close_gap(
    conn: &impl ConnectionTrait,
    event_id: i64,
    position: i32,
    by: i32,
) -> Result<(), DomainError> {
    registration::Entity::update_many()
        .col_expr(
            registration::Column::WaitlistPosition,
            Expr::col(registration::Column::WaitlistPosition).sub(by),
        )
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .filter(registration::Column::WaitlistPosition.gt(position))
        .exec(conn)
        .await?;
    Ok(())
}

/// Gives free seats to the waitlist, first in line first, while there are seats and people
/// waiting. The event row must be locked. Returns the promoted, to be emailed.
pub(super) async fn fill_from_waitlist(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    now: DateTime<Utc>,
) -> Result<Vec<registration::Model>, DomainError> {
    let mut promoted = Vec::new();
    let mut last_position = 0;
    loop {
        let Some(first) = registration::Entity::find()
            .filter(registration::Column::EventId.eq(event.id))
            .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
            .order_by(registration::Column::WaitlistPosition, Order::Asc)
            .order_by(registration::Column::Id, Order::Asc)
            .one(conn)
            .await?
        else {
            break;
        };
        if !claim_seat(conn, event.id).await? {
            break;
        }
        last_position = first.waitlist_position.unwrap_or(last_position);
        promoted.push(
            set_status(
                conn,
                first.id,
                RegistrationStatus::Waitlisted,
                RegistrationStatus::Confirmed,
                None,
                now,
            )
            .await?,
        );
    }
    if !promoted.is_empty() {
        let by = i32::try_from(promoted.len())
            .map_err(|_| DomainError::Inconsistent("waitlist longer than i32"))?;
        close_gap(conn, event.id, last_position, by).await?;
    }
    Ok(promoted)
}

/// What cancelling a registration did.
#[derive(Debug)]
pub enum CancelOutcome {
    Cancelled {
        registration: registration::Model,
        /// What it was before.
        was: RegistrationStatus,
        /// Who got the freed seat, first in line: email them.
        promoted: Option<registration::Model>,
    },
    AlreadyCancelled(registration::Model),
}

/// Cancels a registration. A confirmed one hands its seat to the first in line, in this
/// transaction (`seats_taken` ends unchanged); with nobody waiting the seat is freed. A
/// waitlisted one leaves the line and everyone behind moves up. Once the event is over or
/// cancelled a freed seat goes to nobody.
#[instrument(skip_all, fields(registration = registration.id))]
pub async fn cancel_registration(
    conn: &impl ConnectionTrait,
    registration: &registration::Model,
    now: DateTime<Utc>,
) -> Result<CancelOutcome, DomainError> {
    let event = lock_event(conn, registration.event_id)
        .await?
        .ok_or(DomainError::Inconsistent("registration of a missing event"))?;
    let current = registration::Entity::find_by_id(registration.id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent("registration vanished"))?;
    let was = current.status;
    if was == RegistrationStatus::Cancelled {
        return Ok(CancelOutcome::AlreadyCancelled(current));
    }
    let cancelled = set_status(
        conn,
        current.id,
        was,
        RegistrationStatus::Cancelled,
        None,
        now,
    )
    .await?;
    let mut promoted = None;
    match was {
        RegistrationStatus::Confirmed => {
            release_seat(conn, event.id).await?;
            if confirmation_refusal(&event, now).is_none() {
                let event = event::Entity::find_by_id(event.id)
                    .one(conn)
                    .await?
                    .ok_or(DomainError::Inconsistent("event vanished"))?;
                promoted = fill_from_waitlist(conn, &event, now)
                    .await?
                    .into_iter()
                    .next();
            }
        }
        RegistrationStatus::Waitlisted => {
            if let Some(position) = current.waitlist_position {
                close_gap(conn, event.id, position, 1).await?;
            }
        }
        RegistrationStatus::Pending | RegistrationStatus::Cancelled => {}
    }
    Ok(CancelOutcome::Cancelled {
        registration: cancelled,
        was,
        promoted,
    })
}
