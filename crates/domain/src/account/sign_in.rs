//! Signing a member in by emailed link: the request (only a confirmed member gets one), the
//! check of the link's page, and the sign-in its button makes.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ConnectionTrait;
use tracing::instrument;

use crate::{
    DomainError, EmailAddress,
    entities::member,
    membership::{Status, Throttle},
    outbox, session, token,
};

use super::{SIGN_IN_MAIL, by_email, member_of};

/// A member can sign in once they have confirmed their address.
pub(super) fn can_sign_in(member: &member::Model) -> bool {
    member.status == Status::Active
}

/// A sign-in link for `email` if it belongs to a member (and the address has not had too many
/// links this hour); `None` otherwise, and the caller answers the same either way.
#[instrument(skip_all, fields(email = %email.masked()))]
pub async fn request_sign_in(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<Option<(member::Model, token::Secret)>, DomainError> {
    let Some(member) = by_email(conn, email).await? else {
        return Ok(None);
    };
    if !can_sign_in(&member) {
        return Ok(None);
    }
    let recent =
        outbox::recent_count(conn, &member.email, SIGN_IN_MAIL, now - Duration::hours(1)).await?;
    if recent >= throttle.per_address_per_hour {
        return Ok(None);
    }
    let secret = token::issue(conn, token::Purpose::SignIn, member.id, now).await?;
    Ok(Some((member, secret)))
}

/// What an emailed link turned out to be.
#[derive(Debug)]
pub enum Link<T> {
    Valid(T),
    Expired,
    Used,
    Unknown,
}

/// Looks at a sign-in link without using it.
pub async fn check_sign_in(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<Link<member::Model>, DomainError> {
    Ok(
        match token::find(conn, token::Purpose::SignIn, clear, now).await? {
            token::Lookup::Valid(t) => match member_of(conn, &t).await? {
                Some(member) if can_sign_in(&member) => Link::Valid(member),
                _ => Link::Unknown,
            },
            token::Lookup::Expired(_) => Link::Expired,
            token::Lookup::Used(_) => Link::Used,
            token::Lookup::Unknown => Link::Unknown,
        },
    )
}

/// Uses a sign-in link: a new session for its member.
pub async fn sign_in(
    conn: &impl ConnectionTrait,
    clear: &str,
    lifetime: session::Lifetime,
    now: DateTime<Utc>,
) -> Result<Link<(member::Model, token::Secret)>, DomainError> {
    let t = match token::find(conn, token::Purpose::SignIn, clear, now).await? {
        token::Lookup::Valid(t) => t,
        token::Lookup::Expired(_) => return Ok(Link::Expired),
        token::Lookup::Used(_) => return Ok(Link::Used),
        token::Lookup::Unknown => return Ok(Link::Unknown),
    };
    if !token::consume(conn, t.id, now).await? {
        return Ok(Link::Used);
    }
    let Some(member) = member_of(conn, &t).await?.filter(can_sign_in) else {
        return Ok(Link::Unknown);
    };
    let cookie = session::start(conn, member.id, lifetime, now).await?;
    Ok(Link::Valid((member, cookie)))
}
