//! Sessions, kept in the database so that any instance can serve them: members' (started and
//! ended here) and organizers' (started and ended in `organizers`), resumed by one function
//! under one set of rules. The cookie holds a random value; the row holds its SHA-256. A
//! session ends after a spell of inactivity, at an absolute limit, or at sign-out.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};

use crate::{
    DomainError,
    entities::{member, organizer_session, session},
    membership::Status,
    organizers::{self, Resumed},
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

/// What the rules of `resume` read from a session row, whoever it belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Times {
    pub id: i64,
    pub expires_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// A kind of session: members' and organizers' live in tables of their own and give back
/// different things, but end and are kept alive by the same rules (`resume`).
// Implemented here only, for the two session tables, and called with a concrete kind, so the
// futures' `Send` is known where it matters.
#[allow(async_fn_in_trait)]
pub trait Kind {
    /// A session row.
    type Row;
    /// What a live session gives: the member, or the organizer and the session's state.
    type Resumed;

    async fn find(
        read: &impl ConnectionTrait,
        token_hash: String,
    ) -> Result<Option<Self::Row>, DomainError>;
    fn times(row: &Self::Row) -> Times;
    async fn delete(write: &impl ConnectionTrait, id: i64) -> Result<(), DomainError>;
    async fn mark_seen(
        write: &impl ConnectionTrait,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError>;
    /// Whom a live session belongs to; `None` when they may no longer use it (an erased
    /// member, a deactivated organizer).
    async fn owner(
        read: &impl ConnectionTrait,
        row: Self::Row,
    ) -> Result<Option<Self::Resumed>, DomainError>;
}

/// A citizen's session: `resume` gives the member.
pub struct MemberSession;

impl Kind for MemberSession {
    type Row = session::Model;
    type Resumed = member::Model;

    async fn find(
        read: &impl ConnectionTrait,
        token_hash: String,
    ) -> Result<Option<Self::Row>, DomainError> {
        Ok(session::Entity::find()
            .filter(session::Column::TokenHash.eq(token_hash))
            .one(read)
            .await?)
    }

    fn times(row: &Self::Row) -> Times {
        Times {
            id: row.id,
            expires_at: row.expires_at,
            last_seen_at: row.last_seen_at,
        }
    }

    async fn delete(write: &impl ConnectionTrait, id: i64) -> Result<(), DomainError> {
        session::Entity::delete_by_id(id).exec(write).await?;
        Ok(())
    }

    async fn mark_seen(
        write: &impl ConnectionTrait,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(id))
            .exec(write)
            .await?;
        Ok(())
    }

    async fn owner(
        read: &impl ConnectionTrait,
        row: Self::Row,
    ) -> Result<Option<Self::Resumed>, DomainError> {
        let member = member::Entity::find_by_id(row.member_id).one(read).await?;
        Ok(member.filter(|m| m.status != Status::Erased))
    }
}

/// An organizer's session: `resume` gives the active organizer, whether the second factor is
/// still to be given, and when the session last stepped up.
pub struct OrganizerSession;

impl Kind for OrganizerSession {
    type Row = organizer_session::Model;
    type Resumed = Resumed;

    async fn find(
        read: &impl ConnectionTrait,
        token_hash: String,
    ) -> Result<Option<Self::Row>, DomainError> {
        Ok(organizer_session::Entity::find()
            .filter(organizer_session::Column::TokenHash.eq(token_hash))
            .one(read)
            .await?)
    }

    fn times(row: &Self::Row) -> Times {
        Times {
            id: row.id,
            expires_at: row.expires_at,
            last_seen_at: row.last_seen_at,
        }
    }

    async fn delete(write: &impl ConnectionTrait, id: i64) -> Result<(), DomainError> {
        organizer_session::Entity::delete_by_id(id)
            .exec(write)
            .await?;
        Ok(())
    }

    async fn mark_seen(
        write: &impl ConnectionTrait,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        organizer_session::Entity::update_many()
            .col_expr(organizer_session::Column::LastSeenAt, Expr::value(now))
            .filter(organizer_session::Column::Id.eq(id))
            .exec(write)
            .await?;
        Ok(())
    }

    async fn owner(
        read: &impl ConnectionTrait,
        row: Self::Row,
    ) -> Result<Option<Self::Resumed>, DomainError> {
        let Some(organizer) = organizers::find(read, row.organizer_id)
            .await?
            .filter(|o| o.active)
        else {
            return Ok(None);
        };
        Ok(Some(Resumed {
            organizer,
            mfa_pending: row.mfa_pending,
            stepped_up_at: row.stepped_up_at,
        }))
    }
}

/// Whom a session cookie opens, if the session is live; marks it seen. Expired sessions are
/// deleted as they are found. Reads go through `read`; the rare writes through `write`, so
/// that on SQLite a page view does not queue behind the single writer.
pub async fn resume<K: Kind>(
    read: &impl ConnectionTrait,
    write: &impl ConnectionTrait,
    secret: &Secret,
    lifetime: Lifetime,
    now: DateTime<Utc>,
) -> Result<Option<K::Resumed>, DomainError> {
    let Some(found) = K::find(read, hash(secret.as_str())).await? else {
        return Ok(None);
    };
    let times = K::times(&found);
    if times.expires_at <= now || times.last_seen_at + lifetime.idle <= now {
        K::delete(write, times.id).await?;
        return Ok(None);
    }
    let Some(resumed) = K::owner(read, found).await? else {
        return Ok(None);
    };
    // Writing on every request would make reads into writes; a minute's precision is enough.
    if now - times.last_seen_at > Duration::minutes(1) {
        K::mark_seen(write, times.id, now).await?;
    }
    Ok(Some(resumed))
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
