//! Who chose what: a registration's choices, a session's seats and line (the attendance
//! list), check-in at a session's door, and giving every session up when a registration ends.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};

use crate::{
    DomainError,
    entities::{event_session, registration, session_choice},
};

use super::{ChoiceStatus, unchoose};

/// Gives up every session of a registration (it was cancelled or erased), handing each seat
/// on. Returns the promoted choices, to be told.
pub async fn release_all(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<session_choice::Model>, DomainError> {
    let active: Vec<i64> = session_choice::Entity::find()
        .select_only()
        .column(session_choice::Column::SessionId)
        .filter(session_choice::Column::RegistrationId.eq(registration_id))
        .filter(session_choice::Column::Status.ne(ChoiceStatus::Cancelled))
        .order_by_asc(session_choice::Column::SessionId)
        .into_tuple()
        .all(conn)
        .await?;
    let mut promoted = Vec::new();
    for session_id in active {
        if let Some(done) = unchoose(conn, registration_id, session_id, now).await? {
            promoted.extend(done.promoted);
        }
    }
    Ok(promoted)
}

/// A registration's choices with their sessions, in time order (cancelled ones too).
pub async fn choices_of(
    conn: &impl ConnectionTrait,
    registration_id: i64,
) -> Result<Vec<(session_choice::Model, event_session::Model)>, DomainError> {
    let rows = session_choice::Entity::find()
        .find_also_related(event_session::Entity)
        .filter(session_choice::Column::RegistrationId.eq(registration_id))
        .order_by_asc(event_session::Column::StartsAt)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, s)| s.map(|s| (c, s)))
        .collect())
}

/// The active choices of a session with their registrations (seats first, then the line).
pub async fn attendance(
    conn: &impl ConnectionTrait,
    session_id: i64,
) -> Result<Vec<(session_choice::Model, registration::Model)>, DomainError> {
    let rows = session_choice::Entity::find()
        .find_also_related(registration::Entity)
        .filter(session_choice::Column::SessionId.eq(session_id))
        .filter(session_choice::Column::Status.ne(ChoiceStatus::Cancelled))
        .order_by_asc(session_choice::Column::Status)
        .order_by_asc(session_choice::Column::WaitlistPosition)
        .order_by_asc(registration::Column::FullName)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, r)| r.map(|r| (c, r)))
        .collect())
}

/// Checks a seat holder in at the session's door (or undoes it). False when the choice is
/// not a seat of that session.
pub async fn check_in(
    conn: &impl ConnectionTrait,
    session_id: i64,
    choice_id: i64,
    at: Option<DateTime<Utc>>,
) -> Result<bool, DomainError> {
    let done = session_choice::Entity::update_many()
        .col_expr(session_choice::Column::CheckedInAt, Expr::value(at))
        .filter(session_choice::Column::Id.eq(choice_id))
        .filter(session_choice::Column::SessionId.eq(session_id))
        .filter(session_choice::Column::Status.eq(ChoiceStatus::Chosen))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}
