//! At the door: checking a confirmed registrant in, and undoing a wrong tap.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::{DomainError, entities::registration};

use super::registration::RegistrationStatus;

#[derive(Debug)]
pub enum CheckIn {
    CheckedIn(registration::Model),
    /// Checked in before: the earlier time stands.
    AlreadyCheckedIn(registration::Model),
    /// Only a confirmed registration is checked in.
    NotConfirmed(registration::Model),
    /// No such registration for this event.
    Unknown,
}

/// Marks a confirmed registrant arrived. The event id guards against a registration of
/// another event.
pub async fn check_in(
    conn: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<CheckIn, DomainError> {
    let updated = registration::Entity::update_many()
        .col_expr(registration::Column::CheckedInAt, Expr::value(now))
        .filter(registration::Column::Id.eq(registration_id))
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed))
        .filter(registration::Column::CheckedInAt.is_null())
        .exec_with_returning(conn)
        .await?;
    if let Some(registration) = updated.into_iter().next() {
        return Ok(CheckIn::CheckedIn(registration));
    }
    Ok(match of_event(conn, event_id, registration_id).await? {
        None => CheckIn::Unknown,
        Some(r) if r.status != RegistrationStatus::Confirmed => CheckIn::NotConfirmed(r),
        Some(r) => CheckIn::AlreadyCheckedIn(r),
    })
}

/// Undoes a check-in (a wrong tap at the door). `None` for no such registration of the event.
pub async fn undo_check_in(
    conn: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
) -> Result<Option<registration::Model>, DomainError> {
    let updated = registration::Entity::update_many()
        .col_expr(
            registration::Column::CheckedInAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(registration::Column::Id.eq(registration_id))
        .filter(registration::Column::EventId.eq(event_id))
        .exec_with_returning(conn)
        .await?;
    Ok(updated.into_iter().next())
}

async fn of_event(
    conn: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
) -> Result<Option<registration::Model>, DomainError> {
    Ok(registration::Entity::find_by_id(registration_id)
        .filter(registration::Column::EventId.eq(event_id))
        .one(conn)
        .await?)
}
