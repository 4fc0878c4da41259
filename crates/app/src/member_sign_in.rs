//! A member signs in without a password: an emailed, single-use link, then a new session.

use chrono::{DateTime, Utc};
use domain::{
    DomainError, EmailAddress,
    account::{self, Link},
    entities::member,
    session, token,
};

use crate::{App, mail};

/// Mails a sign-in link to `email` if it is a member's, within the per-address limit. A write
/// transaction whether or not the address is known, so both take the same path and the caller
/// answers the same.
pub async fn request_link(
    app: &App,
    email: &EmailAddress,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let mut work = app.begin().await?;
    if let Some((member, secret)) =
        account::request_sign_in(work.conn(), email, app.limits.throttle(), now).await?
    {
        let language = mail::member_language(&member);
        let composed = mailer::compose::account::sign_in(
            &app.brand,
            language,
            &member.full_name,
            secret.as_str(),
        );
        work.enqueue(
            mail::new_email(account::SIGN_IN_MAIL, &member, language, composed),
            now,
        )
        .await?;
    }
    work.commit().await
}

/// Uses a sign-in link: a new session (its secret for the cookie) for a valid one. The session
/// the request came with, if any, ends: the id always changes at sign-in.
pub async fn sign_in(
    app: &App,
    link: &str,
    previous_session: Option<&str>,
    lifetime: session::Lifetime,
    now: DateTime<Utc>,
) -> Result<Link<(member::Model, token::Secret)>, DomainError> {
    let work = app.begin().await?;
    let outcome = account::sign_in(work.conn(), link, lifetime, now).await?;
    if let (Link::Valid(_), Some(old)) = (&outcome, previous_session) {
        session::end(work.conn(), old).await?;
    }
    work.commit().await?;
    Ok(outcome)
}
