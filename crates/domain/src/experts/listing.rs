//! The directory as it is read: the listed profiles, filtered by area, country, language
//! spoken and text, a page at a time. A visitor's filters only ever match fields the expert
//! made public, so a filter cannot reveal what a member kept to members.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait, LikeExpr},
};

use std::collections::HashMap;

use super::Status;
use crate::{
    DomainError, Interest,
    entities::{expert_profile, member},
    search::fold,
};

/// Who is reading: members see the fields experts kept to members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Public,
    Members,
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub area: Option<Interest>,
    /// A code of `COUNTRIES`.
    pub country: Option<String>,
    /// A code of `SPOKEN`.
    pub language: Option<String>,
    /// Words to find in names, organisations, roles and bios.
    pub query: Option<String>,
}

/// Listed: approved once, and not hidden since.
fn listed() -> Condition {
    Condition::all()
        .add(expert_profile::Column::PublishedAt.is_not_null())
        .add(expert_profile::Column::Status.ne(Status::Hidden))
}

/// `%` and `_` typed by a person are literal characters, not wildcards.
fn contains(text: &str) -> LikeExpr {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// A whole item of a stored comma-joined list (items hold no LIKE wildcard).
fn has_item(column: expert_profile::Column, item: &str) -> Condition {
    Condition::any()
        .add(column.eq(item))
        .add(column.like(format!("{item},%")))
        .add(column.like(format!("%,{item}")))
        .add(column.like(format!("%,{item},%")))
}

fn condition(audience: Audience, filter: &Filter) -> Condition {
    let public = audience == Audience::Public;
    let mut all = listed();
    // For visitors, a field kept to members matches no filter.
    let shown = |all: Condition, column: expert_profile::Column| {
        if public {
            all.add(column.eq(true))
        } else {
            all
        }
    };
    if let Some(area) = filter.area {
        all = shown(all, expert_profile::Column::PublicAreas)
            .add(has_item(expert_profile::Column::Areas, area.slug()));
    }
    if let Some(country) = &filter.country {
        all = shown(all, expert_profile::Column::PublicPlace)
            .add(expert_profile::Column::Country.eq(country.as_str()));
    }
    if let Some(language) = &filter.language {
        all = shown(all, expert_profile::Column::PublicLanguages)
            .add(has_item(expert_profile::Column::Languages, language));
    }
    if let Some(query) = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        let column = if public {
            expert_profile::Column::SearchPublic
        } else {
            expert_profile::Column::SearchMembers
        };
        // Folded in Rust on both sides: SQLite folds only A–Z.
        all = all.add(Expr::col(column).like(contains(&fold(query))));
    }
    all
}

/// A page (from 0) of the listed profiles that match, newest first, and how many match.
pub async fn page(
    conn: &impl ConnectionTrait,
    audience: Audience,
    filter: &Filter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<expert_profile::Model>, u64), DomainError> {
    let paginator = expert_profile::Entity::find()
        .filter(condition(audience, filter))
        .order_by_desc(expert_profile::Column::PublishedAt)
        .order_by_desc(expert_profile::Column::Id)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page).await?, total))
}

/// A listed profile by its slug; a profile not listed is as unknown as one that never was.
pub async fn listed_by_slug(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<expert_profile::Model>, DomainError> {
    Ok(expert_profile::Entity::find()
        .filter(listed())
        .filter(expert_profile::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

/// The slugs of the listed profiles among `ids` (a summit's speakers), by profile id; a
/// profile no longer listed is left out, so nothing links to it.
pub async fn listed_slugs(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, String>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(expert_profile::Entity::find()
        .filter(listed())
        .filter(expert_profile::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.slug))
        .collect())
}

/// The chapter of each profile's member, by profile id.
pub async fn chapters_of(
    conn: &impl ConnectionTrait,
    profiles: &[expert_profile::Model],
) -> Result<HashMap<i64, i64>, DomainError> {
    let members = member::Entity::find()
        .filter(member::Column::Id.is_in(profiles.iter().map(|p| p.member_id)))
        .all(conn)
        .await?;
    Ok(profiles
        .iter()
        .filter_map(|p| {
            let chapter = members.iter().find(|m| m.id == p.member_id)?.chapter_id;
            Some((p.id, chapter))
        })
        .collect())
}

/// Whether a profile is in the directory.
pub fn is_listed(profile: &expert_profile::Model) -> bool {
    profile.published_at.is_some() && profile.status != Status::Hidden
}
