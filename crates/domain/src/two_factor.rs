//! TOTP second factor for organizers (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of
//! clock drift either way) with single-use recovery codes. Required for admins by default;
//! an admin can require it of every organizer.
//!
//! Seeds are sealed at rest with AES-256-GCM under a key derived from `secret_key`, bound to
//! their organizer's id (a sealed seed copied to another row does not open). Seeds stored in
//! clear by older versions are still read, sealed at start-up and whenever they are used.

use aes_gcm::{
    Aes256Gcm, KeyInit, Nonce,
    aead::{Aead, Payload},
};
use base64::{Engine, engine::general_purpose::STANDARD_NO_PAD as B64};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rand::{Rng, RngCore, distr::Alphanumeric};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
    sea_query::OnConflict,
};
use sha2::Sha256;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::{
    DomainError,
    entities::{app_setting, organizer, organizer_session, recovery_code},
    organizers::Role,
    token::hash,
};

const ISSUER: &str = "Réseau";
const STEP: u64 = 30;
pub const RECOVERY_CODES: usize = 10;
const REQUIRE_ALL_KEY: &str = "two_factor_required_for_all";

/// What marks a sealed seed in `organizers.totp_secret` (a clear one is base32, never this).
const SEALED: &str = "v1:";

/// The key that seals TOTP seeds at rest. Without a configured `secret_key` (a development
/// instance whose key changes at each start) seeds stay in clear: sealing them under a key
/// that dies with the process would lock every organizer out at the next start.
#[derive(Clone)]
pub struct SeedKey(Option<Aes256Gcm>);

impl std::fmt::Debug for SeedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "SeedKey(…)"
        } else {
            "SeedKey(none)"
        })
    }
}

/// A seed that does not open: sealed under another key, or altered.
#[derive(Debug, thiserror::Error)]
#[error("a TOTP seed could not be opened (another secret_key, or altered)")]
pub struct SeedUnreadable;

impl SeedKey {
    /// From the site's configured secret key; the label keeps it apart from its other uses.
    pub fn from_secret(secret: &[u8]) -> Self {
        let Ok(mut derive) = <Hmac<Sha256> as Mac>::new_from_slice(secret) else {
            return Self(None);
        };
        derive.update(b"reseau totp seeds v1");
        let key = derive.finalize().into_bytes();
        Self(<Aes256Gcm as KeyInit>::new_from_slice(&key).ok())
    }

    /// No key: seeds are stored in clear (development only).
    pub fn none() -> Self {
        Self(None)
    }

    pub fn seals(&self) -> bool {
        self.0.is_some()
    }

    /// The stored form of `seed` for `organizer_id`.
    pub fn seal(&self, organizer_id: i64, seed: &str) -> String {
        let Some(cipher) = &self.0 else {
            return seed.to_owned();
        };
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        let aad = organizer_id.to_be_bytes();
        match cipher.encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: seed.as_bytes(),
                aad: &aad,
            },
        ) {
            Ok(sealed) => {
                let mut bytes = nonce.to_vec();
                bytes.extend_from_slice(&sealed);
                format!("{SEALED}{}", B64.encode(bytes))
            }
            // AES-GCM fails only past 64 GiB of plaintext.
            Err(_) => seed.to_owned(),
        }
    }

    /// The clear seed of a stored one (sealed, or clear from an older version).
    pub fn open(&self, organizer_id: i64, stored: &str) -> Result<String, SeedUnreadable> {
        let Some(body) = stored.strip_prefix(SEALED) else {
            return Ok(stored.to_owned());
        };
        let cipher = self.0.as_ref().ok_or(SeedUnreadable)?;
        let bytes = B64.decode(body).map_err(|_| SeedUnreadable)?;
        if bytes.len() < 12 {
            return Err(SeedUnreadable);
        }
        let (nonce, sealed) = bytes.split_at(12);
        let aad = organizer_id.to_be_bytes();
        let clear = cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| SeedUnreadable)?;
        String::from_utf8(clear).map_err(|_| SeedUnreadable)
    }
}

/// Whether a stored seed is sealed.
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED)
}

/// The clear seed of an organizer, if any; an unreadable one counts as none (and is logged).
fn seed_of(key: &SeedKey, organizer: &organizer::Model) -> Option<String> {
    let stored = organizer.totp_secret.as_deref()?;
    match key.open(organizer.id, stored) {
        Ok(seed) => Some(seed),
        Err(e) => {
            tracing::error!(organizer = organizer.id, error = %e, "unreadable TOTP seed");
            None
        }
    }
}

