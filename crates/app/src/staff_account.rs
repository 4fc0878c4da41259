//! What an organizer does to their own account once signed in: sign out, change the password
//! (which ends their other sessions), set up two-step sign-in. Audited.

use chrono::{DateTime, Utc};
use domain::{DomainError, entities::organizer, organizers, two_factor};

use crate::{App, by_organizer};

fn own(organizer_id: i64, action: &str) -> domain::audit::Action<'_> {
    by_organizer::action(
        organizer_id,
        action,
        "organizer",
        Some(organizer_id),
        serde_json::json!({}),
    )
}

/// Ends the session `session` of `organizer_id`.
pub async fn sign_out(
    app: &App,
    organizer_id: i64,
    session: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let work = app.begin().await?;
    organizers::end_session(work.conn(), session).await?;
    work.audit(own(organizer_id, "sign-out"), now).await?;
    work.commit().await?;
    Ok(())
}

/// Sets a new password (hashed by the caller, after the current one was checked); whoever
/// else held a session of this account is out. `session` stays.
pub async fn change_password(
    app: &App,
    organizer_id: i64,
    session: &str,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let work = app.begin().await?;
    organizers::set_password(work.conn(), organizer_id, password_hash, now).await?;
    organizers::end_other_sessions(work.conn(), organizer_id, session).await?;
    work.audit(own(organizer_id, "password-changed"), now)
        .await?;
    work.commit().await?;
    Ok(())
}

/// Finishes setting up two-step sign-in with a first code from the app. The recovery codes,
/// to be shown once; `None` when the code did not match.
pub async fn enrol_two_factor(
    app: &App,
    organizer: &organizer::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, DomainError> {
    let work = app.begin().await?;
    let codes =
        two_factor::complete_enrolment(work.conn(), &app.seed_key, organizer, code, now).await?;
    if codes.is_some() {
        work.audit(own(organizer.id, "two-factor-enrolled"), now)
            .await?;
    }
    work.commit().await?;
    Ok(codes)
}

/// An admin requires the second factor of every organizer (`all`), or of admins only.
pub async fn require_two_factor(
    app: &App,
    by: i64,
    all: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let work = app.begin().await?;
    two_factor::set_required_for_all(work.conn(), all).await?;
    work.audit(
        by_organizer::action(
            by,
            "two-factor-policy",
            "settings",
            None,
            serde_json::json!({ "required_for_all": all }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(())
}
