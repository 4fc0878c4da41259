//! The contact relay. A message is a row first; an address not yet confirmed gets a link
//! (shown on a page, acted on by its button) before anything reaches the expert. Daily limits
//! count by sender, by client address and by expert; a blocked sender's messages are dropped
//! without a word. Once relayed (or dropped), the row forgets the sender's name, address and
//! text: it keeps only what the counts and the abuse report need.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    sea_query::Expr,
};

use super::{MESSAGE_CONFIRM_MAIL, MessageStatus, listing::is_listed, senders::is_blocked};
use crate::{
    DomainError, Language,
    entities::{expert_message, expert_profile},
    outbox,
    token::{Secret, hash},
};

/// How long a sender's confirmation link works.
pub const CONFIRM_LIFETIME: Duration = Duration::hours(48);
/// How long the report link of a relayed message works.
pub const REPORT_LIFETIME: Duration = Duration::days(90);

/// Longest subject and text of a message, in characters.
pub const SUBJECT_MAX_CHARS: usize = 150;
pub const MESSAGE_MAX_CHARS: usize = 5000;

/// Messages allowed in 24 hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactLimits {
    /// Relayed from one address (and confirmation links mailed to it).
    pub per_sender_per_day: u64,
    /// Sent from one client address (its /64 for IPv6), relayed or not.
    pub per_ip_per_day: u64,
    /// Relayed to one expert.
    pub per_expert_per_day: u64,
}

/// A message as a sender wrote it, checked by the caller.
#[derive(Clone, Debug)]
pub struct NewMessage {
    /// The keyed hash of the sender's normalised address.
    pub sender_hash: String,
    /// The keyed hash of the client's address.
    pub ip_hash: String,
    pub language: Language,
    pub sender_name: String,
    /// Normalised (`EmailAddress`).
    pub sender_email: String,
    pub subject: String,
    pub body: String,
    pub allow_reply: bool,
}

/// Why a message did not go to the expert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Its sender was blocked: answered as if it went.
    Blocked,
    SenderLimit,
    IpLimit,
    ExpertLimit,
    /// The expert paused contact requests, or is no longer listed.
    Unavailable,
}

/// A message relayed now: the caller composes the email from it (the row has already
/// forgotten the text) with the token of its report link.
#[derive(Debug)]
pub struct Relayed {
    pub message: expert_message::Model,
    pub report_token: Secret,
}

#[derive(Debug)]
pub enum Submitted {
    /// The sender must confirm their address: mail them this link.
    Confirm {
        message: expert_message::Model,
        token: Secret,
    },
    Relayed(Relayed),
    Refused(Refusal),
}

fn day_before(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::hours(24)
}

async fn relayed_since(
    conn: &impl ConnectionTrait,
    column: expert_message::Column,
    value: sea_orm::Value,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    Ok(expert_message::Entity::find()
        .filter(column.eq(value))
        .filter(
            expert_message::Column::Status.is_in([MessageStatus::Sent, MessageStatus::Reported]),
        )
        .filter(expert_message::Column::RelayedAt.gt(day_before(now)))
        .count(conn)
        .await?)
}

