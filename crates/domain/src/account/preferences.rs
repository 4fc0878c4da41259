//! A member's choices: the newsletter (a decision in the consent ledger), the profile, and
//! the one-click unsubscribe.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};

use crate::{
    DomainError, FullName, Interest, Language, consent,
    entities::{consent as consent_row, member},
    membership::Status,
    sign_in_guard::AddressKey,
    token,
};

use super::*;

/// Whether the member's latest newsletter decision is a yes.
pub async fn newsletter_subscribed(
    conn: &impl ConnectionTrait,
    member_id: i64,
) -> Result<bool, DomainError> {
    let latest = consent_row::Entity::find()
        .filter(consent_row::Column::MemberId.eq(member_id))
        .filter(consent_row::Column::Purpose.eq(consent::Purpose::Newsletter))
        .order_by_desc(consent_row::Column::Id)
        .one(conn)
        .await?;
    Ok(latest.is_some_and(|row| row.granted))
}

/// Records a newsletter decision if it changes anything. Returns whether it did.
pub async fn set_newsletter(
    conn: &impl ConnectionTrait,
    key: &AddressKey,
    member: &member::Model,
    subscribe: bool,
    wording_version: &str,
    source: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if newsletter_subscribed(conn, member.id).await? == subscribe {
        return Ok(false);
    }
    consent::append(
        conn,
        consent::Entry {
            member_id: member.id,
            purpose: consent::Purpose::Newsletter,
            granted: subscribe,
            wording_version,
            language: member.language,
            source,
            email_hash: &key.of(&member.email),
            evidence: None,
        },
        now,
    )
    .await?;
    Ok(true)
}

/// The parts of a profile a member edits.
#[derive(Clone, Debug)]
pub struct ProfileUpdate {
    pub full_name: FullName,
    pub language: Language,
    pub chapter_id: i64,
    pub region: Option<String>,
    pub interests: Vec<Interest>,
}

pub async fn update_profile(
    conn: &impl ConnectionTrait,
    member: member::Model,
    update: ProfileUpdate,
    now: DateTime<Utc>,
) -> Result<member::Model, DomainError> {
    let mut active = member.into_active_model();
    active.full_name = Set(update.full_name.as_str().to_owned());
    active.language = Set(update.language);
    active.chapter_id = Set(update.chapter_id);
    active.region = Set(update.region);
    active.interests = Set(Interest::to_stored(&update.interests));
    active.updated_at = Set(now);
    Ok(active.update(conn).await?)
}

/// The member an unsubscribe link belongs to, if the link is live. Unsubscribe links are not
/// used up: clicking twice is harmless.
pub async fn unsubscribe_link(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<Link<member::Model>, DomainError> {
    Ok(
        match token::find(conn, token::Purpose::Unsubscribe, clear, now).await? {
            token::Lookup::Valid(t) | token::Lookup::Used(t) => match member_of(conn, &t).await? {
                Some(member) if member.status != Status::Erased => Link::Valid(member),
                _ => Link::Unknown,
            },
            token::Lookup::Expired(_) => Link::Expired,
            token::Lookup::Unknown => Link::Unknown,
        },
    )
}

/// Unsubscribes at once through a link. Returns the member and whether anything changed.
pub async fn unsubscribe(
    conn: &impl ConnectionTrait,
    key: &AddressKey,
    clear: &str,
    source: &str,
    wording_version: &str,
    now: DateTime<Utc>,
) -> Result<Link<(member::Model, bool)>, DomainError> {
    Ok(match unsubscribe_link(conn, clear, now).await? {
        Link::Valid(member) => {
            let changed =
                set_newsletter(conn, key, &member, false, wording_version, source, now).await?;
            Link::Valid((member, changed))
        }
        Link::Expired => Link::Expired,
        Link::Used => Link::Used,
        Link::Unknown => Link::Unknown,
    })
}