/// Seals every seed still stored in clear (from before seeds were sealed); run at start-up.
/// Returns how many were sealed.
pub async fn seal_clear_seeds(
    conn: &impl ConnectionTrait,
    key: &SeedKey,
) -> Result<u64, DomainError> {
    if !key.seals() {
        return Ok(0);
    }
    let clear = organizer::Entity::find()
        .filter(organizer::Column::TotpSecret.is_not_null())
        .filter(organizer::Column::TotpSecret.not_like(format!("{SEALED}%")))
        .all(conn)
        .await?;
    let mut sealed = 0;
    for row in clear {
        if let Some(seed) = row.totp_secret.as_deref() {
            reseal(conn, key, row.id, seed).await?;
            sealed += 1;
        }
    }
    Ok(sealed)
}

/// Replaces a clear stored seed by its sealed form (guarded on the clear value, so a seed
/// changed meanwhile is left alone).
async fn reseal(
    conn: &impl ConnectionTrait,
    key: &SeedKey,
    organizer_id: i64,
    clear: &str,
) -> Result<(), DomainError> {
    organizer::Entity::update_many()
        .col_expr(
            organizer::Column::TotpSecret,
            Expr::value(key.seal(organizer_id, clear)),
        )
        .filter(organizer::Column::Id.eq(organizer_id))
        .filter(organizer::Column::TotpSecret.eq(clear))
        .exec(conn)
        .await?;
    Ok(())
}

/// A new base32 secret for enrolment.
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

fn totp(secret_base32: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_owned()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        bytes,
        Some(ISSUER.to_owned()),
        account.to_owned(),
    )
    .ok()
}

/// The `otpauth://` address an authenticator app reads.
pub fn enrolment_url(secret_base32: &str, account: &str) -> Option<String> {
    totp(secret_base32, account).map(|t| t.get_url())
}

/// The code for `secret` at `unix_seconds` (for tests and tools).
pub fn code_at(secret_base32: &str, unix_seconds: u64) -> Option<String> {
    totp(secret_base32, "code").map(|t| t.generate(unix_seconds))
}

/// The time step `code` is valid for at `now`, if any, and if later than `last_step`: a code
/// already used is refused even within its window.
pub fn matching_step(
    secret_base32: &str,
    code: &str,
    now: DateTime<Utc>,
    last_step: Option<i64>,
) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret_base32, "check")?;
    let now = u64::try_from(now.timestamp()).ok()?;
    let current = now / STEP;
    [current.saturating_sub(1), current, current + 1]
        .into_iter()
        .filter(|step| last_step.is_none_or(|last| *step as i64 > last))
        .find(|step| totp.generate(step * STEP) == code)
        .map(|step| step as i64)
}

/// Whether this organizer must use a second factor.
pub async fn required(
    conn: &impl ConnectionTrait,
    organizer: &organizer::Model,
) -> Result<bool, DomainError> {
    Ok(organizer.role == Role::Admin || required_for_all(conn).await?)
}

pub async fn required_for_all(conn: &impl ConnectionTrait) -> Result<bool, DomainError> {
    Ok(app_setting::Entity::find_by_id(REQUIRE_ALL_KEY.to_owned())
        .one(conn)
        .await?
        .is_some_and(|s| s.value == "true"))
}