/// Forgets what the sender wrote, and settles the row in `status`.
async fn settle(
    conn: &impl ConnectionTrait,
    id: i64,
    status: MessageStatus,
    report_hash: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let mut update = expert_message::Entity::update_many()
        .col_expr(expert_message::Column::Status, Expr::value(status))
        .col_expr(expert_message::Column::SenderName, Expr::value(""))
        .col_expr(expert_message::Column::SenderEmail, Expr::value(""))
        .col_expr(expert_message::Column::Subject, Expr::value(""))
        .col_expr(expert_message::Column::Body, Expr::value(""));
    if status == MessageStatus::Sent {
        update = update
            .col_expr(expert_message::Column::RelayedAt, Expr::value(now))
            .col_expr(expert_message::Column::ReportHash, Expr::value(report_hash));
    }
    update
        .filter(expert_message::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The first refusal that applies to relaying `message` to `expert` now, if any.
async fn refusal(
    conn: &impl ConnectionTrait,
    expert: &expert_profile::Model,
    sender_hash: &str,
    limits: ContactLimits,
    now: DateTime<Utc>,
) -> Result<Option<Refusal>, DomainError> {
    if !is_listed(expert) || expert.contact_paused {
        return Ok(Some(Refusal::Unavailable));
    }
    if is_blocked(conn, sender_hash).await? {
        return Ok(Some(Refusal::Blocked));
    }
    let by_sender = relayed_since(
        conn,
        expert_message::Column::SenderHash,
        sender_hash.into(),
        now,
    )
    .await?;
    if by_sender >= limits.per_sender_per_day {
        return Ok(Some(Refusal::SenderLimit));
    }
    let to_expert = relayed_since(
        conn,
        expert_message::Column::ExpertId,
        expert.id.into(),
        now,
    )
    .await?;
    if to_expert >= limits.per_expert_per_day {
        return Ok(Some(Refusal::ExpertLimit));
    }
    Ok(None)
}

/// Takes a message for `expert`. A `trusted` sender (whose address is known to be theirs:
/// confirmed before from this browser, or a signed-in member writing from their own address)
/// is relayed at once; anyone else gets a confirmation link first.
pub async fn submit(
    conn: &impl ConnectionTrait,
    expert: &expert_profile::Model,
    new: NewMessage,
    trusted: bool,
    limits: ContactLimits,
    now: DateTime<Utc>,
) -> Result<Submitted, DomainError> {
    let from_ip = expert_message::Entity::find()
        .filter(expert_message::Column::IpHash.eq(&new.ip_hash))
        .filter(expert_message::Column::CreatedAt.gt(day_before(now)))
        .count(conn)
        .await?;
    if from_ip >= limits.per_ip_per_day {
        return Ok(Submitted::Refused(Refusal::IpLimit));
    }
    if let Some(refused) = refusal(conn, expert, &new.sender_hash, limits, now).await? {
        if refused == Refusal::Blocked {
            // Counted against the client address like any other, but never kept.
            insert(conn, expert, &new, MessageStatus::Dropped, None, now, true).await?;
        }
        return Ok(Submitted::Refused(refused));
    }
    if trusted {
        let message = insert(
            conn,
            expert,
            &new,
            MessageStatus::Unconfirmed,
            None,
            now,
            false,
        )
        .await?;
        return relay(conn, message, expert, limits, now)
            .await
            .map(|r| match r {
                Ok(relayed) => Submitted::Relayed(relayed),
                Err(refused) => Submitted::Refused(refused),
            });
    }
    // Confirmation links to one address count against its daily allowance too, so a
    // stranger cannot fill someone's mailbox with them.
    let links = outbox::recent_count(
        conn,
        &new.sender_email,
        MESSAGE_CONFIRM_MAIL,
        day_before(now),
    )
    .await?;
    if links >= limits.per_sender_per_day {
        return Ok(Submitted::Refused(Refusal::SenderLimit));
    }
    let token = Secret::random();
    let message = insert(
        conn,
        expert,
        &new,
        MessageStatus::Unconfirmed,
        Some(hash(token.as_str())),
        now,
        false,
    )
    .await?;
    Ok(Submitted::Confirm { message, token })
}

async fn insert(
    conn: &impl ConnectionTrait,
    expert: &expert_profile::Model,
    new: &NewMessage,
    status: MessageStatus,
    confirm_hash: Option<String>,
    now: DateTime<Utc>,
    forget_text: bool,
) -> Result<expert_message::Model, DomainError> {
    let keep = |text: &str| {
        if forget_text {
            String::new()
        } else {
            text.to_owned()
        }
    };
    let inserted = expert_message::Entity::insert(expert_message::ActiveModel {
        expert_id: Set(expert.id),
        sender_hash: Set(new.sender_hash.clone()),
        ip_hash: Set(new.ip_hash.clone()),
        status: Set(status),
        language: Set(new.language),
        sender_name: Set(keep(&new.sender_name)),
        sender_email: Set(keep(&new.sender_email)),
        subject: Set(keep(&new.subject)),
        body: Set(keep(&new.body)),
        allow_reply: Set(new.allow_reply),
        confirm_expires_at: Set(confirm_hash.as_ref().map(|_| now + CONFIRM_LIFETIME)),
        confirm_hash: Set(confirm_hash),
        report_hash: Set(None),
        created_at: Set(now),
        relayed_at: Set(None),
        reported_at: Set(None),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    expert_message::Entity::find_by_id(inserted.last_insert_id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent("message vanished after insert"))
}

/// Relays `message` (unconfirmed until now) if nothing refuses it; either way the row
/// forgets the text, and the caller gets it back to compose the email.
pub async fn relay(
    conn: &impl ConnectionTrait,
    message: expert_message::Model,
    expert: &expert_profile::Model,
    limits: ContactLimits,
    now: DateTime<Utc>,
) -> Result<Result<Relayed, Refusal>, DomainError> {
    if let Some(refused) = refusal(conn, expert, &message.sender_hash, limits, now).await? {
        settle(conn, message.id, MessageStatus::Dropped, None, now).await?;
        return Ok(Err(refused));
    }
    let report_token = Secret::random();
    settle(
        conn,
        message.id,
        MessageStatus::Sent,
        Some(hash(report_token.as_str())),
        now,
    )
    .await?;
    Ok(Ok(Relayed {
        message,
        report_token,
    }))
}
