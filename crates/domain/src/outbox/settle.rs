//! How a claimed row ends: sent (recorded in one statement for many), refused, skipped,
//! retried later with backoff, or failed for good.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    sea_query::{Expr, Query},
};

use crate::{
    DomainError,
    entities::{newsletter, outbox},
    newsletters,
};

use super::{
    SKIPPED_ERASED, Status,
    claim::{deliverable, of_a_stopped_newsletter, to_an_erased_member},
};

/// Records deliveries just before they are final, each only if its worker's claim still
/// holds: the row is still `sending` and no other worker has claimed it since (`attempts`
/// counts the claims). The SMTP transport waits for this between a message's body and its
/// final dot, so a worker killed before the record never finishes the message (the server
/// discards it) and the row is sent again later, while one killed after it has sent it: each
/// copy goes once. Every `(id, attempts, message_id)` waiting at one moment is recorded by one
/// statement (one WAL flush on PostgreSQL, one turn of SQLite's writer). The same statement
/// checks that the row may still go out (`deliverable`: consent, erasure, suspension, the
/// newsletter still sending). Returns the ids recorded; a message whose id is missing lost
/// its claim or may not go out, and must not be finished (see `settle_refused`).
pub async fn mark_sent_many(
    conn: &impl ConnectionTrait,
    claims: &[(i64, i32, String)],
    now: DateTime<Utc>,
) -> Result<std::collections::HashSet<i64>, DomainError> {
    if claims.is_empty() {
        return Ok(Default::default());
    }
    let held = claims
        .iter()
        .fold(Condition::any(), |any, (id, attempts, _)| {
            any.add(
                Condition::all()
                    .add(outbox::Column::Id.eq(*id))
                    .add(outbox::Column::Attempts.eq(*attempts)),
            )
        });
    let message_ids = claims
        .iter()
        .fold(
            sea_orm::sea_query::CaseStatement::new(),
            |case, (id, _, message_id)| {
                case.case(outbox::Column::Id.eq(*id), Expr::value(message_id.as_str()))
            },
        )
        .finally(Expr::col(outbox::Column::MessageId));
    let statement = Query::update()
        .table(outbox::Entity)
        .value(outbox::Column::Status, Status::Sent)
        .value(outbox::Column::SentAt, now)
        .value(outbox::Column::MessageId, message_ids)
        .value(outbox::Column::LockedUntil, Option::<DateTime<Utc>>::None)
        .value(outbox::Column::LastError, Option::<String>::None)
        .and_where(outbox::Column::Status.eq(Status::Sending))
        .cond_where(held)
        .cond_where(deliverable())
        .returning_col(outbox::Column::Id)
        .to_owned();
    let rows = conn
        .query_all_raw(conn.get_database_backend().build(&statement))
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| row.try_get_by_index::<i64>(0).ok())
        .collect())
}

/// What became of a claimed row that was refused at its final dot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled {
    /// Back in the queue: its newsletter was paused; it goes out on resume.
    Requeued,
    /// Will not be sent, for this reason (unsubscribed, erased, the newsletter cancelled).
    Skipped(String),
}

pub(super) fn held_by(claims: &[(i64, i32)]) -> Condition {
    claims.iter().fold(Condition::any(), |any, (id, attempts)| {
        any.add(
            Condition::all()
                .add(outbox::Column::Id.eq(*id))
                .add(outbox::Column::Attempts.eq(*attempts)),
        )
    })
}

