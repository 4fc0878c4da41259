//! Queueing an email: the row written in the caller's transaction, and the recent counts the
//! per-address throttles read.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::{DomainError, Language, entities::outbox};

use super::{Lane, Status};

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
