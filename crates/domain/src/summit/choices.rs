//! Choosing sessions: a seat taken, released and handed to the first in line, exactly like an
//! event's seats (`crate::events` `seats`).
//!
//! # The invariant
//!
//! A session's `seats_taken` never passes its `capacity`, and its waitlisted choices hold
//! positions 1..N without gaps.
//!
//! # How it holds under concurrency
//!
//! The seat is taken by one conditional UPDATE, `UPDATE event_sessions SET seats_taken =
//! seats_taken + 1 WHERE id = ? AND (capacity IS NULL OR seats_taken < capacity)`: one row is a
//! seat, none a full session, atomically on both backends. The waitlist needs several
//! statements, so every function here first locks the session row (`FOR NO KEY UPDATE` on
//! PostgreSQL; on SQLite the write transaction holds the database's one write lock) and then
//! re-reads what it decides on. The registration row is locked too, so that one person's two
//! racing choices cannot both pass the overlap check. Run these in a write transaction
//! (`Db::begin_write`) and queue their emails in it.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DeriveActiveEnum, EntityTrait, EnumIter, JoinType,
    Order, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
    sea_query::{Expr, ExprTrait, Func, LockType},
};
use tracing::instrument;

use crate::{
    DomainError,
    entities::{event_session, registration, session_choice},
    events::RegistrationStatus,
};

/// Where a choice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum ChoiceStatus {
    /// Holds a seat in the session.
    #[sea_orm(string_value = "chosen")]
    Chosen,
    /// In line at `waitlist_position`.
    #[sea_orm(string_value = "waitlisted")]
    Waitlisted,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl ChoiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChoiceStatus::Chosen => "chosen",
            ChoiceStatus::Waitlisted => "waitlisted",
            ChoiceStatus::Cancelled => "cancelled",
        }
    }

    /// Holds a seat or a place in line.
    pub fn is_active(self) -> bool {
        self != ChoiceStatus::Cancelled
    }
}

/// Why a choice was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChoiceRefusal {
    /// Only a confirmed registration chooses sessions.
    #[error("the registration holds no seat in the event")]
    NotConfirmed,
    #[error("the session is cancelled")]
    SessionCancelled,
    #[error("the session is over")]
    Over,
    /// The person already holds (or waits for) a session at the same time.
    #[error("the session overlaps session {other}")]
    Overlaps { other: i64 },
    #[error("no such session")]
    UnknownSession,
}

#[derive(Debug)]
pub enum ChoiceOutcome {
    /// A seat was taken now.
    Chosen(session_choice::Model),
    /// The session is full: in line at `waitlist_position`.
    Waitlisted(session_choice::Model),
    /// Chosen or waitlisted before: nothing changed.
    AlreadyDone(session_choice::Model),
    Refused(ChoiceRefusal),
}