/// Settles the claimed rows whose delivery `mark_sent_many` refused because they may no
/// longer go out: a copy of a paused newsletter goes back to the queue, any other is skipped
/// with its reason. A row whose claim was lost (another worker has it, or a pause, a cancel
/// or an erasure already moved it) is left alone and absent from the answer. Only refusals
/// pay for this statement.
pub async fn settle_refused(
    conn: &impl ConnectionTrait,
    claims: &[(i64, i32)],
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<i64, Settled>, DomainError> {
    let mut settled = std::collections::HashMap::new();
    if claims.is_empty() {
        return Ok(settled);
    }
    let paused = Query::select()
        .column(newsletter::Column::Id)
        .from(newsletter::Entity)
        .and_where(newsletter::Column::Status.eq(newsletters::Status::Paused))
        .to_owned();
    let requeue = Query::update()
        .table(outbox::Entity)
        .value(outbox::Column::Status, Status::Queued)
        .value(outbox::Column::NextAttemptAt, now)
        .value(outbox::Column::LockedUntil, Option::<DateTime<Utc>>::None)
        .and_where(outbox::Column::Status.eq(Status::Sending))
        .cond_where(held_by(claims))
        .cond_where(to_an_erased_member().not())
        .and_where(outbox::Column::Kind.eq(newsletters::MAIL_KIND))
        .and_where(outbox::Column::NewsletterId.in_subquery(paused))
        .returning_col(outbox::Column::Id)
        .to_owned();
    let backend = conn.get_database_backend();
    for row in conn.query_all_raw(backend.build(&requeue)).await? {
        if let Ok(id) = row.try_get_by_index::<i64>(0) {
            settled.insert(id, Settled::Requeued);
        }
    }
    let reason = sea_orm::sea_query::CaseStatement::new()
        .case(to_an_erased_member(), Expr::value(SKIPPED_ERASED))
        .case(
            of_a_stopped_newsletter(),
            Expr::value(newsletters::SKIPPED_CANCELLED),
        )
        .finally(Expr::value(newsletters::SKIPPED_UNSUBSCRIBED));
    let skip = Query::update()
        .table(outbox::Entity)
        .value(outbox::Column::Status, Status::Cancelled)
        .value(outbox::Column::LastError, reason)
        .value(outbox::Column::LockedUntil, Option::<DateTime<Utc>>::None)
        .and_where(outbox::Column::Status.eq(Status::Sending))
        .cond_where(held_by(claims))
        .cond_where(deliverable().not())
        .returning(Query::returning().columns([outbox::Column::Id, outbox::Column::LastError]))
        .to_owned();
    for row in conn.query_all_raw(backend.build(&skip)).await? {
        if let Ok(id) = row.try_get_by_index::<i64>(0) {
            let reason = row
                .try_get_by_index::<Option<String>>(1)
                .ok()
                .flatten()
                .unwrap_or_default();
            settled.insert(id, Settled::Skipped(reason));
        }
    }
    Ok(settled)
}

/// Empties the bodies of delivered rows, in one statement: they may hold a live token.
pub async fn clear_bodies(conn: &impl ConnectionTrait, ids: &[i64]) -> Result<(), DomainError> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(outbox::Column::BodyHtml, Expr::value(""))
        .col_expr(
            outbox::Column::Attachment,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .filter(outbox::Column::Status.eq(Status::Sent))
        .exec(conn)
        .await?;
    Ok(())
}

/// Gives up on claimed rows without sending them, with the reason.
pub async fn skip(
    conn: &impl ConnectionTrait,
    ids: &[i64],
    reason: &str,
) -> Result<(), DomainError> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Cancelled))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox::Column::LastError, Expr::value(reason))
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Puts a row back in the queue after a temporary failure.
pub async fn retry_later(
    conn: &impl ConnectionTrait,
    id: i64,
    error: &str,
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Queued))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(at))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox::Column::LastError, Expr::value(truncate(error)))
        .col_expr(
            outbox::Column::SentAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::MessageId,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        // Still this delivery's (`sent` too: recorded at its final dot, then refused by the
        // server): a pause, a cancel or an erasure may have settled it meanwhile.
        .filter(outbox::Column::Status.is_in([Status::Sending, Status::Sent]))
        .exec(conn)
        .await?;
    Ok(())
}

/// Gives up on a row: a permanent refusal, or the last attempt failed. The row stays, with
/// its reason, but not its body.
pub async fn mark_failed(
    conn: &impl ConnectionTrait,
    id: i64,
    error: &str,
) -> Result<(), DomainError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Failed))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox::Column::LastError, Expr::value(truncate(error)))
        .col_expr(
            outbox::Column::SentAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::MessageId,
            Expr::value(Option::<String>::None),
        )
        // Final: nothing will send it again, and its body can carry a live link.
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(outbox::Column::BodyHtml, Expr::value(""))
        .col_expr(
            outbox::Column::Attachment,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        // Still this delivery's (`sent` too: recorded at its final dot, then refused by the
        // server): a pause, a cancel or an erasure may have settled it meanwhile.
        .filter(outbox::Column::Status.is_in([Status::Sending, Status::Sent]))
        .exec(conn)
        .await?;
    Ok(())
}

/// Rows not yet delivered nor given up on.
pub async fn unfinished_count(conn: &impl ConnectionTrait) -> Result<u64, DomainError> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([Status::Queued, Status::Sending]))
        .count(conn)
        .await?)
}

pub(super) fn truncate(error: &str) -> String {
    error.chars().take(1000).collect()
}
