//! The organizers' sign-in lockout: failed passwords and failed second-factor codes are
//! counted per typed address, under a keyed hash of the normalised address, whether or not an
//! organizer has that address. A locked account and an unknown address tried as often are the
//! same row in the same state, so they answer alike (see SECURITY.md).
//!
//! Counting is one statement, `UPDATE … SET failed_attempts = failed_attempts + 1 … RETURNING`,
//! so parallel guesses each count; a right password checks the lock again in its own write
//! transaction, after the row lock that the counting takes.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use sha2::Sha256;

use crate::{DomainError, EmailAddress, entities::sign_in_failure};

/// Failed sign-ins tolerated before the address is locked for a while.
#[derive(Clone, Copy, Debug)]
pub struct Lockout {
    pub max_failures: i32,
    pub lock_for: Duration,
}

/// The keyed hash that names an address in `sign_in_failures`, so the table holds no address,
/// and a copy of it cannot be matched against a list of addresses without the site's secret.
#[derive(Clone)]
pub struct AddressKey(Hmac<Sha256>);

impl std::fmt::Debug for AddressKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AddressKey(…)")
    }
}

/// HMAC refused the key (it takes keys of any length, so this does not happen).
#[derive(Debug, thiserror::Error)]
#[error("the sign-in failure key could not be made")]
pub struct BadKey;

impl AddressKey {
    /// From the site's secret key, for the sign-in failure counts.
    pub fn from_secret(secret: &[u8]) -> Result<Self, BadKey> {
        Self::derived(secret, b"reseau sign-in failures v1")
    }

    /// From the site's secret key, for the consent ledger's proof of the address: a keyed
    /// hash, so that a copy of the ledger cannot be tested against a guessed address.
    pub fn for_ledger(secret: &[u8]) -> Result<Self, BadKey> {
        Self::derived(secret, b"reseau consent ledger v1")
    }

    /// From the site's secret key, for the contact relay: the senders' addresses and client
    /// addresses its daily limits count by, and the proof a browser keeps of a confirmed
    /// sender.
    pub fn for_contact(secret: &[u8]) -> Result<Self, BadKey> {
        Self::derived(secret, b"reseau expert contact v1")
    }

    /// The label keeps each use apart from the secret's other uses.
    fn derived(secret: &[u8], label: &[u8]) -> Result<Self, BadKey> {
        let mut derive = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| BadKey)?;
        derive.update(label);
        let key = derive.finalize().into_bytes();
        Ok(Self(
            Hmac::<Sha256>::new_from_slice(&key).map_err(|_| BadKey)?,
        ))
    }

    /// The row name of a typed address: normalised as an organizer's address is stored (so
    /// `Lead@X` and `lead@x` count together), or trimmed and lower-cased if it does not parse.
    pub fn of(&self, typed: &str) -> String {
        let normalised = match EmailAddress::parse(typed) {
            Ok(email) => email.as_str().to_owned(),
            Err(_) => typed.trim().to_lowercase(),
        };
        self.of_raw(&normalised)
    }

    /// The keyed hash of `value` as it is (not an address).
    pub fn of_raw(&self, value: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// Whether the address is locked at `now` (read without waiting, before any hashing).
pub async fn is_locked(
    conn: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    Ok(sign_in_failure::Entity::find_by_id(key.to_owned())
        .one(conn)
        .await?
        .is_some_and(|row| row.locked_until.is_some_and(|until| until > now)))
}

/// Whether the address is locked at `now`, read under the row's write lock: inside the
/// transaction that is about to sign someone in, after every failure counted before it.
pub async fn is_locked_for_update(
    conn: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    // An UPDATE takes the row lock (PostgreSQL) and waits for the counting transactions
    // ahead of it; on SQLite the write transaction already holds the database.
    let rows = sign_in_failure::Entity::update_many()
        .col_expr(sign_in_failure::Column::UpdatedAt, Expr::value(now))
        .filter(sign_in_failure::Column::AddressKey.eq(key))
        .exec_with_returning(conn)
        .await?;
    Ok(rows
        .into_iter()
        .next()
        .is_some_and(|row| row.locked_until.is_some_and(|until| until > now)))
}

/// What counting one more failure did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// Failures so far, below the limit.
    Below(i32),
    /// This failure reached the limit: locked until then (the count starts again at zero).
    Locked(DateTime<Utc>),
}

/// Counts one failed password or code for the address, atomically, and locks it when the count
/// reaches the limit.
pub async fn record_failure(
    conn: &impl ConnectionTrait,
    key: &str,
    lockout: Lockout,
    now: DateTime<Utc>,
) -> Result<Counted, DomainError> {
    sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
        address_key: Set(key.to_owned()),
        failed_attempts: Set(0),
        locked_until: Set(None),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(sign_in_failure::Column::AddressKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let counted = sign_in_failure::Entity::update_many()
        .col_expr(
            sign_in_failure::Column::FailedAttempts,
            Expr::col(sign_in_failure::Column::FailedAttempts).add(1),
        )
        .col_expr(sign_in_failure::Column::UpdatedAt, Expr::value(now))
        .filter(sign_in_failure::Column::AddressKey.eq(key))
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next()
        .ok_or(DomainError::Inconsistent("sign-in failure row vanished"))?;
    if counted.failed_attempts < lockout.max_failures {
        return Ok(Counted::Below(counted.failed_attempts));
    }
    let until = now + lockout.lock_for;
    sign_in_failure::Entity::update_many()
        .col_expr(sign_in_failure::Column::FailedAttempts, Expr::value(0))
        .col_expr(sign_in_failure::Column::LockedUntil, Expr::value(until))
        .filter(sign_in_failure::Column::AddressKey.eq(key))
        .exec(conn)
        .await?;
    Ok(Counted::Locked(until))
}

/// A complete sign-in (password, and the second factor when owed): the count starts again.
pub async fn clear(conn: &impl ConnectionTrait, key: &str) -> Result<(), DomainError> {
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::AddressKey.eq(key))
        .exec(conn)
        .await?;
    Ok(())
}

/// How long failures are remembered after the last one, when no lock is running.
pub const REMEMBERED_FOR: Duration = Duration::days(1);

/// Forgets the counts of addresses quiet for `REMEMBERED_FOR` and not locked, so that
/// guesses at unknown addresses do not grow the table without end. Returns how many went.
pub async fn forget_quiet(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let result = sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::UpdatedAt.lt(now - REMEMBERED_FOR))
        .filter(
            sea_orm::Condition::any()
                .add(sign_in_failure::Column::LockedUntil.is_null())
                .add(sign_in_failure::Column::LockedUntil.lte(now)),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_address_has_one_key_whatever_its_case_and_the_key_depends_on_the_secret() {
        let key = AddressKey::from_secret(b"one secret").unwrap();
        assert_eq!(key.of(" Lead@Reseau.test "), key.of("lead@reseau.test"));
        assert_ne!(key.of("lead@reseau.test"), key.of("other@reseau.test"));
        assert_eq!(key.of("lead@reseau.test").len(), 64);
        let other = AddressKey::from_secret(b"another secret").unwrap();
        assert_ne!(key.of("lead@reseau.test"), other.of("lead@reseau.test"));
        assert_eq!(key.of("not an address"), key.of("NOT AN ADDRESS"));
    }
}
