//! Who registered: an event's counts and registrant lists (for the back office and exports),
//! and a member's own registrations.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};

use crate::{
    DomainError,
    entities::{event, registration},
};

use super::registration::RegistrationStatus;

/// Registrations of an event per status, and how many are checked in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: u64,
    pub confirmed: u64,
    pub waitlisted: u64,
    pub cancelled: u64,
    pub checked_in: u64,
}

pub async fn counts(conn: &impl ConnectionTrait, event_id: i64) -> Result<Counts, DomainError> {
    let rows: Vec<(RegistrationStatus, i64)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::Status)
        .column_as(registration::Column::Id.count(), "n")
        .filter(registration::Column::EventId.eq(event_id))
        .group_by(registration::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    let mut counts = Counts::default();
    for (status, n) in rows {
        let n = u64::try_from(n).unwrap_or(0);
        match status {
            RegistrationStatus::Pending => counts.pending = n,
            RegistrationStatus::Confirmed => counts.confirmed = n,
            RegistrationStatus::Waitlisted => counts.waitlisted = n,
            RegistrationStatus::Cancelled => counts.cancelled = n,
        }
    }
    let checked_in: Option<i64> = registration::Entity::find()
        .select_only()
        .column_as(registration::Column::Id.count(), "n")
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::CheckedInAt.is_not_null())
        .into_tuple()
        .one(conn)
        .await?;
    counts.checked_in = checked_in.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
    Ok(counts)
}

/// An event's registrations, optionally of one status and matching a search on name or
/// address (case-insensitive for ASCII on SQLite, fully on PostgreSQL). The waitlist comes in
/// line order, the rest in order of registration.
pub async fn registrations_of(
    conn: &impl ConnectionTrait,
    event_id: i64,
    status: Option<RegistrationStatus>,
    search: Option<&str>,
) -> Result<Vec<registration::Model>, DomainError> {
    let mut query = registration::Entity::find().filter(registration::Column::EventId.eq(event_id));
    if let Some(status) = status {
        query = query.filter(registration::Column::Status.eq(status));
    }
    if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
        let escaped: String = search
            .to_lowercase()
            .chars()
            .flat_map(|c| match c {
                '\\' | '%' | '_' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let pattern = format!("%{escaped}%");
        let like = |column: registration::Column| {
            Expr::expr(Func::lower(Expr::col(column)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(like(registration::Column::Email))
                .add(like(registration::Column::FullName)),
        );
    }
    if status == Some(RegistrationStatus::Waitlisted) {
        query = query.order_by_asc(registration::Column::WaitlistPosition);
    }
    Ok(query
        .order_by_asc(registration::Column::Id)
        .all(conn)
        .await?)
}

/// A member's registrations with their events, latest event first (account page, data
/// download).
pub async fn registrations_of_member(
    conn: &impl ConnectionTrait,
    member_id: i64,
) -> Result<Vec<(registration::Model, event::Model)>, DomainError> {
    let rows = registration::Entity::find()
        .filter(registration::Column::MemberId.eq(member_id))
        .find_also_related(event::Entity)
        .order_by_desc(event::Column::StartsAt)
        .order_by_desc(registration::Column::Id)
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|(r, e)| {
            e.map(|e| (r, e))
                .ok_or(DomainError::Inconsistent("registration of a missing event"))
        })
        .collect()
}

/// Every registration of a person: those made while signed in, and those made with the same
/// address without signing in.
pub async fn registrations_of_person(
    conn: &impl ConnectionTrait,
    member_id: i64,
    email: &str,
) -> Result<Vec<(registration::Model, event::Model)>, DomainError> {
    let rows = registration::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(registration::Column::MemberId.eq(member_id))
                .add(registration::Column::Email.eq(email)),
        )
        .find_also_related(event::Entity)
        .order_by_desc(event::Column::StartsAt)
        .order_by_desc(registration::Column::Id)
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|(r, e)| {
            e.map(|e| (r, e))
                .ok_or(DomainError::Inconsistent("registration of a missing event"))
        })
        .collect()
}
