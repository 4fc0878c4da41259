//! Secrets sent by email. The clear value exists only in the message; the database keeps its
//! SHA-256, so a copy of the database opens nothing.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DeriveActiveEnum, EntityTrait, EnumIter,
    QueryFilter, sea_query::Expr,
};
use sha2::{Digest, Sha256};

use crate::{DomainError, entities::token};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Purpose {
    /// Confirms a new membership (double opt-in).
    #[sea_orm(string_value = "confirm")]
    Confirm,
    /// Signs a member in, once.
    #[sea_orm(string_value = "sign-in")]
    SignIn,
    /// Unsubscribes from newsletters; used as often as it is clicked.
    #[sea_orm(string_value = "unsubscribe")]
    Unsubscribe,
    /// Confirms a new email address for an existing member.
    #[sea_orm(string_value = "email-change")]
    EmailChange,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Confirm => "confirm",
            Purpose::SignIn => "sign-in",
            Purpose::Unsubscribe => "unsubscribe",
            Purpose::EmailChange => "email-change",
        }
    }

    /// How long a link of this kind stays valid.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::Confirm => Duration::days(7),
            Purpose::SignIn => Duration::minutes(30),
            // CASL asks that an unsubscribe link work for at least 60 days.
            Purpose::Unsubscribe => Duration::days(90),
            Purpose::EmailChange => Duration::hours(24),
        }
    }
}

