//! The transactional outbox: an email is a row written beside the change that caused it, and
//! a worker delivers it later with retries. A row is never deleted; it ends `sent` or `failed`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query},
};
use sea_orm::{DeriveActiveEnum, EnumIter};

use crate::{
    DomainError, Language, account,
    entities::{member, newsletter, outbox},
    membership::Status as MemberStatus,
    newsletters,
};

mod forget;

pub use forget::{cancel_for_member, forget_address, forget_member_addresses, forget_recipient};

/// Where an outbox row is in its delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    /// Waiting for `next_attempt_at`.
    #[sea_orm(string_value = "queued")]
    Queued,
    /// Claimed by a worker until `locked_until`.
    #[sea_orm(string_value = "sending")]
    Sending,
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Out of attempts, or refused for good.
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Will never be sent: its recipient was erased, withdrew their consent or its newsletter
    /// was cancelled before it went out (`last_error` says which).
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Queued,
        Status::Sending,
        Status::Sent,
        Status::Failed,
        Status::Cancelled,
    ];

    /// The stored value, as the back office and the metrics name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Sending => "sending",
            Status::Sent => "sent",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// Why a row was not sent because its recipient was erased before it went out.
pub const SKIPPED_ERASED: &str = "skipped: the recipient was erased";

/// The outbox kind of an organizer's message to an event's registrants: bulk mail.
pub const EVENT_MESSAGE_MAIL: &str = "event-message";

/// The worker's two lanes. Transactional mail (confirmations, sign-in links, registrations,
/// account notices) always goes before bulk mail (newsletter copies, organizers' messages to
/// registrants): each lane is claimed and sent on its own, and bulk yields to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Lane {
    #[sea_orm(string_value = "transactional")]
    Transactional,
    #[sea_orm(string_value = "bulk")]
    Bulk,
}

impl Lane {
    pub const ALL: [Lane; 2] = [Lane::Transactional, Lane::Bulk];

    pub fn as_str(self) -> &'static str {
        match self {
            Lane::Transactional => "transactional",
            Lane::Bulk => "bulk",
        }
    }

    /// The lane of an email of `kind`: newsletter copies and organizers' messages to
    /// registrants are bulk, everything else someone is waiting for.
    pub fn of(kind: &str) -> Self {
        if kind == newsletters::MAIL_KIND || kind == EVENT_MESSAGE_MAIL {
            Lane::Bulk
        } else {
            Lane::Transactional
        }
    }
}

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
        language: Set(email.language),
        member_id: Set(email.member_id),
        newsletter_id: Set(None),
        subject: Set(email.subject),
        body_text: Set(email.body_text),
        body_html: Set(email.body_html),
        headers: Set(headers),
        status: Set(Status::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        message_id: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
        attachment: Set(attachment),
        lane: Set(Lane::of(email.kind)),
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

/// Claims up to `limit` due rows for one worker, for `lease`: transactional rows first, then
/// bulk ones to fill the batch. The worker itself claims each lane on its own
/// (`claim_lane`); this is for callers that want whatever is due.
pub async fn claim(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
    lease: Duration,
) -> Result<Vec<outbox::Model>, DomainError> {
    let mut claimed = claim_lane(conn, Lane::Transactional, now, limit, lease).await?;
    let left = limit.saturating_sub(claimed.len() as u64);
    if left > 0 {
        claimed.extend(claim_lane(conn, Lane::Bulk, now, left, lease).await?);
    }
    Ok(claimed)
}

/// Claims up to `limit` due rows of one lane for one worker, for `lease`. A row whose lease
/// ran out (its worker died) is due again; the copies of a newsletter that is not sending
/// (paused, held, cancelled) wait. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets workers claim
/// side by side without waiting on each other; SQLite has a single writer, so the one
/// statement is already exclusive. The lane is the first key of `idx_outbox_open_lane`, so a
/// claim of one lane never walks the other's backlog.
pub async fn claim_lane(
    conn: &impl ConnectionTrait,
    lane: Lane,
    now: DateTime<Utc>,
    limit: u64,
    lease: Duration,
) -> Result<Vec<outbox::Model>, DomainError> {
    let due = Query::select()
        .column(outbox::Column::Id)
        .from(outbox::Entity)
        // Written as constants, the very terms of `idx_outbox_open_lane`'s predicate, so that
        // both engines walk that index (they cannot prove a bound parameter matches it).
        .and_where(Expr::cust("status IN ('queued', 'sending')"))
        .and_where(outbox::Column::Lane.eq(lane))
        .cond_where(
            Condition::any()
                .add(
                    Condition::all()
                        .add(outbox::Column::Status.eq(Status::Queued))
                        .add(outbox::Column::NextAttemptAt.lte(now)),
                )
                .add(
                    Condition::all()
                        .add(outbox::Column::Status.eq(Status::Sending))
                        .add(outbox::Column::LockedUntil.lt(now)),
                ),
        )
        .cond_where(
            Condition::any()
                .add(outbox::Column::NewsletterId.is_null())
                .add(
                    outbox::Column::NewsletterId.in_subquery(
                        Query::select()
                            .column(newsletter::Column::Id)
                            .from(newsletter::Entity)
                            .and_where(newsletter::Column::Status.eq(newsletters::Status::Sending))
                            .to_owned(),
                    ),
                ),
        )
        .order_by(outbox::Column::Id, Order::Asc)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    let mut claimed = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Sending))
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