/// Locks a session row for the rest of the transaction (PostgreSQL) and reads it.
pub(super) async fn lock_session(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<event_session::Model>, DomainError> {
    Ok(event_session::Entity::find_by_id(id)
        .lock(LockType::NoKeyUpdate)
        .one(conn)
        .await?)
}

/// The one statement that takes a seat: true when there was one.
async fn claim_seat(conn: &impl ConnectionTrait, session_id: i64) -> Result<bool, DomainError> {
    let result = event_session::Entity::update_many()
        .col_expr(
            event_session::Column::SeatsTaken,
            Expr::col(event_session::Column::SeatsTaken).add(1),
        )
        .filter(event_session::Column::Id.eq(session_id))
        .filter(
            Condition::any()
                .add(event_session::Column::Capacity.is_null())
                .add(
                    Expr::col(event_session::Column::SeatsTaken)
                        .lt(Expr::col(event_session::Column::Capacity)),
                ),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn release_seat(conn: &impl ConnectionTrait, session_id: i64) -> Result<(), DomainError> {
    event_session::Entity::update_many()
        .col_expr(
            event_session::Column::SeatsTaken,
            Expr::col(event_session::Column::SeatsTaken).sub(1),
        )
        .filter(event_session::Column::Id.eq(session_id))
        .filter(event_session::Column::SeatsTaken.gt(0))
        .exec(conn)
        .await?;
    Ok(())
}

async fn last_position(conn: &impl ConnectionTrait, session_id: i64) -> Result<i32, DomainError> {
    let last: Option<Option<i32>> = session_choice::Entity::find()
        .select_only()
        .expr(Func::max(Expr::col(
            session_choice::Column::WaitlistPosition,
        )))
        .filter(session_choice::Column::SessionId.eq(session_id))
        .filter(session_choice::Column::Status.eq(ChoiceStatus::Waitlisted))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(last.flatten().unwrap_or(0))
}

/// Moves a choice to `to`, only if it is still in `from`; bumps its revision.
async fn set_status(
    conn: &impl ConnectionTrait,
    id: i64,
    from: ChoiceStatus,
    to: ChoiceStatus,
    position: Option<i32>,
    now: DateTime<Utc>,
) -> Result<session_choice::Model, DomainError> {
    session_choice::Entity::update_many()
        .col_expr(session_choice::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            session_choice::Column::WaitlistPosition,
            Expr::value(position),
        )
        .col_expr(
            session_choice::Column::Revision,
            Expr::col(session_choice::Column::Revision).add(1),
        )
        .col_expr(session_choice::Column::UpdatedAt, Expr::value(now))
        .filter(session_choice::Column::Id.eq(id))
        .filter(session_choice::Column::Status.eq(from.as_str()))
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next()
        .ok_or(DomainError::Inconsistent(
            "session choice changed under the session lock",
        ))
}

async fn close_gap(
    conn: &impl ConnectionTrait,
    session_id: i64,
    position: i32,
    by: i32,
) -> Result<(), DomainError> {
    session_choice::Entity::update_many()
        .col_expr(
            session_choice::Column::WaitlistPosition,
            Expr::col(session_choice::Column::WaitlistPosition).sub(by),
        )
        .filter(session_choice::Column::SessionId.eq(session_id))
        .filter(session_choice::Column::Status.eq(ChoiceStatus::Waitlisted))
        .filter(session_choice::Column::WaitlistPosition.gt(position))
        .exec(conn)
        .await?;
    Ok(())
}

/// The active choice of `registration_id` whose session overlaps `session`, if any.
async fn overlapping(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    session: &event_session::Model,
) -> Result<Option<i64>, DomainError> {
    let found: Option<i64> = session_choice::Entity::find()
        .select_only()
        .column(session_choice::Column::SessionId)
        .join(JoinType::InnerJoin, session_choice::Relation::Session.def())
        .filter(session_choice::Column::RegistrationId.eq(registration_id))
        .filter(session_choice::Column::SessionId.ne(session.id))
        .filter(session_choice::Column::Status.ne(ChoiceStatus::Cancelled))
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(event_session::Column::StartsAt.lt(session.ends_at))
        .filter(event_session::Column::EndsAt.gt(session.starts_at))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(found)
}

/// Why `session` takes no choice of `registration_id` now, if it does not.
async fn refusal(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    session: &event_session::Model,
    now: DateTime<Utc>,
) -> Result<Option<ChoiceRefusal>, DomainError> {
    if session.is_cancelled() {
        return Ok(Some(ChoiceRefusal::SessionCancelled));
    }
    if now >= session.ends_at {
        return Ok(Some(ChoiceRefusal::Over));
    }
    Ok(overlapping(conn, registration_id, session)
        .await?
        .map(|other| ChoiceRefusal::Overlaps { other }))
}

/// Chooses a session for a registration: a seat, or a place in its line, atomically.
/// Refused for a registration without a seat in the event, a cancelled or finished session,
/// and a session that overlaps one already chosen or waited for.
#[instrument(skip_all, fields(registration = registration_id, session = session_id))]
pub async fn choose(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<ChoiceOutcome, DomainError> {
    // The registration first (the same order everywhere: registration, then session).
    let Some(registration) = registration::Entity::find_by_id(registration_id)
        .lock(LockType::NoKeyUpdate)
        .one(conn)
        .await?
    else {
        return Ok(ChoiceOutcome::Refused(ChoiceRefusal::NotConfirmed));
    };
    if registration.status != RegistrationStatus::Confirmed {
        return Ok(ChoiceOutcome::Refused(ChoiceRefusal::NotConfirmed));
    }
    // The checks read the session without its lock, so that the lock (which every other
    // choice of this session waits for) is held only from the claim on; what they decided on
    // is read again under it.
    let Some(unlocked) = event_session::Entity::find_by_id(session_id)
        .one(conn)
        .await?
        .filter(|s| s.event_id == registration.event_id)
    else {
        return Ok(ChoiceOutcome::Refused(ChoiceRefusal::UnknownSession));
    };
    let existing = session_choice::Entity::find()
        .filter(session_choice::Column::RegistrationId.eq(registration_id))
        .filter(session_choice::Column::SessionId.eq(session_id))
        .one(conn)
        .await?;
    if let Some(existing) = &existing
        && existing.status.is_active()
    {
        return Ok(ChoiceOutcome::AlreadyDone(existing.clone()));
    }
    if let Some(refused) = refusal(conn, registration_id, &unlocked, now).await? {
        return Ok(ChoiceOutcome::Refused(refused));
    }
    let session = lock_session(conn, session_id)
        .await?
        .ok_or(DomainError::Inconsistent("session vanished"))?;
    // Moved or cancelled in between: decide again on what the lock holds.
    if (session.starts_at, session.ends_at, session.cancelled_at)
        != (unlocked.starts_at, unlocked.ends_at, unlocked.cancelled_at)
        && let Some(refused) = refusal(conn, registration_id, &session, now).await?
    {
        return Ok(ChoiceOutcome::Refused(refused));
    }
    let seat = claim_seat(conn, session.id).await?;
    let (status, position) = if seat {
        (ChoiceStatus::Chosen, None)
    } else {
        // Safe: the session row is locked (PostgreSQL) or the database is (SQLite).
        (
            ChoiceStatus::Waitlisted,
            Some(last_position(conn, session.id).await? + 1),
        )
    };
    let choice = match existing {
        Some(old) => {
            set_status(conn, old.id, ChoiceStatus::Cancelled, status, position, now).await?
        }
        None => {
            session_choice::Entity::insert(session_choice::ActiveModel {
                registration_id: Set(registration_id),
                session_id: Set(session.id),
                status: Set(status),
                waitlist_position: Set(position),
                revision: Set(0),
                reminded_at: Set(None),
                checked_in_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec_with_returning(conn)
            .await?
        }
    };
    Ok(if seat {
        ChoiceOutcome::Chosen(choice)
    } else {
        ChoiceOutcome::Waitlisted(choice)
    })
}

/// What giving up a session did.
#[derive(Debug)]
pub struct Unchosen {
    pub choice: session_choice::Model,
    pub was: ChoiceStatus,
    /// Who got the freed seat: tell them.
    pub promoted: Vec<session_choice::Model>,
}

/// Gives up a session: a seat goes to the first in line in this transaction, a place in line
/// closes its gap. `None` when there was nothing to give up.
#[instrument(skip_all, fields(registration = registration_id, session = session_id))]
pub async fn unchoose(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<Unchosen>, DomainError> {
    let Some(session) = lock_session(conn, session_id).await? else {
        return Ok(None);
    };
    let Some(current) = session_choice::Entity::find()
        .filter(session_choice::Column::RegistrationId.eq(registration_id))
        .filter(session_choice::Column::SessionId.eq(session_id))
        .one(conn)
        .await?
        .filter(|c| c.status.is_active())
    else {
        return Ok(None);
    };
    let was = current.status;
    let choice = set_status(conn, current.id, was, ChoiceStatus::Cancelled, None, now).await?;
    let mut promoted = Vec::new();
    match was {
        ChoiceStatus::Chosen => {
            release_seat(conn, session.id).await?;
            if !session.is_cancelled() && now < session.ends_at {
                promoted = fill_from_waitlist(conn, &session, now).await?;
            }
        }
        ChoiceStatus::Waitlisted => {
            if let Some(position) = current.waitlist_position {
                close_gap(conn, session.id, position, 1).await?;
            }
        }
        ChoiceStatus::Cancelled => {}
    }
    Ok(Some(Unchosen {
        choice,
        was,
        promoted,
    }))
}

/// Gives every free seat of a (locked) session to its line, first in line first.
pub(super) async fn fill_from_waitlist(
    conn: &impl ConnectionTrait,
    session: &event_session::Model,
    now: DateTime<Utc>,
) -> Result<Vec<session_choice::Model>, DomainError> {
    let mut promoted = Vec::new();
    let mut last = 0;
    loop {
        let Some(first) = session_choice::Entity::find()
            .filter(session_choice::Column::SessionId.eq(session.id))
            .filter(session_choice::Column::Status.eq(ChoiceStatus::Waitlisted))
            .order_by(session_choice::Column::WaitlistPosition, Order::Asc)
            .order_by(session_choice::Column::Id, Order::Asc)
            .one(conn)
            .await?
        else {
            break;
        };
        if !claim_seat(conn, session.id).await? {
            break;
        }
        last = first.waitlist_position.unwrap_or(last);
        promoted.push(
            set_status(
                conn,
                first.id,
                ChoiceStatus::Waitlisted,
                ChoiceStatus::Chosen,
                None,
                now,
            )
            .await?,
        );
    }
    if !promoted.is_empty() {
        let by = i32::try_from(promoted.len())
            .map_err(|_| DomainError::Inconsistent("waitlist longer than i32"))?;
        close_gap(conn, session.id, last, by).await?;
    }
    Ok(promoted)
}
