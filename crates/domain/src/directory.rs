//! The member directory of the back office: filtered, paged, exported. Every query is cut to
//! the organizer's scope, so a chapter organizer never reads another chapter's members.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

use crate::{
    DomainError, consent,
    entities::{consent as consent_row, member},
    membership::Status,
    organizers::Scope,
};

/// Where a member stands, as the back office filters and counts them. `Unsubscribed` is an
/// active member whose latest newsletter decision is a withdrawal, read from the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Pending,
    Active,
    Unsubscribed,
}

impl Standing {
    pub const ALL: [Standing; 3] = [Standing::Pending, Standing::Active, Standing::Unsubscribed];

    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Pending => "pending",
            Standing::Active => "active",
            Standing::Unsubscribed => "unsubscribed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|standing| standing.as_str() == s)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Part of a name or an address.
    pub query: Option<String>,
    pub chapter_id: Option<i64>,
    pub status: Option<Standing>,
    pub language: Option<String>,
    pub interest: Option<String>,
    /// Whether their latest newsletter decision is a yes.
    pub newsletter: Option<bool>,
}

/// `%` and `_` typed by a person are literal characters, not wildcards.
fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn condition(scope: &Scope, filter: &Filter) -> Condition {
    let mut all = Condition::all().add(member::Column::Status.ne(Status::Erased));
    if let Scope::Chapters(ids) = scope {
        all = all.add(member::Column::ChapterId.is_in(ids.iter().copied()));
    }
    if let Some(query) = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        // Both sides folded in Rust: SQLite's `lower()` and `LIKE` fold only A–Z.
        let pattern = like_pattern(&crate::search::fold(query));
        all = all.add(
            Expr::col(member::Column::SearchText)
                .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')),
        );
    }
    if let Some(id) = filter.chapter_id {
        all = all.add(member::Column::ChapterId.eq(id));
    }
    match filter.status {
        Some(Standing::Pending) => all = all.add(member::Column::Status.eq(Status::Pending)),
        Some(Standing::Active) => all = all.add(member::Column::Status.eq(Status::Active)),
        Some(Standing::Unsubscribed) => {
            all = all
                .add(member::Column::Status.eq(Status::Active))
                .add(newsletter_withdrawn());
        }
        None => {}
    }
    if let Some(language) = &filter.language {
        all = all.add(member::Column::Language.eq(language.as_str()));
    }
    if let Some(interest) = &filter.interest {
        all = all.add(has_interest(interest));
    }
    if let Some(subscribed) = filter.newsletter {
        let granted = newsletter_granted();
        all = if subscribed {
            all.add(granted)
        } else {
            all.add(granted.not())
        };
    }
    all
}

/// Members with `interest` among theirs. Interests are stored as sorted slugs joined by commas
/// (slugs hold no LIKE wildcard): match a whole slug wherever it stands.
pub(crate) fn has_interest(interest: &str) -> Condition {
    let column = || Expr::col((member::Entity, member::Column::Interests));
    Condition::any()
        .add(column().eq(interest))
        .add(column().like(format!("{interest},%")))
        .add(column().like(format!("%,{interest}")))
        .add(column().like(format!("%,{interest},%")))
}

/// Members whose latest newsletter decision is a yes. Built with the query builder so the same
/// SQL runs on SQLite and PostgreSQL.
pub(crate) fn newsletter_granted() -> Expr {
    latest_newsletter_decision(true)
}

/// Members who unsubscribed: their latest newsletter decision is a withdrawal. The ledger is
/// the one truth of it; no status column repeats it.
pub(crate) fn newsletter_withdrawn() -> Expr {
    latest_newsletter_decision(false)
}

fn latest_newsletter_decision(granted: bool) -> Expr {
    let (c, c2) = (Alias::new("c"), Alias::new("c2"));
    let purpose = consent::Purpose::Newsletter;
    let latest = Query::select()
        .expr(Expr::col((c2.clone(), consent_row::Column::Id)).max())
        .from_as(consent_row::Entity, c2.clone())
        .and_where(
            Expr::col((c2.clone(), consent_row::Column::MemberId))
                .equals((member::Entity, member::Column::Id)),
        )
        .and_where(Expr::col((c2.clone(), consent_row::Column::Purpose)).eq(purpose))
        .to_owned();
    let granted = Query::select()
        .expr(Expr::val(1))
        .from_as(consent_row::Entity, c.clone())
        .and_where(
            Expr::col((c.clone(), consent_row::Column::MemberId))
                .equals((member::Entity, member::Column::Id)),
        )
        .and_where(Expr::col((c.clone(), consent_row::Column::Granted)).eq(granted))
        .and_where(Expr::col((c.clone(), consent_row::Column::Id)).in_subquery(latest))
        .to_owned();
    Expr::exists(granted)
}

/// A page of members (0-based), newest first, and how many match in all.
pub async fn page(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<member::Model>, u64), DomainError> {
    let paginator = member::Entity::find()
        .filter(condition(scope, filter))
        .order_by_desc(member::Column::Id)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page).await?, total))
}

/// The next `limit` matching members after `after_id`, by id: the export reads the directory
/// in such chunks, so it never holds the whole of it.
pub async fn chunk(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    after_id: i64,
    limit: u64,
) -> Result<Vec<member::Model>, DomainError> {
    Ok(member::Entity::find()
        .filter(condition(scope, filter))
        .filter(member::Column::Id.gt(after_id))
        .order_by_asc(member::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

/// The latest newsletter decision of each of `member_ids`.
pub async fn newsletter_states(
    conn: &impl ConnectionTrait,
    member_ids: &[i64],
) -> Result<HashMap<i64, bool>, DomainError> {
    let rows = consent_row::Entity::find()
        .filter(consent_row::Column::MemberId.is_in(member_ids.iter().copied()))
        .filter(consent_row::Column::Purpose.eq(consent::Purpose::Newsletter))
        .order_by_asc(consent_row::Column::Id)
        .all(conn)
        .await?;
    // Ordered by id: the last row seen for a member is their latest.
    Ok(rows
        .into_iter()
        .map(|row| (row.member_id, row.granted))
        .collect())
}

/// One member, if the scope allows it; otherwise as if it did not exist.
pub async fn member_in_scope(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
) -> Result<Option<member::Model>, DomainError> {
    Ok(member::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|m| scope.allows(m.chapter_id) && m.status != Status::Erased))
}
