//! Organizer API keys for partner systems (OSDI): a key names the chapters it may see and
//! whether it may write (the sign-up and attendance helpers). The key is shown once; only its
//! SHA-256 is kept. A key works while it is not revoked and while the organizer who made it is
//! active, and only within that organizer's chapters of the moment: a key never sees more than
//! the person who made it.
//!
//! `people` is what a key sees of members, `filter` the OData filters partners sync with,
//! `reads` the record of which key read whose record.

pub mod filter;
pub mod people;
mod reads;

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

pub use reads::{KeyRead, readers_of, record_reads};

use crate::{
    DomainError,
    entities::{api_key, api_key_chapter},
    organizers,
    token::hash,
};

/// What every key starts with, so that secret scanners and people recognise one.
pub const PREFIX: &str = "rsk_";

/// How often `last_used_at` is written at most: a busy key does not write on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// A key in clear: exists only in the answer that shows it once.
#[derive(Clone, PartialEq, Eq)]
pub struct KeySecret(String);

impl std::fmt::Debug for KeySecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeySecret(…)")
    }
}

impl KeySecret {
    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(format!("{PREFIX}{}", hex::encode(bytes)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `presented` has the shape of a key we issue; anything else is refused before it
/// is worth a query.
pub fn well_formed(presented: &str) -> bool {
    presented.strip_prefix(PREFIX).is_some_and(|rest| {
        rest.len() == 64
            && rest
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// A key to create.
#[derive(Clone, Debug)]
pub struct NewKey {
    pub name: String,
    pub chapter_ids: Vec<i64>,
    pub can_write: bool,
}

/// A key, and the chapters it names.
#[derive(Clone, Debug)]
pub struct KeyWithChapters {
    pub key: api_key::Model,
    pub chapter_ids: Vec<i64>,
}

/// Writes a key for `created_by` and returns it with its clear value, shown once.
pub async fn create(
    conn: &impl ConnectionTrait,
    created_by: i64,
    new: &NewKey,
    now: DateTime<Utc>,
) -> Result<(api_key::Model, KeySecret), DomainError> {
    let secret = KeySecret::generate();
    let key = api_key::Entity::insert(api_key::ActiveModel {
        name: Set(new.name.clone()),
        prefix: Set(secret.as_str().chars().take(12).collect()),
        key_hash: Set(hash(secret.as_str())),
        can_write: Set(new.can_write),
        created_by: Set(created_by),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        revoked_by: Set(None),
        ..Default::default()
    })
    .exec_with_returning(conn)
    .await?;
    if !new.chapter_ids.is_empty() {
        api_key_chapter::Entity::insert_many(new.chapter_ids.iter().map(|&chapter_id| {
            api_key_chapter::ActiveModel {
                api_key_id: Set(key.id),
                chapter_id: Set(chapter_id),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok((key, secret))
}

/// Revokes a key at once; `false` if it was revoked already (or does not exist).
pub async fn revoke(
    conn: &impl ConnectionTrait,
    id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let done = api_key::Entity::update_many()
        .col_expr(api_key::Column::RevokedAt, Expr::value(now))
        .col_expr(api_key::Column::RevokedBy, Expr::value(by))
        .filter(api_key::Column::Id.eq(id))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Every key with its chapters, newest first.
pub async fn all(conn: &impl ConnectionTrait) -> Result<Vec<KeyWithChapters>, DomainError> {
    let keys = api_key::Entity::find()
        .order_by_desc(api_key::Column::Id)
        .all(conn)
        .await?;
    let links = api_key_chapter::Entity::find().all(conn).await?;
    Ok(keys
        .into_iter()
        .map(|key| {
            let chapter_ids = links
                .iter()
                .filter(|l| l.api_key_id == key.id)
                .map(|l| l.chapter_id)
                .collect();
            KeyWithChapters { key, chapter_ids }
        })
        .collect())
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<KeyWithChapters>, DomainError> {
    let Some(key) = api_key::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let chapter_ids = chapters_of(conn, id).await?;
    Ok(Some(KeyWithChapters { key, chapter_ids }))
}

async fn chapters_of(conn: &impl ConnectionTrait, id: i64) -> Result<Vec<i64>, DomainError> {
    Ok(api_key_chapter::Entity::find()
        .filter(api_key_chapter::Column::ApiKeyId.eq(id))
        .order_by_asc(api_key_chapter::Column::ChapterId)
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.chapter_id)
        .collect())
}

/// A key that was presented and holds.
#[derive(Clone, Debug)]
pub struct Caller {
    pub key: api_key::Model,
    /// The chapters it may see now: its own, within its organizer's.
    pub chapter_ids: Vec<i64>,
}

impl Caller {
    pub fn sees(&self, chapter_id: i64) -> bool {
        self.chapter_ids.contains(&chapter_id)
    }
}

/// The key `presented` stands for, if it is one of ours, not revoked, and its organizer is
/// still active. The comparison is of hashes through a unique index: no timing tells how
/// much of a key was right.
pub async fn authenticate(
    conn: &impl ConnectionTrait,
    presented: &str,
) -> Result<Option<Caller>, DomainError> {
    if !well_formed(presented) {
        return Ok(None);
    }
    let Some(key) = api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(hash(presented)))
        .filter(api_key::Column::RevokedAt.is_null())
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(organizer) = organizers::find(conn, key.created_by)
        .await?
        .filter(|o| o.active)
    else {
        return Ok(None);
    };
    let scope = organizers::scope_of(conn, &organizer).await?;
    let chapter_ids = chapters_of(conn, key.id)
        .await?
        .into_iter()
        .filter(|&id| scope.allows(id))
        .collect();
    Ok(Some(Caller { key, chapter_ids }))
}

/// Whether the key's last use is worth writing down now (at most once a minute).
pub fn due_for_touch(key: &api_key::Model, now: DateTime<Utc>) -> bool {
    key.last_used_at.is_none_or(|at| now - at >= TOUCH_EVERY)
}

/// Records that a key was used at `now`.
pub async fn touch(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    api_key::Entity::update_many()
        .col_expr(api_key::Column::LastUsedAt, Expr::value(now))
        .filter(api_key::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_have_one_shape() {
        let key = KeySecret::generate();
        assert!(well_formed(key.as_str()));
        assert!(key.as_str().starts_with("rsk_"));
        assert_ne!(key, KeySecret::generate());
        for bad in [
            "",
            "rsk_",
            "rsk_0123",
            &key.as_str().to_uppercase(),
            &key.as_str()[4..],
            &format!("{}0", key.as_str()),
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
        assert_eq!(format!("{key:?}"), "KeySecret(…)");
    }
}
