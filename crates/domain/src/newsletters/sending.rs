//! A newsletter's send: `draft` → (`scheduled`) → `sending` ⇄ `paused` → `sent`, or
//! `cancelled`, each step a conditional UPDATE so a double click or a race does it once.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DeriveActiveEnum, EntityTrait, EnumIter, QueryFilter,
    QuerySelect, sea_query::Expr,
};

use crate::{
    DomainError,
    entities::{member, newsletter, outbox as outbox_row},
    outbox,
};

use super::expansion::SKIPPED_CANCELLED;

/// Where a newsletter is in its send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Starts by itself at `scheduled_at`.
    #[sea_orm(string_value = "scheduled")]
    Scheduled,
    #[sea_orm(string_value = "sending")]
    Sending,
    #[sea_orm(string_value = "paused")]
    Paused,
    #[sea_orm(string_value = "sent")]
    Sent,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Draft,
        Status::Scheduled,
        Status::Sending,
        Status::Paused,
        Status::Sent,
        Status::Cancelled,
    ];

    /// The stored value, also used in the back office's URLs and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Scheduled => "scheduled",
            Status::Sending => "sending",
            Status::Paused => "paused",
            Status::Sent => "sent",
            Status::Cancelled => "cancelled",
        }
    }
}

/// Moves a newsletter from one status to another if it is in one of `from`; false if not, so
/// a double click or a race does the transition once.
pub(super) async fn transition(
    conn: &impl ConnectionTrait,
    id: i64,
    from: &[Status],
    to: Status,
    extra: Vec<(newsletter::Column, Expr)>,
) -> Result<bool, DomainError> {
    let mut update =
        newsletter::Entity::update_many().col_expr(newsletter::Column::Status, Expr::value(to));
    for (column, value) in extra {
        update = update.col_expr(column, value);
    }
    let result = update
        .filter(newsletter::Column::Id.eq(id))
        .filter(newsletter::Column::Status.is_in(from.iter().copied()))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn schedule(
    conn: &impl ConnectionTrait,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DomainError> {
    // A schedule off the calendar (before 2000, after 2100) is never taken, whatever the door.
    if crate::calendar::in_range(at).is_err() {
        return Ok(false);
    }
    transition(
        conn,
        id,
        &[Status::Draft, Status::Scheduled],
        Status::Scheduled,
        vec![(newsletter::Column::ScheduledAt, Expr::value(at))],
    )
    .await
}

pub async fn unschedule(conn: &impl ConnectionTrait, id: i64) -> Result<bool, DomainError> {
    transition(
        conn,
        id,
        &[Status::Scheduled],
        Status::Draft,
        vec![(
            newsletter::Column::ScheduledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )],
    )
    .await
}

/// Starts sending: the audience is fixed here (no member who joins after this is added).
/// False if it was already started, by a double click or another process.
pub async fn start(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let max_member = member::Entity::find()
        .select_only()
        .column_as(member::Column::Id.max(), "max")
        .into_tuple::<Option<i64>>()
        .one(conn)
        .await?
        .flatten()
        .unwrap_or(0);
    transition(
        conn,
        id,
        &[Status::Draft, Status::Scheduled],
        Status::Sending,
        vec![
            (newsletter::Column::StartedAt, Expr::value(now)),
            (
                newsletter::Column::AudienceMaxMemberId,
                Expr::value(max_member),
            ),
            (newsletter::Column::HeldReason, no_reason()),
        ],
    )
    .await
}

pub(super) fn no_reason() -> Expr {
    Expr::value(Option::<String>::None)
}

/// Pauses a send. Its copies claimed by a worker but not yet handed to the relay go back to
/// the queue at once: the mark that would finish one of them requires it still `sending`,
/// so none goes out after this commits, on any worker, and each goes on resume.
pub async fn pause(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if !transition(conn, id, &[Status::Sending], Status::Paused, vec![]).await? {
        return Ok(false);
    }
    requeue_claimed(conn, id, now).await?;
    Ok(true)
}

/// Puts the claimed, unsent copies of a newsletter back in the queue.
pub(super) async fn requeue_claimed(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    outbox_row::Entity::update_many()
        .col_expr(
            outbox_row::Column::Status,
            Expr::value(outbox::Status::Queued),
        )
        .col_expr(outbox_row::Column::NextAttemptAt, Expr::value(now))
        .col_expr(
            outbox_row::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .filter(outbox_row::Column::Status.eq(outbox::Status::Sending))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn resume(conn: &impl ConnectionTrait, id: i64) -> Result<bool, DomainError> {
    transition(
        conn,
        id,
        &[Status::Paused],
        Status::Sending,
        vec![(newsletter::Column::HeldReason, no_reason())],
    )
    .await
}

/// Holds back a send that is under way because `reason` (a missing setting) keeps its copies
/// from going out lawfully: paused like `pause`, with the reason for the organizer.
pub async fn hold_sending(
    conn: &impl ConnectionTrait,
    id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if !transition(
        conn,
        id,
        &[Status::Sending],
        Status::Paused,
        vec![(newsletter::Column::HeldReason, Expr::value(reason))],
    )
    .await?
    {
        return Ok(false);
    }
    requeue_claimed(conn, id, now).await?;
    Ok(true)
}

/// Holds back a scheduled newsletter that may not start (`reason`, a missing setting): it
/// goes back to draft, with the reason for the organizer, who sends or schedules it again.
pub async fn hold_scheduled(
    conn: &impl ConnectionTrait,
    id: i64,
    reason: &str,
) -> Result<bool, DomainError> {
    transition(
        conn,
        id,
        &[Status::Scheduled],
        Status::Draft,
        vec![
            (newsletter::Column::HeldReason, Expr::value(reason)),
            (
                newsletter::Column::ScheduledAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            ),
        ],
    )
    .await
}

/// Cancels the rest of a send: every copy not yet handed to the relay is skipped, those a
/// worker holds included (their mark requires them still `sending`).
pub async fn cancel(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if !transition(
        conn,
        id,
        &[Status::Sending, Status::Paused],
        Status::Cancelled,
        vec![(newsletter::Column::FinishedAt, Expr::value(now))],
    )
    .await?
    {
        return Ok(false);
    }
    outbox_row::Entity::update_many()
        .col_expr(
            outbox_row::Column::Status,
            Expr::value(outbox::Status::Cancelled),
        )
        .col_expr(
            outbox_row::Column::LastError,
            Expr::value(SKIPPED_CANCELLED),
        )
        .col_expr(
            outbox_row::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .filter(outbox_row::Column::Status.is_in([outbox::Status::Queued, outbox::Status::Sending]))
        .exec(conn)
        .await?;
    Ok(true)
}
