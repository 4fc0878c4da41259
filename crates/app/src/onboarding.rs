//! Organizers get an account: the first-run setup link makes the first admin, an invitation
//! link lets an invited organizer choose their password. Each link works once, and using it
//! signs its holder in with a new session. Audited.

use chrono::{DateTime, Utc};
use domain::{
    DomainError, EmailAddress,
    entities::organizer_token,
    organizers::{self, Role},
    session::Lifetime,
    token::Secret,
};

use crate::{App, by_organizer};

/// Why a link did nothing.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// Used meanwhile (or, for setup, an organizer exists already): as if it never was.
    #[error("the link is used")]
    Used,
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// The setup link makes the first admin with `password_hash`, while no organizer exists.
/// Returns the new admin's session.
pub async fn set_up_first_admin(
    app: &App,
    link: &organizer_token::Model,
    email: &EmailAddress,
    name: &str,
    password_hash: String,
    lifetime: Lifetime,
    now: DateTime<Utc>,
) -> Result<Secret, LinkError> {
    let work = app.begin().await?;
    if !organizers::use_link(work.conn(), link.id, now).await?
        || organizers::count(work.conn()).await? > 0
    {
        return Err(LinkError::Used);
    }
    let organizer = organizers::create(
        work.conn(),
        email,
        name,
        Role::Admin,
        Some(password_hash),
        now,
    )
    .await?
    .ok_or(DomainError::Inconsistent("first organizer already exists"))?;
    let session =
        organizers::start_session(work.conn(), organizer.id, lifetime, false, now).await?;
    work.audit(
        by_organizer::action(
            organizer.id,
            "setup",
            "organizer",
            Some(organizer.id),
            serde_json::json!({ "role": "admin" }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(session)
}

/// The invitation link sets the invited organizer's password. Returns their session.
pub async fn accept_invitation(
    app: &App,
    link: &organizer_token::Model,
    organizer_id: i64,
    password_hash: String,
    lifetime: Lifetime,
    now: DateTime<Utc>,
) -> Result<Secret, LinkError> {
    let work = app.begin().await?;
    if !organizers::use_link(work.conn(), link.id, now).await? {
        return Err(LinkError::Used);
    }
    organizers::set_password(work.conn(), organizer_id, password_hash, now).await?;
    let session =
        organizers::start_session(work.conn(), organizer_id, lifetime, false, now).await?;
    work.audit(
        by_organizer::action(
            organizer_id,
            "invitation-accepted",
            "organizer",
            Some(organizer_id),
            serde_json::json!({}),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(session)
}
