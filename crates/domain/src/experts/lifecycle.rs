//! A listing through its life outside the forms: erased with its member's account, part of
//! their data download, and the relay's leftovers forgotten once they ran out.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use super::{
    Content, MESSAGE_MAIL, MessageStatus, Visibility, counts,
    profile::{ConsentRecord, by_member, withdraw},
};
use crate::{
    DomainError,
    account::SOURCE_ERASURE,
    entities::{expert_message, member, outbox},
    outbox::Status as OutboxStatus,
};

/// Erases a member's listing with their account: the profile and its messages' rows are
/// deleted, and the ledger records the withdrawal (if there was a listing).
pub async fn erase(
    conn: &impl ConnectionTrait,
    member: &member::Model,
    email_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    withdraw(
        conn,
        member,
        ConsentRecord {
            wording_version: "erasure",
            language: member.language,
            email_hash,
        },
        SOURCE_ERASURE,
        now,
    )
    .await
}

/// The member's listing as they download it: both versions, who sees what, where it stands
/// with the organizers, and how many messages reached them.
pub async fn export(
    conn: &impl ConnectionTrait,
    member_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<Value>, DomainError> {
    let Some(p) = by_member(conn, member_id).await? else {
        return Ok(None);
    };
    let messages = counts(conn, &[p.id], now)
        .await?
        .remove(&p.id)
        .unwrap_or_default();
    let waiting = p.draft.is_some().then(|| Content::latest(&p));
    Ok(Some(json!({
        "slug": p.slug,
        "status": p.status.as_str(),
        "listed": super::listing::is_listed(&p),
        "approved": p.published_at.map(|_| Content::published(&p)),
        "waiting_for_review": waiting,
        "organizer_note": p.review_note,
        "public_fields": Visibility::of(&p),
        "contact_paused": p.contact_paused,
        "messages_received": messages.total,
        "messages_reported": messages.reported,
        "submitted_at": p.submitted_at,
        "approved_at": p.published_at,
        "created_at": p.created_at,
    })))
}

/// What the relay no longer needs, forgotten in bounded batches: messages whose link ran
/// out, the keyed hashes the daily limits counted by (after two days, but for reported
/// messages, whose sender a block names), and the Reply-To of relayed emails once they went.
pub async fn purge(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    let expired = expert_message::Entity::update_many()
        .col_expr(
            expert_message::Column::Status,
            Expr::value(MessageStatus::Dropped),
        )
        .col_expr(expert_message::Column::SenderName, Expr::value(""))
        .col_expr(expert_message::Column::SenderEmail, Expr::value(""))
        .col_expr(expert_message::Column::Subject, Expr::value(""))
        .col_expr(expert_message::Column::Body, Expr::value(""))
        .col_expr(
            expert_message::Column::ConfirmHash,
            Expr::value(Option::<String>::None),
        )
        .filter(expert_message::Column::Status.eq(MessageStatus::Unconfirmed))
        .filter(expert_message::Column::ConfirmExpiresAt.lt(now))
        .exec(conn)
        .await?
        .rows_affected;
    expert_message::Entity::update_many()
        .col_expr(expert_message::Column::IpHash, Expr::value(""))
        .col_expr(expert_message::Column::SenderHash, Expr::value(""))
        .col_expr(
            expert_message::Column::ConfirmHash,
            Expr::value(Option::<String>::None),
        )
        .filter(expert_message::Column::CreatedAt.lt(now - Duration::days(2)))
        .filter(expert_message::Column::Status.ne(MessageStatus::Reported))
        .filter(expert_message::Column::Status.ne(MessageStatus::Unconfirmed))
        .filter(expert_message::Column::IpHash.ne(""))
        .exec(conn)
        .await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Headers, Expr::value("[]"))
        .filter(outbox::Column::Kind.eq(MESSAGE_MAIL))
        .filter(outbox::Column::Status.is_in([
            OutboxStatus::Sent,
            OutboxStatus::Failed,
            OutboxStatus::Cancelled,
        ]))
        .filter(outbox::Column::Headers.ne("[]"))
        .exec(conn)
        .await?;
    Ok(expired)
}