pub async fn set_required_for_all(
    conn: &impl ConnectionTrait,
    required: bool,
) -> Result<(), DomainError> {
    app_setting::Entity::insert(app_setting::ActiveModel {
        key: Set(REQUIRE_ALL_KEY.to_owned()),
        value: Set(required.to_string()),
    })
    .on_conflict(
        OnConflict::column(app_setting::Column::Key)
            .update_column(app_setting::Column::Value)
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Starts enrolment: the secret waiting to be confirmed, or a fresh one. Reloading the page
/// keeps the key the person may already have scanned.
pub async fn begin_enrolment(
    conn: &impl ConnectionTrait,
    key: &SeedKey,
    organizer: &organizer::Model,
) -> Result<String, DomainError> {
    if !organizer.totp_enabled
        && let Some(pending) = seed_of(key, organizer)
    {
        return Ok(pending);
    }
    let organizer_id = organizer.id;
    let secret = new_secret();
    organizer::Entity::update_many()
        .col_expr(
            organizer::Column::TotpSecret,
            Expr::value(key.seal(organizer_id, &secret)),
        )
        .filter(organizer::Column::Id.eq(organizer_id))
        .filter(organizer::Column::TotpEnabled.eq(false))
        .exec(conn)
        .await?;
    Ok(secret)
}

/// Finishes enrolment when `code` matches the pending secret: the factor is on, and the clear
/// recovery codes are returned to be shown once.
pub async fn complete_enrolment(
    conn: &impl ConnectionTrait,
    key: &SeedKey,
    organizer: &organizer::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, DomainError> {
    let Some(secret) = seed_of(key, organizer).filter(|_| !organizer.totp_enabled) else {
        return Ok(None);
    };
    let Some(step) = matching_step(&secret, code, now, organizer.totp_last_step) else {
        return Ok(None);
    };
    organizer::Entity::update_many()
        .col_expr(organizer::Column::TotpEnabled, Expr::value(true))
        .col_expr(organizer::Column::TotpLastStep, Expr::value(step))
        .filter(organizer::Column::Id.eq(organizer.id))
        .exec(conn)
        .await?;
    Ok(Some(new_recovery_codes(conn, organizer.id, now).await?))
}

async fn new_recovery_codes(
    conn: &impl ConnectionTrait,
    organizer_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<String>, DomainError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::OrganizerId.eq(organizer_id))
        .exec(conn)
        .await?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let code: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(12)
            .map(char::from)
            .collect::<String>()
            .to_lowercase();
        recovery_code::Entity::insert(recovery_code::ActiveModel {
            organizer_id: Set(organizer_id),
            code_hash: Set(hash(&code)),
            used_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        })
        .exec_without_returning(conn)
        .await?;
        codes.push(code);
    }
    Ok(codes)
}

/// The seed of an enrolment waiting for its first code, to show it again.
pub fn pending_seed(key: &SeedKey, organizer: &organizer::Model) -> Option<String> {
    seed_of(key, organizer).filter(|_| !organizer.totp_enabled)
}

/// Checks a code (from the app, or a recovery code) for a session waiting on its second
/// factor; on success the session is complete. Each code works once.
pub async fn verify(
    conn: &impl ConnectionTrait,
    key: &SeedKey,
    organizer: &organizer::Model,
    session_cookie: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let accepted = check_code(conn, key, organizer, code, now).await?;
    if accepted {
        organizer_session::Entity::update_many()
            .col_expr(organizer_session::Column::MfaPending, Expr::value(false))
            .filter(organizer_session::Column::TokenHash.eq(hash(session_cookie)))
            .exec(conn)
            .await?;
    }
    Ok(accepted)
}

/// Checks and uses up a code from the app or a recovery code, whatever the session; a seed
/// still in clear is sealed on the way.
pub async fn check_code(
    conn: &impl ConnectionTrait,
    key: &SeedKey,
    organizer: &organizer::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let (Some(secret), true) = (seed_of(key, organizer), organizer.totp_enabled) else {
        return Ok(false);
    };
    if key.seals()
        && let Some(stored) = organizer.totp_secret.as_deref()
        && !is_sealed(stored)
    {
        reseal(conn, key, organizer.id, stored).await?;
    }
    let accepted = if let Some(step) = matching_step(&secret, code, now, organizer.totp_last_step) {
        // Guarded on the last step, so two requests racing with one code cannot both pass.
        let updated = organizer::Entity::update_many()
            .col_expr(organizer::Column::TotpLastStep, Expr::value(step))
            .filter(organizer::Column::Id.eq(organizer.id))
            .filter(
                sea_orm::Condition::any()
                    .add(organizer::Column::TotpLastStep.is_null())
                    .add(organizer::Column::TotpLastStep.lt(step)),
            )
            .exec(conn)
            .await?;
        updated.rows_affected == 1
    } else {
        let normalised: String = code.trim().to_lowercase();
        let used = recovery_code::Entity::update_many()
            .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
            .filter(recovery_code::Column::OrganizerId.eq(organizer.id))
            .filter(recovery_code::Column::CodeHash.eq(hash(&normalised)))
            .filter(recovery_code::Column::UsedAt.is_null())
            .exec(conn)
            .await?;
        used.rows_affected == 1
    };
    Ok(accepted)
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    #[test]
    fn codes_match_their_window_once() {
        let secret = new_secret();
        let now = Utc::now();
        let code = code_at(&secret, now.timestamp() as u64).expect("code");
        let step = matching_step(&secret, &code, now, None).expect("valid now");
        assert!(
            matching_step(&secret, &code, now, Some(step)).is_none(),
            "never twice"
        );
        assert!(
            matching_step(&secret, &code, now + Duration::minutes(5), None).is_none(),
            "expired"
        );
        assert!(matching_step(&secret, "12345", now, None).is_none());
        assert!(matching_step(&secret, "abcdef", now, None).is_none());
        let url = enrolment_url(&secret, "ada@reseau.test").expect("url");
        assert!(url.starts_with("otpauth://totp/"), "{url}");
    }

    #[test]
    fn seeds_are_sealed_to_their_organizer_and_key() {
        let key = SeedKey::from_secret(b"a site secret");
        let seed = new_secret();
        let sealed = key.seal(7, &seed);
        assert!(is_sealed(&sealed) && !sealed.contains(&seed), "{sealed}");
        assert_ne!(sealed, key.seal(7, &seed), "a fresh nonce each time");
        assert_eq!(key.open(7, &sealed).expect("opens"), seed);
        assert!(key.open(8, &sealed).is_err(), "bound to the organizer");
        assert!(SeedKey::from_secret(b"another").open(7, &sealed).is_err());
        assert!(SeedKey::none().open(7, &sealed).is_err());
        // A clear seed from an older version still reads.
        assert_eq!(key.open(7, &seed).expect("clear"), seed);
        assert_eq!(SeedKey::none().seal(7, &seed), seed);
    }
}
