//! The consent ledger (CASL): what was agreed to, in which wording, when, from which form.
//! Rows are appended; nothing here updates or deletes one.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DeriveActiveEnum, EntityTrait, EnumIter,
    QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::{
    DomainError, Language,
    entities::{consent, member},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Purpose {
    #[sea_orm(string_value = "membership")]
    Membership,
    #[sea_orm(string_value = "newsletter")]
    Newsletter,
    /// A listing in the Trilateral Expert Network (`crate::experts`).
    #[sea_orm(string_value = "directory")]
    Directory,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Membership => "membership",
            Purpose::Newsletter => "newsletter",
            Purpose::Directory => "directory",
        }
    }
}

/// One decision to record.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub member_id: i64,
    pub purpose: Purpose,
    pub granted: bool,
    pub wording_version: &'a str,
    pub language: Language,
    pub source: &'a str,
    pub email_hash: &'a str,
    /// The proof a partner sent with a sign-up through the API (JSON), kept beside the
    /// person's own confirmation.
    pub evidence: Option<&'a str>,
}

pub async fn append(
    conn: &impl ConnectionTrait,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    consent::Entity::insert(consent::ActiveModel {
        member_id: Set(entry.member_id),
        purpose: Set(entry.purpose),
        granted: Set(entry.granted),
        wording_version: Set(entry.wording_version.to_owned()),
        language: Set(entry.language),
        source: Set(entry.source.to_owned()),
        email_hash: Set(entry.email_hash.to_owned()),
        created_at: Set(now),
        evidence: Set(entry.evidence.map(str::to_owned)),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    // The member's record changed with its ledger (the newsletter status partners sync), and
    // a newsletter decision is mirrored on it in the same statement.
    let mut update = member::Entity::update_many()
        .col_expr(member::Column::UpdatedAt, Expr::value(now))
        .filter(member::Column::Id.eq(entry.member_id));
    if entry.purpose == Purpose::Newsletter {
        update = update.col_expr(
            member::Column::NewsletterDecision,
            Expr::value(Some(entry.granted)),
        );
    }
    update.exec(conn).await?;
    Ok(())
}

/// Appends several entries of one member in one statement, without touching the member's
/// row: for a caller that writes that row (its `updated_at` with it, and the
/// `newsletter_decision` of a newsletter entry) in the same transaction.
pub async fn append_with_member_write(
    conn: &impl ConnectionTrait,
    entries: &[Entry<'_>],
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if entries.is_empty() {
        return Ok(());
    }
    consent::Entity::insert_many(entries.iter().map(|entry| consent::ActiveModel {
        member_id: Set(entry.member_id),
        purpose: Set(entry.purpose),
        granted: Set(entry.granted),
        wording_version: Set(entry.wording_version.to_owned()),
        language: Set(entry.language),
        source: Set(entry.source.to_owned()),
        email_hash: Set(entry.email_hash.to_owned()),
        created_at: Set(now),
        evidence: Set(entry.evidence.map(str::to_owned)),
        ..Default::default()
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Marks a member changed at `now`, for changes that live outside the member's row (the
/// consent ledger, bounce counts): incremental sync by `updated_at` must see them.
pub async fn touch_member(
    conn: &impl ConnectionTrait,
    member_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    member::Entity::update_many()
        .col_expr(member::Column::UpdatedAt, Expr::value(now))
        .filter(member::Column::Id.eq(member_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// A member's ledger, oldest first.
pub async fn history(
    conn: &impl ConnectionTrait,
    member_id: i64,
) -> Result<Vec<consent::Model>, DomainError> {
    Ok(consent::Entity::find()
        .filter(consent::Column::MemberId.eq(member_id))
        .order_by_asc(consent::Column::Id)
        .all(conn)
        .await?)
}
