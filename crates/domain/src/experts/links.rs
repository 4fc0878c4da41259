//! The links of the relay's emails: the sender's confirmation (the address confirmed, the
//! message relayed) and the expert's report (the sender blocked). Each shows a page first;
//! only its button acts, once.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::{
    MessageStatus,
    messages::{ContactLimits, REPORT_LIFETIME, Refusal, Relayed, relay},
    senders::mark_sender,
};
use crate::{
    DomainError,
    entities::{expert_message, expert_profile, expert_sender},
    token::{Secret, hash},
};

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
