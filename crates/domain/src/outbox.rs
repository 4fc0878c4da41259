//! The transactional outbox: an email is a row written beside the change that caused it, and
//! a worker delivers it later with retries. A row is never deleted; it ends `sent` or `failed`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query},
};

use crate::{
    DomainError, Language,
    entities::{newsletter, outbox},
};

pub const QUEUED: &str = "queued";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
/// Will never be sent: its recipient was erased before it went out.
pub const CANCELLED: &str = "cancelled";

/// What stands in an outbox row's recipient once the address must be forgotten.
pub const FORGOTTEN: &str = "forgotten";

/// A composed message, ready to be queued.
#[derive(Clone, Debug)]
pub struct NewEmail {
    pub kind: &'static str,
    pub recipient: String,
    pub language: Language,
    pub member_id: Option<i64>,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub headers: Vec<(String, String)>,
    pub attachment: Option<Attachment>,
}

/// A text file attached to a message (a calendar file).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub content: String,
}

pub async fn enqueue(
    conn: &impl ConnectionTrait,
    email: NewEmail,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let headers = serde_json::to_string(&email.headers)
        .map_err(|_| DomainError::Inconsistent("headers do not serialise"))?;
    let attachment = email
        .attachment
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|_| DomainError::Inconsistent("attachment does not serialise"))?;
    outbox::Entity::insert(outbox::ActiveModel {
        kind: Set(email.kind.to_owned()),
        recipient: Set(email.recipient),
        language: Set(email.language.code().to_owned()),
        member_id: Set(email.member_id),
        newsletter_id: Set(None),
        subject: Set(email.subject),
        body_text: Set(email.body_text),
        body_html: Set(email.body_html),
        headers: Set(headers),
        status: Set(QUEUED.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        message_id: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
        attachment: Set(attachment),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// How many emails of `kind` were queued for `recipient` since `since`: the per-address throttle.
pub async fn recent_count(
    conn: &impl ConnectionTrait,
    recipient: &str,
    kind: &str,
    since: DateTime<Utc>,
) -> Result<u64, DomainError> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(recipient))
        .filter(outbox::Column::Kind.eq(kind))
        .filter(outbox::Column::CreatedAt.gt(since))
        .count(conn)
        .await?)
}

/// How many emails of `kind` were queued about `member_id` since `since`, whatever their
/// recipients: the per-member limit, so that one signed-in member cannot spray addresses.
pub async fn recent_count_for_member(
    conn: &impl ConnectionTrait,
    member_id: i64,
    kind: &str,
    since: DateTime<Utc>,
) -> Result<u64, DomainError> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::MemberId.eq(member_id))
        .filter(outbox::Column::Kind.eq(kind))
        .filter(outbox::Column::CreatedAt.gt(since))
        .count(conn)
        .await?)
}

/// Claims up to `limit` due rows for one worker, for `lease`. A row whose lease ran out (its
/// worker died) is due again. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets workers claim side by
/// side without waiting on each other; SQLite has a single writer, so the one statement is
/// already exclusive.
pub async fn claim(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
    lease: Duration,
) -> Result<Vec<outbox::Model>, DomainError> {
    let due = Query::select()
        .column(outbox::Column::Id)
        .from(outbox::Entity)
        // Written as constants, the very terms of `idx_outbox_open`'s predicate, so that both
        // engines walk that index (they cannot prove a bound parameter matches it).
        .and_where(Expr::cust("status IN ('queued', 'sending')"))
        .cond_where(
            Condition::any()
                .add(
                    Condition::all()
                        .add(outbox::Column::Status.eq(QUEUED))
                        .add(outbox::Column::NextAttemptAt.lte(now)),
                )
                .add(
                    Condition::all()
                        .add(outbox::Column::Status.eq(SENDING))
                        .add(outbox::Column::LockedUntil.lt(now)),
                ),
        )
        // The copies of a paused newsletter wait.
        .cond_where(
            Condition::any()
                .add(outbox::Column::NewsletterId.is_null())
                .add(
                    outbox::Column::NewsletterId.not_in_subquery(
                        Query::select()
                            .column(newsletter::Column::Id)
                            .from(newsletter::Entity)
                            .and_where(newsletter::Column::Status.eq("paused"))
                            .to_owned(),
                    ),
                ),
        )
        .order_by(outbox::Column::Id, Order::Asc)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    let mut claimed = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(SENDING))
        .col_expr(outbox::Column::LockedUntil, Expr::value(now + lease))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.in_subquery(due))
        .exec_with_returning(conn)
        .await?;
    claimed.sort_by_key(|row| row.id);
    Ok(claimed)
}

