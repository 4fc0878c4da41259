//! Who receives a newsletter: the chapters, interests and languages chosen, narrowed to the
//! members subscribed now (active, not suspended for bounces, latest decision a yes), and the
//! bounces that suspend an address.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    DomainError, Interest, Language, directory, entities::member,
    membership::Status as MemberStatus,
};

/// Who receives it. Empty interests or languages mean everyone, whatever theirs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Audience {
    pub chapters: Vec<i64>,
    pub interests: Vec<Interest>,
    pub languages: Vec<Language>,
}

pub(super) fn audience_json(audience: &Audience) -> (String, String, String) {
    let interests: Vec<&str> = audience.interests.iter().map(|i| i.slug()).collect();
    let languages: Vec<&str> = audience.languages.iter().map(|l| l.code()).collect();
    (
        serde_json::json!(audience.chapters).to_string(),
        serde_json::json!(interests).to_string(),
        serde_json::json!(languages).to_string(),
    )
}

/// Members who may receive a newsletter at all: active, not suspended for bounces, and whose
/// latest newsletter decision is a yes.
pub(crate) fn subscribed() -> Condition {
    Condition::all()
        .add(member::Column::Status.eq(MemberStatus::Active))
        .add(member::Column::NewsletterSuspendedAt.is_null())
        .add(directory::newsletter_granted())
}

pub(super) fn audience_condition(audience: &Audience) -> Condition {
    let mut all = subscribed().add(member::Column::ChapterId.is_in(audience.chapters.clone()));
    if !audience.interests.is_empty() {
        all = all.add(audience.interests.iter().fold(Condition::any(), |any, i| {
            any.add(directory::has_interest(i.slug()))
        }));
    }
    if !audience.languages.is_empty() {
        all = all.add(member::Column::Language.is_in(audience.languages.iter().copied()));
    }
    all
}

/// How many members the audience holds now.
pub async fn count_audience(
    conn: &impl ConnectionTrait,
    audience: &Audience,
) -> Result<u64, DomainError> {
    if audience.chapters.is_empty() {
        return Ok(0);
    }
    Ok(member::Entity::find()
        .filter(audience_condition(audience))
        .count(conn)
        .await?)
}

/// Of `member_ids`, those a newsletter may still go to now: a member who unsubscribed, left
/// or was suspended after sending started is skipped.
pub async fn still_subscribed(
    conn: &impl ConnectionTrait,
    member_ids: &[i64],
) -> Result<HashSet<i64>, DomainError> {
    if member_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<i64> = member::Entity::find()
        .select_only()
        .column(member::Column::Id)
        .filter(member::Column::Id.is_in(member_ids.iter().copied()))
        .filter(subscribed())
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ids.into_iter().collect())
}

/// Counts a permanent refusal of a member's address; at `limit` of them, newsletters to it
/// stop. Returns whether this bounce suspended it.
pub async fn record_hard_bounce(
    conn: &impl ConnectionTrait,
    member_id: i64,
    limit: u32,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    member::Entity::update_many()
        .col_expr(
            member::Column::HardBounces,
            Expr::col(member::Column::HardBounces).add(1),
        )
        // Every change to a member moves `updated_at`: partners sync by it.
        .col_expr(member::Column::UpdatedAt, Expr::value(now))
        .filter(member::Column::Id.eq(member_id))
        .exec(conn)
        .await?;
    let suspended = member::Entity::update_many()
        .col_expr(member::Column::NewsletterSuspendedAt, Expr::value(now))
        .filter(member::Column::Id.eq(member_id))
        .filter(
            member::Column::HardBounces.gte(i32::try_from(Ord::max(limit, 1)).unwrap_or(i32::MAX)),
        )
        .filter(member::Column::NewsletterSuspendedAt.is_null())
        .exec(conn)
        .await?;
    Ok(suspended.rows_affected == 1)
}

/// Lets newsletters go to a member's address again, after an organizer checked it works.
pub async fn lift_suspension(
    conn: &impl ConnectionTrait,
    member_id: i64,
) -> Result<bool, DomainError> {
    let result = member::Entity::update_many()
        .col_expr(member::Column::HardBounces, Expr::value(0))
        .col_expr(member::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(
            member::Column::NewsletterSuspendedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(member::Column::Id.eq(member_id))
        .filter(member::Column::NewsletterSuspendedAt.is_not_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}
