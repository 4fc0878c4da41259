//! What a member does for themself: sign in by emailed link, keep their preferences and
//! newsletter choice, change their address, unsubscribe in one click, take their data, leave.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde::Serialize;
use tracing::instrument;

use crate::{
    DomainError, EmailAddress, FullName, Interest, Language, consent,
    entities::{chapter, consent as consent_row, member, outbox as outbox_row},
    membership::{Status, Throttle},
    outbox, session,
    sign_in_guard::AddressKey,
    token,
};

pub const SIGN_IN_MAIL: &str = "sign-in";
pub const EMAIL_CHANGE_MAIL: &str = "email-change";
pub const EMAIL_CHANGED_NOTICE: &str = "email-changed";
pub const GOODBYE_MAIL: &str = "goodbye";
pub const UNSUBSCRIBED_MAIL: &str = "unsubscribed";

/// Sources recorded in the consent ledger for choices made here.
pub const SOURCE_ACCOUNT: &str = "account";
pub const SOURCE_UNSUBSCRIBE: &str = "unsubscribe-link";
pub const SOURCE_ONE_CLICK: &str = "one-click";
pub const SOURCE_ERASURE: &str = "erasure";

/// A member can sign in once they have confirmed their address.
fn can_sign_in(member: &member::Model) -> bool {
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
            language: language_of(member),
            source,
            email_hash: &key.of(&member.email),
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

/// Everything Réseau holds about a member, as they download it.
#[derive(Debug, Serialize)]
pub struct MemberData {
    pub profile: Profile,
    pub newsletter_subscribed: bool,
    pub consents: Vec<ConsentEntry>,
    pub emails: Vec<EmailSent>,
    /// Their event registrations, with what they asked for.
    pub registrations: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct Profile {
    pub email: String,
    pub full_name: String,
    pub language: String,
    pub chapter: String,
    pub region: Option<String>,
    pub interests: Vec<String>,
    pub status: String,
    pub joined_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
pub struct ConsentEntry {
    pub purpose: String,
    pub granted: bool,
    pub wording_version: String,
    pub language: String,
    pub source: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Serialize)]
pub struct EmailSent {
    pub kind: String,
    pub subject: String,
    pub status: String,
    pub queued_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

pub async fn export(
    conn: &impl ConnectionTrait,
    member: &member::Model,
) -> Result<MemberData, DomainError> {
    let chapter = chapter::Entity::find_by_id(member.chapter_id)
        .one(conn)
        .await?
        .map(|c| c.slug)
        .unwrap_or_default();
    let consents = consent::history(conn, member.id)
        .await?
        .into_iter()
        .map(|c| ConsentEntry {
            purpose: c.purpose.as_str().to_owned(),
            granted: c.granted,
            wording_version: c.wording_version,
            language: c.language.code().to_owned(),
            source: c.source,
            at: c.created_at,
        })
        .collect();
    let emails = outbox_row::Entity::find()
        .filter(outbox_row::Column::MemberId.eq(member.id))
        .order_by_asc(outbox_row::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| EmailSent {
            kind: row.kind,
            subject: row.subject,
            status: row.status.as_str().to_owned(),
            queued_at: row.created_at,
            sent_at: row.sent_at,
        })
        .collect();
    Ok(MemberData {
        profile: Profile {
            email: member.email.clone(),
            full_name: member.full_name.clone(),
            language: member.language.code().to_owned(),
            chapter,
            region: member.region.clone(),
            interests: Interest::parse_stored(&member.interests)
                .into_iter()
                .map(|i| i.slug().to_owned())
                .collect(),
            status: member.status.as_str().to_owned(),
            joined_at: member.created_at,
            confirmed_at: member.confirmed_at,
        },
        newsletter_subscribed: newsletter_subscribed(conn, member.id).await?,
        consents,
        emails,
        registrations: crate::events::registrations_of_person(conn, member.id, &member.email)
            .await?
            .into_iter()
            .map(|(r, e)| {
                serde_json::json!({
                    "event": e.slug,
                    "title": e.title_en,
                    "starts_at": e.starts_at,
                    "status": r.status.as_str(),
                    "waitlist_position": r.waitlist_position,
                    "accommodations": r.accommodations,
                    "registered_at": r.created_at,
                })
            })
            .collect(),
    })
}

/// Erases a member: the row is anonymised and marked erased, pending mail to them cancelled
/// (except the goodbye the caller has just queued), every address in the outbox forgotten,
/// links and sessions revoked. The consent ledger stays, with its hash of the address, and
/// records the withdrawal.
#[instrument(skip_all, fields(member = member.id))]
pub async fn erase(
    conn: &impl ConnectionTrait,
    key: &AddressKey,
    member: member::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let hash = key.of(&member.email);
    let language = language_of(&member);
    for purpose in [consent::Purpose::Newsletter, consent::Purpose::Membership] {
        consent::append(
            conn,
            consent::Entry {
                member_id: member.id,
                purpose,
                granted: false,
                wording_version: "erasure",
                language,
                source: SOURCE_ERASURE,
                email_hash: &hash,
            },
            now,
        )
        .await?;
    }
    forget(conn, member, GOODBYE_MAIL, now).await
}

/// Everything an erasure and a forgotten sign-up share: their mail is cancelled and its
/// address forgotten (but for rows of `keep_kind`), their links and sessions end, and the row
/// keeps only its id and an undeliverable placeholder address.
async fn forget(
    conn: &impl ConnectionTrait,
    member: member::Model,
    keep_kind: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    outbox::cancel_for_member(conn, member.id, keep_kind).await?;
    outbox::forget_member_addresses(conn, member.id, keep_kind).await?;
    outbox::forget_address(conn, &member.email, keep_kind).await?;
    token::revoke_all(conn, member.id).await?;
    session::end_all(conn, member.id).await?;

    let id = member.id;
    let mut active = member.into_active_model();
    active.email = Set(erased_address(id));
    active.full_name = Set(String::new());
    active.region = Set(None);
    active.interests = Set(String::new());
    active.status = Set(Status::Erased);
    active.newsletter_requested = Set(false);
    active.updated_at = Set(now);
    active.update(conn).await?;
    Ok(())
}

/// Forgets a sign-up that was never confirmed: like an erasure, without a consent to withdraw
/// (there is none) or a goodbye to send (they never joined).
pub async fn forget_unconfirmed(
    conn: &impl ConnectionTrait,
    member: member::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    forget(conn, member, "", now).await
}

/// The placeholder that takes an erased member's address: unique, and undeliverable by
/// construction (RFC 2606 reserves `.invalid`).
pub fn erased_address(member_id: i64) -> String {
    format!("erased-{member_id}@erased.invalid")
}

/// Members whose status is `erased`, among `ids`: the worker refuses to mail them.
pub async fn erased_among(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<i64>, DomainError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = member::Entity::find()
        .filter(member::Column::Id.is_in(ids.iter().copied()))
        .filter(member::Column::Status.eq(Status::Erased))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|m| m.id).collect())
}

/// The member with this address, whatever their status.
pub async fn by_email(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
) -> Result<Option<member::Model>, DomainError> {
    Ok(member::Entity::find()
        .filter(member::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?)
}

async fn member_of(
    conn: &impl ConnectionTrait,
    t: &crate::entities::token::Model,
) -> Result<Option<member::Model>, DomainError> {
    match t.member_id {
        Some(id) => Ok(member::Entity::find_by_id(id).one(conn).await?),
        None => Ok(None),
    }
}

fn language_of(member: &member::Model) -> Language {
    member.language
}
