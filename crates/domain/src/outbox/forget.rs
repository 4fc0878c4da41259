//! Mail that must not go, and addresses that must be forgotten: an erasure, a sign-up never
//! confirmed, a goodbye once sent.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::{FORGOTTEN, Status};
use crate::{DomainError, entities::outbox};

/// Cancels a member's undelivered mail, but for rows of `keep_kind` (the goodbye).
pub async fn cancel_for_member(
    conn: &impl ConnectionTrait,
    member_id: i64,
    keep_kind: &str,
) -> Result<(), DomainError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Cancelled))
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(outbox::Column::BodyHtml, Expr::value(""))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox::Column::MemberId.eq(member_id))
        .filter(outbox::Column::Status.is_in([Status::Queued, Status::Sending]))
        .filter(outbox::Column::Kind.ne(keep_kind))
        .exec(conn)
        .await?;
    Ok(())
}

/// Cancels what is still to go to `address` and forgets the address in every row sent to it,
/// whoever they were about: a registration made without signing in queues mail with no
/// member id. Rows of `keep_kind` (the goodbye) are left.
pub async fn forget_address(
    conn: &impl ConnectionTrait,
    address: &str,
    keep_kind: &str,
) -> Result<(), DomainError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Cancelled))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox::Column::Recipient.eq(address))
        .filter(outbox::Column::Status.is_in([Status::Queued, Status::Sending]))
        .filter(outbox::Column::Kind.ne(keep_kind))
        .exec(conn)
        .await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Recipient, Expr::value(FORGOTTEN))
        .col_expr(outbox::Column::Headers, Expr::value("[]"))
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(outbox::Column::BodyHtml, Expr::value(""))
        .col_expr(
            outbox::Column::Attachment,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Recipient.eq(address))
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
