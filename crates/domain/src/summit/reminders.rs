//! The reminder an hour before each chosen online or hybrid session, with its livestream link:
//! each choice is claimed by one conditional UPDATE (`reminded_at` set where it was empty), so
//! with several workers each reminder is queued once; the caller queues it in the same
//! transaction, so a failure gives the claim back.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait, sea_query::Expr,
};

use crate::{
    DomainError,
    entities::{event_session, registration, session_choice},
    events::{Format, RegistrationStatus},
};

use super::ChoiceStatus;

/// One reminder to send now.
#[derive(Debug)]
pub struct DueReminder {
    pub choice: session_choice::Model,
    pub session: event_session::Model,
    pub registration: registration::Model,
}

/// Claims the reminders of the seats in online or hybrid sessions starting within the hour,
/// at most `limit` of them.
pub async fn claim_due_reminders(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<DueReminder>, DomainError> {
    let candidates: Vec<i64> = session_choice::Entity::find()
        .select_only()
        .column(session_choice::Column::Id)
        .join(JoinType::InnerJoin, session_choice::Relation::Session.def())
        .join(
            JoinType::InnerJoin,
            session_choice::Relation::Registration.def(),
        )
        .filter(session_choice::Column::Status.eq(ChoiceStatus::Chosen))
        .filter(session_choice::Column::RemindedAt.is_null())
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(event_session::Column::Format.ne(Format::InPerson))
        .filter(event_session::Column::StartsAt.gt(now))
        .filter(event_session::Column::StartsAt.lte(now + Duration::hours(1)))
        .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed))
        .order_by_asc(session_choice::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    let mut due = Vec::new();
    for id in candidates {
        let Some(choice) = session_choice::Entity::update_many()
            .col_expr(session_choice::Column::RemindedAt, Expr::value(now))
            .filter(session_choice::Column::Id.eq(id))
            .filter(session_choice::Column::RemindedAt.is_null())
            .filter(session_choice::Column::Status.eq(ChoiceStatus::Chosen))
            .exec_with_returning(conn)
            .await?
            .into_iter()
            .next()
        else {
            continue;
        };
        let session = event_session::Entity::find_by_id(choice.session_id)
            .one(conn)
            .await?
            .ok_or(DomainError::Inconsistent("choice of a missing session"))?;
        let registration = registration::Entity::find_by_id(choice.registration_id)
            .one(conn)
            .await?
            .ok_or(DomainError::Inconsistent(
                "choice of a missing registration",
            ))?;
        due.push(DueReminder {
            choice,
            session,
            registration,
        });
    }
    Ok(due)
}