/// The clear token: 256 random bits, URL-safe.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl Secret {
    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(hex::encode(bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A fresh random value, for secrets that are not tokens (session cookies).
    pub fn random() -> Self {
        Self::generate()
    }

    /// A presented value, if it could be one we issued: 64 hex digits. Anything else is
    /// refused here, before it is worth a query.
    pub fn parse(clear: &str) -> Option<Self> {
        (clear.len() == 64 && clear.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(clear.to_owned()))
    }
}

/// SHA-256 of a clear token, as stored.
pub fn hash(clear: &str) -> String {
    hex::encode(Sha256::digest(clear.as_bytes()))
}

/// Writes a new token for `member_id` and returns its clear value.
pub async fn issue(
    conn: &impl ConnectionTrait,
    purpose: Purpose,
    member_id: i64,
    now: DateTime<Utc>,
) -> Result<Secret, DomainError> {
    issue_with(conn, purpose, member_id, None, now).await
}

/// Like `issue`, with a payload kept beside the token.
pub async fn issue_with(
    conn: &impl ConnectionTrait,
    purpose: Purpose,
    member_id: i64,
    payload: Option<String>,
    now: DateTime<Utc>,
) -> Result<Secret, DomainError> {
    let secret = Secret::generate();
    token::Entity::insert(token::ActiveModel {
        member_id: Set(Some(member_id)),
        purpose: Set(purpose),
        token_hash: Set(hash(secret.as_str())),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
        payload: Set(payload),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(secret)
}

/// One token of `purpose` for each of `member_ids`, written in one statement: a newsletter
/// batch gets its unsubscribe links in one write. The clear values come back in order.
pub async fn issue_many(
    conn: &impl ConnectionTrait,
    purpose: Purpose,
    member_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<Secret>, DomainError> {
    if member_ids.is_empty() {
        return Ok(Vec::new());
    }
    let secrets: Vec<Secret> = member_ids.iter().map(|_| Secret::generate()).collect();
    let rows = member_ids
        .iter()
        .zip(&secrets)
        .map(|(member_id, secret)| token::ActiveModel {
            member_id: Set(Some(*member_id)),
            purpose: Set(purpose),
            token_hash: Set(hash(secret.as_str())),
            expires_at: Set(now + purpose.lifetime()),
            used_at: Set(None),
            created_at: Set(now),
            payload: Set(None),
            ..Default::default()
        });
    token::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(secrets)
}

/// How long a token is kept after it expired: its link still says "expired" (and offers a new
/// one) rather than "unknown" for that long.
pub const KEPT_AFTER_EXPIRY: Duration = Duration::days(30);

/// Deletes up to `limit` tokens expired for longer than `KEPT_AFTER_EXPIRY`; returns how many.
/// Every newsletter copy carries a token of its own, so without this the table only grows.
pub async fn purge_expired(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<u64, DomainError> {
    let old = sea_orm::sea_query::Query::select()
        .column(token::Column::Id)
        .from(token::Entity)
        .and_where(token::Column::ExpiresAt.lt(now - KEPT_AFTER_EXPIRY))
        .limit(limit)
        .to_owned();
    Ok(token::Entity::delete_many()
        .filter(token::Column::Id.in_subquery(old))
        .exec(conn)
        .await?
        .rows_affected)
}

/// What a presented token turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Valid(token::Model),
    Expired(token::Model),
    Used(token::Model),
    Unknown,
}

/// Finds a token of `purpose` without using it. A token of another purpose is unknown.
pub async fn find(
    conn: &impl ConnectionTrait,
    purpose: Purpose,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<Lookup, DomainError> {
    let Some(secret) = Secret::parse(clear) else {
        return Ok(Lookup::Unknown);
    };
    let found = token::Entity::find()
        .filter(token::Column::TokenHash.eq(hash(secret.as_str())))
        .filter(token::Column::Purpose.eq(purpose))
        .one(conn)
        .await?;
    Ok(match found {
        None => Lookup::Unknown,
        Some(t) if t.used_at.is_some() => Lookup::Used(t),
        Some(t) if t.expires_at <= now => Lookup::Expired(t),
        Some(t) => Lookup::Valid(t),
    })
}

/// Finds and uses a live token in one statement (`UPDATE … RETURNING`): `Valid` means it is
/// now used, by this call; anything else is what `find` says it is, and nothing changed.
pub async fn use_live(
    conn: &impl ConnectionTrait,
    purpose: Purpose,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<Lookup, DomainError> {
    let Some(secret) = Secret::parse(clear) else {
        return Ok(Lookup::Unknown);
    };
    let used = token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(now))
        .filter(token::Column::TokenHash.eq(hash(secret.as_str())))
        .filter(token::Column::Purpose.eq(purpose))
        .filter(token::Column::UsedAt.is_null())
        .filter(token::Column::ExpiresAt.gt(now))
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next();
    if let Some(t) = used {
        return Ok(Lookup::Valid(t));
    }
    Ok(match find(conn, purpose, clear, now).await? {
        // Used by another request between the two statements.
        Lookup::Valid(t) => Lookup::Used(t),
        other => other,
    })
}

/// Marks a token used. Returns false when another request used it first, so a token is
/// honoured once however many requests race for it.
pub async fn consume(
    conn: &impl ConnectionTrait,
    token_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let result = token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(now))
        .filter(token::Column::Id.eq(token_id))
        .filter(token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Uses up every live token of `purposes` a member has: after an address change, no link
/// sent to the old mailbox opens anything.
pub async fn revoke(
    conn: &impl ConnectionTrait,
    member_id: i64,
    purposes: &[Purpose],
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let result = token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(now))
        .filter(token::Column::MemberId.eq(member_id))
        .filter(token::Column::Purpose.is_in(purposes.iter().map(|p| p.as_str())))
        .filter(token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

/// Forgets every token of a member: on erasure nothing of theirs may open anything again.
pub async fn revoke_all(conn: &impl ConnectionTrait, member_id: i64) -> Result<(), DomainError> {
    token::Entity::delete_many()
        .filter(token::Column::MemberId.eq(member_id))
        .exec(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_we_could_have_issued_parses() {
        let issued = Secret::random();
        assert_eq!(Secret::parse(issued.as_str()), Some(issued));
        assert_eq!(
            Secret::parse(&"A".repeat(64)).map(|s| s.0),
            Some("A".repeat(64))
        );
        for refused in ["", "abc", &"a".repeat(63), &"a".repeat(65), &"g".repeat(64)] {
            assert_eq!(Secret::parse(refused), None, "{refused:?}");
        }
        // 64 bytes, but not 64 hex digits.
        assert_eq!(Secret::parse(&"é".repeat(32)), None);
    }
}
