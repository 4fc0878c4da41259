//! The scheduled jobs' share of events: claiming due reminders, erasing accommodation
//! requests after an event, and forgetting the person behind registrations on erasure.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use tracing::instrument;

use crate::{
    DomainError,
    entities::{event, registration},
};

use super::event::EventStatus;

#[derive(Debug)]
pub struct Purged {
    pub event: event::Model,
    /// How many registrations had requests.
    pub registrations: u64,
}

/// Erases the accommodation requests of events that ended more than `older_than_days` ago.
/// Each event is claimed once (`accommodations_purged_at`), so concurrent runs purge and
/// report it once; write the audit entries in the same transaction.
#[instrument(skip_all, fields(older_than_days))]
pub async fn purge_accommodations(
    conn: &impl ConnectionTrait,
    older_than_days: u32,
    now: DateTime<Utc>,
) -> Result<Vec<Purged>, DomainError> {
    let cutoff = now - Duration::days(i64::from(older_than_days));
    let candidates = event::Entity::find()
        .filter(event::Column::EndsAt.lt(cutoff))
        .filter(event::Column::AccommodationsPurgedAt.is_null())
        .order_by_asc(event::Column::Id)
        .all(conn)
        .await?;
    let mut purged = Vec::new();
    for candidate in candidates {
        let claimed = event::Entity::update_many()
            .col_expr(event::Column::AccommodationsPurgedAt, Expr::value(now))
            .filter(event::Column::Id.eq(candidate.id))
            .filter(event::Column::AccommodationsPurgedAt.is_null())
            .exec_with_returning(conn)
            .await?;
        let Some(event) = claimed.into_iter().next() else {
            continue;
        };
        let erased = registration::Entity::update_many()
            .col_expr(
                registration::Column::Accommodations,
                Expr::value(Option::<String>::None),
            )
            .filter(registration::Column::EventId.eq(event.id))
            .filter(registration::Column::Accommodations.is_not_null())
            .exec(conn)
            .await?;
        purged.push(Purged {
            event,
            registrations: erased.rows_affected,
        });
    }
    Ok(purged)
}

/// Published events starting within 24 hours whose reminder has not gone, each claimed by
/// this caller only (`reminder_sent_at` set where it was empty): with several workers, each
/// reminder goes once. Queue the reminders in the same transaction, so that a failure gives
/// the claim back.
#[instrument(skip_all)]
pub async fn due_reminders(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<event::Model>, DomainError> {
    let candidates = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(now + Duration::hours(24)))
        .filter(event::Column::ReminderSentAt.is_null())
        .order_by_asc(event::Column::StartsAt)
        .all(conn)
        .await?;
    let mut claimed = Vec::new();
    for candidate in candidates {
        let won = event::Entity::update_many()
            .col_expr(event::Column::ReminderSentAt, Expr::value(now))
            .filter(event::Column::Id.eq(candidate.id))
            .filter(event::Column::ReminderSentAt.is_null())
            .exec_with_returning(conn)
            .await?;
        claimed.extend(won);
    }
    Ok(claimed)
}

/// Forgets the person behind registrations (erasure): address, name and accommodations go;
/// the rows stay so that counts and the waitlist stay true.
pub async fn forget_registrations(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<(), DomainError> {
    for id in ids {
        registration::Entity::update_many()
            .col_expr(
                registration::Column::Email,
                Expr::value(format!("erased-r{id}@erased.invalid")),
            )
            .col_expr(registration::Column::FullName, Expr::value(""))
            .col_expr(
                registration::Column::Accommodations,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                registration::Column::MemberId,
                Expr::value(Option::<i64>::None),
            )
            .filter(registration::Column::Id.eq(*id))
            .exec(conn)
            .await?;
    }
    Ok(())
}
