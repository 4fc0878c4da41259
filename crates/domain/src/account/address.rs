//! Changing a member's address: a link to the new address, whose press makes the change
//! and tells the old one.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, IntoActiveModel};

use crate::{
    DomainError, EmailAddress,
    entities::member,
    membership::{Status, Throttle},
    outbox, token,
};

use super::*;

/// Starts an address change: a token for the new address, or nothing if the address is
/// another member's (the page says the same, so nobody learns whose address it is), or if the
/// new address or this member has had enough of these links this hour.
pub async fn request_email_change(
    conn: &impl ConnectionTrait,
    member: &member::Model,
    new_email: &EmailAddress,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<Option<token::Secret>, DomainError> {
    if new_email.as_str() == member.email || by_email(conn, new_email).await?.is_some() {
        return Ok(None);
    }
    let recent = outbox::recent_count(
        conn,
        new_email.as_str(),
        EMAIL_CHANGE_MAIL,
        now - Duration::hours(1),
    )
    .await?;
    // Per member too: one account may not mail a list of strangers' addresses.
    let asked = outbox::recent_count_for_member(
        conn,
        member.id,
        EMAIL_CHANGE_MAIL,
        now - Duration::hours(1),
    )
    .await?;
    if recent >= throttle.per_address_per_hour || asked >= throttle.per_address_per_hour {
        return Ok(None);
    }
    let secret = token::issue_with(
        conn,
        token::Purpose::EmailChange,
        member.id,
        Some(new_email.as_str().to_owned()),
        now,
    )
    .await?;
    Ok(Some(secret))
}

/// An address change that went through: the member as now, and the address they had.
#[derive(Debug)]
pub struct EmailChanged {
    pub member: member::Model,
    pub old_email: String,
}

/// Looks at an address-change link without using it: the address it would set.
pub async fn check_email_change(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<Link<String>, DomainError> {
    Ok(
        match token::find(conn, token::Purpose::EmailChange, clear, now).await? {
            token::Lookup::Valid(t) => t.payload.map_or(Link::Unknown, Link::Valid),
            token::Lookup::Expired(_) => Link::Expired,
            token::Lookup::Used(_) => Link::Used,
            token::Lookup::Unknown => Link::Unknown,
        },
    )
}

/// Confirms an address change from the link sent to the new address, and uses up every
/// sign-in and address-change link still outstanding. The caller ends the other sessions.
pub async fn confirm_email_change(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<Link<EmailChanged>, DomainError> {
    let t = match token::find(conn, token::Purpose::EmailChange, clear, now).await? {
        token::Lookup::Valid(t) => t,
        token::Lookup::Expired(_) => return Ok(Link::Expired),
        token::Lookup::Used(_) => return Ok(Link::Used),
        token::Lookup::Unknown => return Ok(Link::Unknown),
    };
    if !token::consume(conn, t.id, now).await? {
        return Ok(Link::Used);
    }
    let (Some(member), Some(new_email)) = (member_of(conn, &t).await?, t.payload.clone()) else {
        return Ok(Link::Unknown);
    };
    if member.status == Status::Erased {
        return Ok(Link::Unknown);
    }
    // Taken since the request: refuse rather than merge two people.
    let new_email =
        EmailAddress::parse(&new_email).map_err(|_| DomainError::Inconsistent("stored address"))?;
    if by_email(conn, &new_email).await?.is_some() {
        return Ok(Link::Unknown);
    }
    let old_email = member.email.clone();
    let mut active = member.into_active_model();
    active.email = Set(new_email.as_str().to_owned());
    active.updated_at = Set(now);
    let member = active.update(conn).await?;
    // The usual reason to change an address is a lost mailbox: nothing mailed to the old one
    // may open the account any more.
    token::revoke(
        conn,
        member.id,
        &[token::Purpose::SignIn, token::Purpose::EmailChange],
        now,
    )
    .await?;
    Ok(Link::Valid(EmailChanged { member, old_email }))
}