/// `SELECT 1 FROM members WHERE members.id = outbox.member_id AND …`
fn the_member(condition: Condition) -> Expr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(member::Entity)
            .and_where(
                Expr::col((member::Entity, member::Column::Id))
                    .equals((outbox::Entity, outbox::Column::MemberId)),
            )
            .cond_where(condition)
            .to_owned(),
    )
}

/// Whether a row's recipient was erased (the goodbye still goes to them).
fn to_an_erased_member() -> Condition {
    Condition::all()
        .add(outbox::Column::MemberId.is_not_null())
        .add(outbox::Column::Kind.ne(account::GOODBYE_MAIL))
        .add(the_member(Condition::all().add(
            Expr::col((member::Entity, member::Column::Status)).eq(MemberStatus::Erased),
        )))
}

/// Whether a row is a copy of a newsletter that is no longer sending (paused, held, cancelled).
fn of_a_stopped_newsletter() -> Condition {
    let sending = Query::select()
        .expr(Expr::val(1))
        .from(newsletter::Entity)
        .and_where(
            Expr::col((newsletter::Entity, newsletter::Column::Id))
                .equals((outbox::Entity, outbox::Column::NewsletterId)),
        )
        .and_where(
            Expr::col((newsletter::Entity, newsletter::Column::Status))
                .eq(newsletters::Status::Sending),
        )
        .to_owned();
    Condition::all()
        .add(outbox::Column::Kind.eq(newsletters::MAIL_KIND))
        .add(Expr::exists(sending).not())
}

/// Whether a row is a newsletter copy whose member no longer wants it (unsubscribed, left,
/// suspended after hard bounces).
fn of_an_unwanted_copy() -> Condition {
    Condition::all()
        .add(outbox::Column::Kind.eq(newsletters::MAIL_KIND))
        .add(the_member(newsletters::subscribed()).not())
}

/// What must hold at the last moment for a row to go out: its recipient was not erased (but
/// for the goodbye) and, for a newsletter copy, its newsletter is still sending and its member
/// still wants it. Checked by the very statement that records a delivery, just before the
/// message's final dot, so a withdrawal, an erasure, a suspension, a pause or a cancel takes
/// effect for every copy not yet handed to the relay, at no extra round trip.
fn deliverable() -> Condition {
    Condition::all()
        .add(to_an_erased_member().not())
        .add(of_a_stopped_newsletter().not())
        .add(of_an_unwanted_copy().not())
}

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

fn held_by(claims: &[(i64, i32)]) -> Condition {
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

fn truncate(error: &str) -> String {
    error.chars().take(1000).collect()
}
