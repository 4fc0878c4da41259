//! Organizers sign in: the password, then the second factor when the account has one.
//!
//! Failures (wrong passwords, wrong codes, wrong recovery codes) count against the typed
//! address in `domain::sign_in_guard`, known or not, and only a complete sign-in starts the
//! count again: a right password while the second factor is still owed resets nothing. A
//! locked address is refused before any hashing, an unknown one exactly as a real one (same
//! outcome, same work), so the answer never tells whether an organizer has that address.
//! Counting is atomic in the database and the lock is checked again, under the row lock,
//! in the transaction that signs in, so parallel guesses cannot slip past it.
//!
//! A new session id is issued at each step: after the password (the old cookie's session
//! ends) and again when the second factor is accepted.

use std::future::Future;

use chrono::{DateTime, Utc};
use domain::{
    DomainError, EmailAddress, audit, entities::organizer, organizers, session::Lifetime,
    sign_in_guard, token::Secret, two_factor,
};

use crate::App;

/// Every hashing slot stayed taken: the person should try again shortly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("password hashing is saturated")]
pub struct HashingBusy;

/// The password hasher (argon2 behind a bounded pool: `crate::Passwords`). With no
/// stored hash it does the same work and answers `false`.
pub trait PasswordCheck: Sync {
    fn verify(
        &self,
        candidate: String,
        stored: Option<String>,
    ) -> impl Future<Output = Result<bool, HashingBusy>> + Send;
}

/// Why a step was refused. The same for an unknown address as for a real one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Too many failures: locked for a while.
    Locked,
    /// Wrong address or password, or wrong code.
    Wrong,
    /// The hashing pool is saturated.
    Busy,
}

/// What the password step did.
#[derive(Debug)]
pub enum PasswordStep {
    /// Signed in: the new session.
    SignedIn(Secret),
    /// The password was right and a code is owed: the new session, waiting for it.
    CodeOwed(Secret),
    Refused(Refused),
}

/// What the second-factor step did.
#[derive(Debug)]
pub enum CodeStep {
    /// Signed in: a new session replaces the one that waited for the code.
    SignedIn(Secret),
    Refused(Refused),
}

