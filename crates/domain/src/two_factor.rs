//! TOTP second factor for organizers (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of
//! clock drift either way) with single-use recovery codes. Required for admins by default;
//! an admin can require it of every organizer.

use chrono::{DateTime, Utc};
use rand::{Rng, distr::Alphanumeric};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
    sea_query::OnConflict,
};
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
    Ok(organizer.role == Role::Admin.as_str() || required_for_all(conn).await?)
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
    organizer: &organizer::Model,
) -> Result<String, DomainError> {
    if let Some(pending) = organizer
        .totp_secret
        .clone()
        .filter(|_| !organizer.totp_enabled)
    {
        return Ok(pending);
    }
    let organizer_id = organizer.id;
    let secret = new_secret();
    organizer::Entity::update_many()
        .col_expr(organizer::Column::TotpSecret, Expr::value(secret.clone()))
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
    organizer: &organizer::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, DomainError> {
    let Some(secret) = organizer
        .totp_secret
        .as_deref()
        .filter(|_| !organizer.totp_enabled)
    else {
        return Ok(None);
    };
    let Some(step) = matching_step(secret, code, now, organizer.totp_last_step) else {
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

/// Checks a code (from the app, or a recovery code) for a session waiting on its second
/// factor; on success the session is complete. Each code works once.
pub async fn verify(
    conn: &impl ConnectionTrait,
    organizer: &organizer::Model,
    session_cookie: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let (Some(secret), true) = (organizer.totp_secret.as_deref(), organizer.totp_enabled) else {
        return Ok(false);
    };
    let accepted = if let Some(step) = matching_step(secret, code, now, organizer.totp_last_step) {
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
    if accepted {
        organizer_session::Entity::update_many()
            .col_expr(organizer_session::Column::MfaPending, Expr::value(false))
            .filter(organizer_session::Column::TokenHash.eq(hash(session_cookie)))
            .exec(conn)
            .await?;
    }
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
}
