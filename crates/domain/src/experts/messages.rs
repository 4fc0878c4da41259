//! The contact relay. A message is a row first; an address not yet confirmed gets a link
//! (shown on a page, acted on by its button) before anything reaches the expert. Daily limits
//! count by sender, by client address and by expert; a blocked sender's messages are dropped
//! without a word. Once relayed (or dropped), the row forgets the sender's name, address and
//! text: it keeps only what the counts and the abuse report need.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};

use super::{MESSAGE_CONFIRM_MAIL, MessageStatus, listing::is_listed};
use crate::{
    DomainError, Language,
    entities::{expert_message, expert_profile, expert_sender},
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

pub async fn sender(
    conn: &impl ConnectionTrait,
    sender_hash: &str,
) -> Result<Option<expert_sender::Model>, DomainError> {
    Ok(expert_sender::Entity::find()
        .filter(expert_sender::Column::EmailHash.eq(sender_hash))
        .one(conn)
        .await?)
}

pub async fn is_blocked(
    conn: &impl ConnectionTrait,
    sender_hash: &str,
) -> Result<bool, DomainError> {
    Ok(sender(conn, sender_hash)
        .await?
        .is_some_and(|s| s.blocked_at.is_some()))
}

/// Whether the address has confirmed a message before.
pub async fn is_confirmed(
    conn: &impl ConnectionTrait,
    sender_hash: &str,
) -> Result<bool, DomainError> {
    Ok(sender(conn, sender_hash)
        .await?
        .is_some_and(|s| s.confirmed_at.is_some()))
}

/// Marks a sender confirmed or blocked, making their row if they have none.
async fn mark_sender(
    conn: &impl ConnectionTrait,
    sender_hash: &str,
    column: expert_sender::Column,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    expert_sender::Entity::insert(expert_sender::ActiveModel {
        email_hash: Set(sender_hash.to_owned()),
        confirmed_at: Set(None),
        blocked_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(expert_sender::Column::EmailHash)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    expert_sender::Entity::update_many()
        .col_expr(column, Expr::value(now))
        .filter(expert_sender::Column::EmailHash.eq(sender_hash))
        .filter(column.is_null())
        .exec(conn)
        .await?;
    Ok(())
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

/// What a link from an email turned out to be.
#[derive(Debug)]
pub enum MessageLink<T> {
    Valid(T),
    Expired,
    Used,
    Unknown,
}

async fn by_hash(
    conn: &impl ConnectionTrait,
    column: expert_message::Column,
    clear: &str,
) -> Result<Option<(expert_message::Model, expert_profile::Model)>, DomainError> {
    let Some(secret) = Secret::parse(clear) else {
        return Ok(None);
    };
    Ok(expert_message::Entity::find()
        .filter(column.eq(hash(secret.as_str())))
        .find_also_related(expert_profile::Entity)
        .one(conn)
        .await?
        .and_then(|(message, profile)| Some((message, profile?))))
}

/// A sender's confirmation link, without using it: for the page with the button.
pub async fn check_confirm(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<MessageLink<(expert_message::Model, expert_profile::Model)>, DomainError> {
    Ok(
        match by_hash(conn, expert_message::Column::ConfirmHash, clear).await? {
            None => MessageLink::Unknown,
            Some((m, _)) if m.status != MessageStatus::Unconfirmed => MessageLink::Used,
            Some((m, _)) if m.confirm_expires_at.is_none_or(|at| at <= now) => MessageLink::Expired,
            Some(found) => MessageLink::Valid(found),
        },
    )
}

#[derive(Debug)]
pub enum ConfirmOutcome {
    Relayed {
        relayed: Box<Relayed>,
        expert: Box<expert_profile::Model>,
    },
    Refused {
        refusal: Refusal,
        expert: Box<expert_profile::Model>,
        /// The sender's hash, confirmed now.
        sender_hash: String,
    },
    Link(MessageLink<()>),
}

/// Uses a confirmation link: the address is confirmed from now on, and the message is
/// relayed unless something refuses it.
pub async fn confirm(
    conn: &impl ConnectionTrait,
    clear: &str,
    limits: ContactLimits,
    now: DateTime<Utc>,
) -> Result<ConfirmOutcome, DomainError> {
    let (message, expert) = match check_confirm(conn, clear, now).await? {
        MessageLink::Valid(found) => found,
        MessageLink::Expired => return Ok(ConfirmOutcome::Link(MessageLink::Expired)),
        MessageLink::Used => return Ok(ConfirmOutcome::Link(MessageLink::Used)),
        MessageLink::Unknown => return Ok(ConfirmOutcome::Link(MessageLink::Unknown)),
    };
    // Taken once, however many presses race for it: the link stops working now (its hash
    // stays, so a second press reads "used" rather than "unknown").
    let taken = expert_message::Entity::update_many()
        .col_expr(expert_message::Column::ConfirmExpiresAt, Expr::value(now))
        .filter(expert_message::Column::Id.eq(message.id))
        .filter(expert_message::Column::Status.eq(MessageStatus::Unconfirmed))
        .filter(expert_message::Column::ConfirmExpiresAt.gt(now))
        .exec(conn)
        .await?
        .rows_affected;
    if taken == 0 {
        return Ok(ConfirmOutcome::Link(MessageLink::Used));
    }
    mark_sender(
        conn,
        &message.sender_hash,
        expert_sender::Column::ConfirmedAt,
        now,
    )
    .await?;
    let sender_hash = message.sender_hash.clone();
    Ok(match relay(conn, message, &expert, limits, now).await? {
        Ok(relayed) => ConfirmOutcome::Relayed {
            relayed: Box::new(relayed),
            expert: Box::new(expert),
        },
        Err(refusal) => ConfirmOutcome::Refused {
            refusal,
            expert: Box::new(expert),
            sender_hash,
        },
    })
}

/// A report link, without using it.
pub async fn check_report(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<MessageLink<(expert_message::Model, expert_profile::Model)>, DomainError> {
    Ok(
        match by_hash(conn, expert_message::Column::ReportHash, clear).await? {
            None => MessageLink::Unknown,
            Some((m, _)) if m.status == MessageStatus::Reported => MessageLink::Used,
            Some((m, _)) if m.status != MessageStatus::Sent => MessageLink::Unknown,
            Some((m, _)) if m.relayed_at.is_none_or(|at| at + REPORT_LIFETIME <= now) => {
                MessageLink::Expired
            }
            Some(found) => MessageLink::Valid(found),
        },
    )
}

#[derive(Debug)]
pub enum ReportOutcome {
    Reported {
        message: Box<expert_message::Model>,
        expert: Box<expert_profile::Model>,
    },
    Link(MessageLink<()>),
}

/// Reports a relayed message as abuse: its sender can contact no expert from now on.
pub async fn report(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<ReportOutcome, DomainError> {
    let (message, expert) = match check_report(conn, clear, now).await? {
        MessageLink::Valid(found) => found,
        MessageLink::Expired => return Ok(ReportOutcome::Link(MessageLink::Expired)),
        MessageLink::Used => return Ok(ReportOutcome::Link(MessageLink::Used)),
        MessageLink::Unknown => return Ok(ReportOutcome::Link(MessageLink::Unknown)),
    };
    let taken = expert_message::Entity::update_many()
        .col_expr(
            expert_message::Column::Status,
            Expr::value(MessageStatus::Reported),
        )
        .col_expr(expert_message::Column::ReportedAt, Expr::value(now))
        .filter(expert_message::Column::Id.eq(message.id))
        .filter(expert_message::Column::Status.eq(MessageStatus::Sent))
        .exec(conn)
        .await?
        .rows_affected;
    if taken == 0 {
        return Ok(ReportOutcome::Link(MessageLink::Used));
    }
    mark_sender(
        conn,
        &message.sender_hash,
        expert_sender::Column::BlockedAt,
        now,
    )
    .await?;
    Ok(ReportOutcome::Reported {
        message: Box::new(message),
        expert: Box::new(expert),
    })
}

/// Lifts a sender's block; returns whether there was one.
pub async fn unblock(conn: &impl ConnectionTrait, sender_id: i64) -> Result<bool, DomainError> {
    Ok(expert_sender::Entity::update_many()
        .col_expr(
            expert_sender::Column::BlockedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(expert_sender::Column::Id.eq(sender_id))
        .filter(expert_sender::Column::BlockedAt.is_not_null())
        .exec(conn)
        .await?
        .rows_affected
        == 1)
}
