//! Member sessions, kept in the database so that any instance can serve them. The cookie holds
//! a random value; the row holds its SHA-256. A session ends after a spell of inactivity, at an
//! absolute limit, or at sign-out.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};

use crate::{
    DomainError,
    entities::{member, session},
    membership::Status,
    token::{Secret, hash},
};

/// How long a session lives.
#[derive(Clone, Copy, Debug)]
pub struct Lifetime {
    /// Ends after this long without a request.
    pub idle: Duration,
    /// Ends after this long whatever happens.
    pub absolute: Duration,
}

/// Starts a session for `member_id` and returns the cookie value. A new value every time:
/// the session id is never carried over from before sign-in.
pub async fn start(
    conn: &impl ConnectionTrait,
    member_id: i64,
    lifetime: Lifetime,
    now: DateTime<Utc>,
) -> Result<Secret, DomainError> {
    let secret = Secret::random();
    session::Entity::insert(session::ActiveModel {
        token_hash: Set(hash(secret.as_str())),
        member_id: Set(member_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + lifetime.absolute),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(secret)
}

/// The member behind a cookie value, if the session is live; marks it seen. Expired sessions
/// are deleted as they are found. Reads go through `read`; the rare writes through `write`, so
/// that on SQLite a page view does not queue behind the single writer.
pub async fn resume(
    read: &impl ConnectionTrait,
    write: &impl ConnectionTrait,
    clear: &str,
    lifetime: Lifetime,
    now: DateTime<Utc>,
) -> Result<Option<member::Model>, DomainError> {
    if clear.len() != 64 || !clear.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(found) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(hash(clear)))
        .one(read)
        .await?
    else {
        return Ok(None);
    };
    if found.expires_at <= now || found.last_seen_at + lifetime.idle <= now {
        session::Entity::delete_by_id(found.id).exec(write).await?;
        return Ok(None);
    }
    let member = member::Entity::find_by_id(found.member_id)
        .one(read)
        .await?;
    let Some(member) = member.filter(|m| m.status != Status::Erased) else {
        return Ok(None);
    };
    // Writing on every request would make reads into writes; a minute's precision is enough.
    if now - found.last_seen_at > Duration::minutes(1) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(found.id))
            .exec(write)
            .await?;
    }
    Ok(Some(member))
}

/// Ends one session (sign-out).
pub async fn end(conn: &impl ConnectionTrait, clear: &str) -> Result<(), DomainError> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(hash(clear)))
        .exec(conn)
        .await?;
    Ok(())
}

/// Ends every session of a member but the one whose cookie is `keep`: after an address
/// change, or when they ask to be signed out everywhere else.
pub async fn end_others(
    conn: &impl ConnectionTrait,
    member_id: i64,
    keep: Option<&str>,
) -> Result<u64, DomainError> {
    let mut delete = session::Entity::delete_many().filter(session::Column::MemberId.eq(member_id));
    if let Some(keep) = keep {
        delete = delete.filter(session::Column::TokenHash.ne(hash(keep)));
    }
    Ok(delete.exec(conn).await?.rows_affected)
}

/// Ends every session of a member (erasure, a changed address).
pub async fn end_all(conn: &impl ConnectionTrait, member_id: i64) -> Result<(), DomainError> {
    session::Entity::delete_many()
        .filter(session::Column::MemberId.eq(member_id))
        .exec(conn)
        .await?;
    Ok(())
}
