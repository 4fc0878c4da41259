//! Organizers: accounts, roles and the chapters they may run, one-time links, and the start
//! and end of their sessions (`session::resume` resumes them; the lockout after repeated
//! failures is `sign_in_guard`).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DeriveActiveEnum, EntityTrait, EnumIter,
    PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::{
    DomainError, EmailAddress,
    entities::{organizer, organizer_chapter, organizer_session, organizer_token},
    session::Lifetime,
    token::{Secret, hash},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Role {
    /// Everything, including organizers and chapters.
    #[sea_orm(string_value = "admin")]
    Admin,
    /// The chapters they are assigned to.
    #[sea_orm(string_value = "organizer")]
    Organizer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organizer => "organizer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "organizer" => Some(Role::Organizer),
            _ => None,
        }
    }
}

/// What an organizer may see: every chapter, or some.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Chapters(Vec<i64>),
}

impl Scope {
    pub fn allows(&self, chapter_id: i64) -> bool {
        match self {
            Scope::All => true,
            Scope::Chapters(ids) => ids.contains(&chapter_id),
        }
    }
}

pub async fn count(conn: &impl ConnectionTrait) -> Result<u64, DomainError> {
    Ok(organizer::Entity::find().count(conn).await?)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<organizer::Model>, DomainError> {
    Ok(organizer::Entity::find_by_id(id).one(conn).await?)
}

pub async fn find_by_email(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
) -> Result<Option<organizer::Model>, DomainError> {
    Ok(organizer::Entity::find()
        .filter(organizer::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?)
}

pub async fn all(conn: &impl ConnectionTrait) -> Result<Vec<organizer::Model>, DomainError> {
    Ok(organizer::Entity::find()
        .order_by_asc(organizer::Column::Name)
        .all(conn)
        .await?)
}

/// Creates an organizer; `None` when the address is already an organizer's.
pub async fn create(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
    name: &str,
    role: Role,
    password_hash: Option<String>,
    now: DateTime<Utc>,
) -> Result<Option<organizer::Model>, DomainError> {
    if find_by_email(conn, email).await?.is_some() {
        return Ok(None);
    }
    let inserted = organizer::Entity::insert(organizer::ActiveModel {
        email: Set(email.as_str().to_owned()),
        name: Set(name.to_owned()),
        password_hash: Set(password_hash),
        role: Set(role),
        active: Set(true),
        failed_attempts: Set(0),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    find(conn, inserted.last_insert_id).await
}

pub async fn set_password(
    conn: &impl ConnectionTrait,
    id: i64,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    organizer::Entity::update_many()
        .col_expr(organizer::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(organizer::Column::UpdatedAt, Expr::value(now))
        .filter(organizer::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn chapters_of(conn: &impl ConnectionTrait, id: i64) -> Result<Vec<i64>, DomainError> {
    Ok(organizer_chapter::Entity::find()
        .filter(organizer_chapter::Column::OrganizerId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| row.chapter_id)
        .collect())
}

pub async fn assign_chapters(
    conn: &impl ConnectionTrait,
    id: i64,
    chapter_ids: &[i64],
) -> Result<(), DomainError> {
    organizer_chapter::Entity::delete_many()
        .filter(organizer_chapter::Column::OrganizerId.eq(id))
        .exec(conn)
        .await?;
    for chapter_id in chapter_ids {
        organizer_chapter::Entity::insert(organizer_chapter::ActiveModel {
            organizer_id: Set(id),
            chapter_id: Set(*chapter_id),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

pub async fn scope_of(
    conn: &impl ConnectionTrait,
    organizer: &organizer::Model,
) -> Result<Scope, DomainError> {
    Ok(match organizer.role {
        Role::Admin => Scope::All,
        _ => Scope::Chapters(chapters_of(conn, organizer.id).await?),
    })
}

// --- one-time links ---------------------------------------------------------------------------

/// What a one-time link of the back office is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum LinkPurpose {
    /// Creates the first admin; there is no organizer yet.
    #[sea_orm(string_value = "setup")]
    Setup,
    /// Lets an invited organizer set a password.
    #[sea_orm(string_value = "invite")]
    Invite,
}

/// A one-time link: `setup` (creates the first admin, no organizer yet) or `invite`.
pub async fn issue_link(
    conn: &impl ConnectionTrait,
    purpose: LinkPurpose,
    organizer_id: Option<i64>,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<Secret, DomainError> {
    let secret = Secret::random();
    organizer_token::Entity::insert(organizer_token::ActiveModel {
        organizer_id: Set(organizer_id),
        purpose: Set(purpose),
        token_hash: Set(hash(secret.as_str())),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(secret)
}

/// The live link of `purpose` behind `clear`, if any.
pub async fn find_link(
    conn: &impl ConnectionTrait,
    purpose: LinkPurpose,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<Option<organizer_token::Model>, DomainError> {
    let Some(secret) = Secret::parse(clear) else {
        return Ok(None);
    };
    Ok(organizer_token::Entity::find()
        .filter(organizer_token::Column::TokenHash.eq(hash(secret.as_str())))
        .filter(organizer_token::Column::Purpose.eq(purpose))
        .filter(organizer_token::Column::UsedAt.is_null())
        .filter(organizer_token::Column::ExpiresAt.gt(now))
        .one(conn)
        .await?)
}

/// Uses a link; false when another request used it first.
pub async fn use_link(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let result = organizer_token::Entity::update_many()
        .col_expr(organizer_token::Column::UsedAt, Expr::value(now))
        .filter(organizer_token::Column::Id.eq(id))
        .filter(organizer_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

// --- sessions ---------------------------------------------------------------------------------

/// Starts a session; `mfa_pending` when the second factor is still to be given.
pub async fn start_session(
    conn: &impl ConnectionTrait,
    organizer_id: i64,
    lifetime: Lifetime,
    mfa_pending: bool,
    now: DateTime<Utc>,
) -> Result<Secret, DomainError> {
    let secret = Secret::random();
    organizer_session::Entity::insert(organizer_session::ActiveModel {
        token_hash: Set(hash(secret.as_str())),
        organizer_id: Set(organizer_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + lifetime.absolute),
        mfa_pending: Set(mfa_pending),
        stepped_up_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(secret)
}

/// A live organizer session.
#[derive(Clone, Debug)]
pub struct Resumed {
    pub organizer: organizer::Model,
    /// The second factor is still to be given.
    pub mfa_pending: bool,
    /// When the password was last given again in this session (a step up).
    pub stepped_up_at: Option<DateTime<Utc>>,
}

impl Resumed {
    /// Whether a step up happened within `window` before `now`.
    pub fn stepped_up_within(&self, window: Duration, now: DateTime<Utc>) -> bool {
        self.stepped_up_at
            .is_some_and(|at| at <= now && now - at <= window)
    }
}

/// Replaces the session `old` by a new one, stepped up at `now`: a new id at every step up.
/// The new session ends when the old one would have. `None` if `old` is no live session.
pub async fn step_up_session(
    conn: &impl ConnectionTrait,
    old: &str,
    now: DateTime<Utc>,
) -> Result<Option<Secret>, DomainError> {
    let Some(found) = organizer_session::Entity::find()
        .filter(organizer_session::Column::TokenHash.eq(hash(old)))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    organizer_session::Entity::delete_by_id(found.id)
        .exec(conn)
        .await?;
    let secret = Secret::random();
    organizer_session::Entity::insert(organizer_session::ActiveModel {
        token_hash: Set(hash(secret.as_str())),
        organizer_id: Set(found.organizer_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(found.expires_at),
        mfa_pending: Set(false),
        stepped_up_at: Set(Some(now)),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(Some(secret))
}

pub async fn end_session(conn: &impl ConnectionTrait, clear: &str) -> Result<(), DomainError> {
    organizer_session::Entity::delete_many()
        .filter(organizer_session::Column::TokenHash.eq(hash(clear)))
        .exec(conn)
        .await?;
    Ok(())
}

/// Ends every session of an organizer but the one whose cookie is `keep`.
pub async fn end_other_sessions(
    conn: &impl ConnectionTrait,
    organizer_id: i64,
    keep: &str,
) -> Result<(), DomainError> {
    organizer_session::Entity::delete_many()
        .filter(organizer_session::Column::OrganizerId.eq(organizer_id))
        .filter(organizer_session::Column::TokenHash.ne(hash(keep)))
        .exec(conn)
        .await?;
    Ok(())
}