/// The password step. `previous_session` is the cookie the browser still holds, ended on a
/// successful step.
pub async fn with_password(
    app: &App,
    passwords: &impl PasswordCheck,
    typed_email: &str,
    password: String,
    previous_session: Option<&str>,
    lifetime: Lifetime,
    now: DateTime<Utc>,
) -> Result<PasswordStep, DomainError> {
    let key = app.address_key.of(typed_email);
    // Refused before any hashing, known address or not.
    if sign_in_guard::is_locked(app.db.reader(), &key, now).await? {
        return Ok(PasswordStep::Refused(Refused::Locked));
    }
    let address = EmailAddress::parse(typed_email).ok();
    let found = match &address {
        Some(email) => organizers::find_by_email(app.db.reader(), email).await?,
        None => None,
    }
    .filter(|o| o.active);
    // An unknown address costs one verification against a dummy hash, like a wrong password.
    let stored = found.as_ref().and_then(|o| o.password_hash.clone());
    let found_id = found.as_ref().map(|o| o.id);
    let matches = match passwords.verify(password, stored).await {
        Ok(matches) => matches,
        Err(HashingBusy) => return Ok(PasswordStep::Refused(Refused::Busy)),
    };
    let work = app.begin().await?;
    let Some(organizer) = found.filter(|_| matches) else {
        sign_in_guard::record_failure(work.conn(), &key, app.limits.lockout, now).await?;
        // Audited for an unknown address too (naming nobody), so that both cost the same
        // writes; not for text that is no address at all, which no organizer can have.
        if address.is_some() {
            work.audit(own_action(found_id, "sign-in-failed"), now)
                .await?;
        }
        work.commit().await?;
        return Ok(PasswordStep::Refused(Refused::Wrong));
    };
    // Parallel wrong guesses may have locked the address while this one was hashing.
    if sign_in_guard::is_locked_for_update(work.conn(), &key, now).await? {
        work.commit().await?;
        return Ok(PasswordStep::Refused(Refused::Locked));
    }
    let code_owed = organizer.totp_enabled;
    if !code_owed {
        sign_in_guard::clear(work.conn(), &key).await?;
    }
    // A new session id at every sign-in; an old one in the browser ends.
    if let Some(old) = previous_session {
        organizers::end_session(work.conn(), old).await?;
    }
    let session =
        organizers::start_session(work.conn(), organizer.id, lifetime, code_owed, now).await?;
    work.audit(
        own_action(
            Some(organizer.id),
            if code_owed {
                "sign-in-password"
            } else {
                "sign-in"
            },
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(if code_owed {
        PasswordStep::CodeOwed(session)
    } else {
        PasswordStep::SignedIn(session)
    })
}

/// The second-factor step of a session whose password was right: a code from the app or a
/// recovery code.
pub async fn with_code(
    app: &App,
    organizer: &organizer::Model,
    session: &str,
    code: &str,
    lifetime: Lifetime,
    now: DateTime<Utc>,
) -> Result<CodeStep, DomainError> {
    let key = app.address_key.of(&organizer.email);
    if sign_in_guard::is_locked(app.db.reader(), &key, now).await? {
        return Ok(CodeStep::Refused(Refused::Locked));
    }
    let work = app.begin().await?;
    if !two_factor::verify(work.conn(), &app.seed_key, organizer, session, code, now).await? {
        // Wrong codes count towards the same lockout as wrong passwords, until the second
        // factor succeeds.
        sign_in_guard::record_failure(work.conn(), &key, app.limits.lockout, now).await?;
        work.audit(own_action(Some(organizer.id), "sign-in-code-failed"), now)
            .await?;
        work.commit().await?;
        return Ok(CodeStep::Refused(Refused::Wrong));
    }
    if sign_in_guard::is_locked_for_update(work.conn(), &key, now).await? {
        // Dropped without commit: the code stays unused.
        return Ok(CodeStep::Refused(Refused::Locked));
    }
    sign_in_guard::clear(work.conn(), &key).await?;
    // A new session at the step up: the id that waited for the code ends.
    organizers::end_session(work.conn(), session).await?;
    let fresh = organizers::start_session(work.conn(), organizer.id, lifetime, false, now).await?;
    work.audit(own_action(Some(organizer.id), "sign-in"), now)
        .await?;
    work.commit().await?;
    Ok(CodeStep::SignedIn(fresh))
}

/// An audit row for what an organizer did to their own account.
fn own_action(organizer_id: Option<i64>, action: &'static str) -> audit::Action<'static> {
    audit::Action {
        organizer_id,
        action,
        target_type: "organizer",
        target_id: organizer_id,
        details: serde_json::json!({}),
    }
}

/// What a step up did.
#[derive(Debug)]
pub enum StepUp {
    /// Password (and code) right: the new session, stepped up now; the old one ended.
    Done(Secret),
    /// The password was wrong.
    WrongPassword,
    /// The password was right, the code was not.
    WrongCode,
    Refused(Refused),
}

/// A signed-in organizer gives their password again (and a code, with two-step) before a
/// sensitive action. Counted by the sign-in lockout like a sign-in: a wrong password or code is
/// one more failure on the address's row, a locked address is refused before any hashing, and
/// only a complete step up clears the count. A new session id at every step up.
#[allow(clippy::too_many_arguments)]
pub async fn step_up(
    app: &App,
    passwords: &impl PasswordCheck,
    organizer: &organizer::Model,
    session: &str,
    password: String,
    code: &str,
    now: DateTime<Utc>,
) -> Result<StepUp, DomainError> {
    let key = app.address_key.of(&organizer.email);
    if sign_in_guard::is_locked(app.db.reader(), &key, now).await? {
        return Ok(StepUp::Refused(Refused::Locked));
    }
    let matches = match passwords
        .verify(password, organizer.password_hash.clone())
        .await
    {
        Ok(matches) => matches,
        Err(HashingBusy) => return Ok(StepUp::Refused(Refused::Busy)),
    };
    let work = app.begin().await?;
    if !matches {
        sign_in_guard::record_failure(work.conn(), &key, app.limits.lockout, now).await?;
        work.audit(own_action(Some(organizer.id), "step-up-failed"), now)
            .await?;
        work.commit().await?;
        return Ok(StepUp::WrongPassword);
    }
    if organizer.totp_enabled
        && !two_factor::check_code(work.conn(), &app.seed_key, organizer, code, now).await?
    {
        sign_in_guard::record_failure(work.conn(), &key, app.limits.lockout, now).await?;
        work.audit(own_action(Some(organizer.id), "step-up-code-failed"), now)
            .await?;
        work.commit().await?;
        return Ok(StepUp::WrongCode);
    }
    if sign_in_guard::is_locked_for_update(work.conn(), &key, now).await? {
        // Dropped without commit: a code stays unused.
        return Ok(StepUp::Refused(Refused::Locked));
    }
    sign_in_guard::clear(work.conn(), &key).await?;
    let Some(fresh) = organizers::step_up_session(work.conn(), session, now).await? else {
        return Ok(StepUp::Refused(Refused::Wrong));
    };
    work.audit(own_action(Some(organizer.id), "step-up"), now)
        .await?;
    work.commit().await?;
    Ok(StepUp::Done(fresh))
}

/// The current password given to change it: counted by the sign-in lockout like a sign-in
/// (a wrong one is one more failure on the address's row; a locked address is refused before
/// any hashing). A right one clears the count only for an account without two-step, for which
/// it is a complete sign-in; with two-step, codes guessed before stay counted.
pub async fn check_current_password(
    app: &App,
    passwords: &impl PasswordCheck,
    organizer: &organizer::Model,
    password: String,
    now: DateTime<Utc>,
) -> Result<Result<(), Refused>, DomainError> {
    let key = app.address_key.of(&organizer.email);
    if sign_in_guard::is_locked(app.db.reader(), &key, now).await? {
        return Ok(Err(Refused::Locked));
    }
    let matches = match passwords
        .verify(password, organizer.password_hash.clone())
        .await
    {
        Ok(matches) => matches,
        Err(HashingBusy) => return Ok(Err(Refused::Busy)),
    };
    let work = app.begin().await?;
    if !matches {
        sign_in_guard::record_failure(work.conn(), &key, app.limits.lockout, now).await?;
        work.audit(own_action(Some(organizer.id), "password-check-failed"), now)
            .await?;
        work.commit().await?;
        return Ok(Err(Refused::Wrong));
    }
    if sign_in_guard::is_locked_for_update(work.conn(), &key, now).await? {
        return Ok(Err(Refused::Locked));
    }
    if !organizer.totp_enabled {
        sign_in_guard::clear(work.conn(), &key).await?;
    }
    work.commit().await?;
    Ok(Ok(()))
}
