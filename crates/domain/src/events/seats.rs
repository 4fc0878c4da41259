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
    sea_query::{Expr, ExprTrait, Func, LockType},
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