/// Records deliveries just before they are final, each only if its worker's claim still
/// holds: the row is still `sending` and no other worker has claimed it since (`attempts`
/// counts the claims). The SMTP transport waits for this between a message's body and its
/// final dot, so a worker killed before the record never finishes the message (the server
/// discards it) and the row is sent again later, while one killed after it has sent it: each
/// copy goes once. Every `(id, attempts, message_id)` waiting at one moment is recorded by one
/// statement (one WAL flush on PostgreSQL, one turn of SQLite's writer). Returns the ids
/// recorded; a message whose id is missing lost its claim and must not be finished.
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
        .value(outbox::Column::Status, SENT)
        .value(outbox::Column::SentAt, now)
        .value(outbox::Column::MessageId, message_ids)
        .value(outbox::Column::LockedUntil, Option::<DateTime<Utc>>::None)
        .value(outbox::Column::LastError, Option::<String>::None)
        .and_where(outbox::Column::Status.eq(SENDING))
        .cond_where(held)
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
        .filter(outbox::Column::Status.eq(SENT))
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
        .col_expr(outbox::Column::Status, Expr::value(CANCELLED))
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
        .col_expr(outbox::Column::Status, Expr::value(QUEUED))
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
        .exec(conn)
        .await?;
    Ok(())
}

/// Gives up on a row: a permanent refusal, or the last attempt failed. The row stays.
pub async fn mark_failed(
    conn: &impl ConnectionTrait,
    id: i64,
    error: &str,
) -> Result<(), DomainError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(FAILED))
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
        .exec(conn)
        .await?;
    Ok(())
}

/// Cancels a member's undelivered mail, but for rows of `keep_kind` (the goodbye).
pub async fn cancel_for_member(
    conn: &impl ConnectionTrait,
    member_id: i64,
    keep_kind: &str,
) -> Result<(), DomainError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(CANCELLED))
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(outbox::Column::BodyHtml, Expr::value(""))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox::Column::MemberId.eq(member_id))
        .filter(outbox::Column::Status.is_in([QUEUED, SENDING]))
        .filter(outbox::Column::Kind.ne(keep_kind))
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces a member's address in every outbox row but those of `keep_kind`.
pub async fn forget_member_addresses(
    conn: &impl ConnectionTrait,
    member_id: i64,
    keep_kind: &str,
) -> Result<(), DomainError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Recipient, Expr::value(FORGOTTEN))
        .col_expr(outbox::Column::Headers, Expr::value("[]"))
        // A relay's error can quote the address.
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::MemberId.eq(member_id))
        .filter(outbox::Column::Kind.ne(keep_kind))
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces the address of one row, once it has gone (the goodbye to an erased member).
pub async fn forget_recipient(conn: &impl ConnectionTrait, id: i64) -> Result<(), DomainError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Recipient, Expr::value(FORGOTTEN))
        .col_expr(outbox::Column::Headers, Expr::value("[]"))
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(outbox::Column::BodyHtml, Expr::value(""))
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Rows not yet delivered nor given up on.
pub async fn unfinished_count(conn: &impl ConnectionTrait) -> Result<u64, DomainError> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([QUEUED, SENDING]))
        .count(conn)
        .await?)
}

fn truncate(error: &str) -> String {
    error.chars().take(1000).collect()
}
