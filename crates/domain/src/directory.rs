//! The member directory of the back office: filtered, paged, exported. Every query is cut to
//! the organizer's scope, so a chapter organizer never reads another chapter's members.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, Order, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
    sea_query::{Alias, BinOper, Expr, ExprTrait, Query},
};

use crate::{DomainError, entities::member, membership::Status, organizers::Scope};

/// Where a member stands, as the back office filters and counts them. `Unsubscribed` is an
/// active member whose latest newsletter decision in the ledger is a withdrawal.
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

/// A `GLOB` pattern matching `text` anywhere, its wildcards (`*`, `?`, `[`) literal.
fn glob_pattern(text: &str) -> String {
    let mut pattern = String::from("*");
    for c in text.chars() {
        match c {
            '*' | '?' | '[' => {
                pattern.push('[');
                pattern.push(c);
                pattern.push(']');
            }
            c => pattern.push(c),
        }
    }
    pattern.push('*');
    pattern
}

/// Members whose folded name or address contains `folded`, on PostgreSQL: `LIKE`, which its
/// trigram index serves. SQLite searches through a join (`Matching`).
fn search_condition(folded: &str) -> Condition {
    Condition::all().add(
        Expr::col(member::Column::SearchText)
            .like(sea_orm::sea_query::LikeExpr::new(like_pattern(folded)).escape('\\')),
    )
}

/// SQLite's FTS5 trigram table (`member_search`, rowid = the member's id), whose index serves
/// `GLOB` (and not a `LIKE` with an escape character).
const SEARCH_TABLE: &str = "member_search";

/// What a filter selects, and the id its pages are ordered and cut by.
///
/// On SQLite a search joins the trigram table and orders by *its* rowid, so that FTS5 hands
/// the matches over newest first and the page stops at its last row: as `id IN (SELECT rowid
/// …)` SQLite evaluated every match first (12,500 for a family name at a million members,
/// each checked against the text) and the page took 160 ms; joined, 1.2 ms, and the capped
/// count 8 ms instead of 133 (a 1M file, `EXPLAIN QUERY PLAN`: `SCAN member_search VIRTUAL
/// TABLE INDEX 192:G0<`).
#[derive(Clone)]
struct Matching {
    select: sea_orm::Select<member::Entity>,
    id: Expr,
}

impl Matching {
    fn by_member_id(condition: Condition) -> Self {
        Self {
            select: member::Entity::find().filter(condition),
            id: Expr::col((member::Entity, member::Column::Id)),
        }
    }

    /// Those with an id in `range`.
    fn within(&self, range: impl FnOnce(Expr) -> Expr) -> sea_orm::Select<member::Entity> {
        self.select.clone().filter(range(self.id.clone()))
    }

    /// Those with an id in `range`, newest or oldest first.
    fn from(
        &self,
        range: impl FnOnce(Expr) -> Expr,
        order: Order,
    ) -> sea_orm::Select<member::Entity> {
        self.within(range).order_by(self.id.clone(), order)
    }
}

/// The members the filter matches. A search that is a whole address, held by a member in
/// scope, finds that member by the address's own index: its common trigrams (`@example.org`)
/// are in every row, so the trigram index would read the whole table for it. Otherwise a
/// search matches names and addresses containing it.
async fn matching(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
) -> Result<Matching, DomainError> {
    let backend = conn.get_database_backend();
    let address = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| q.contains('@'))
        .and_then(|q| crate::EmailAddress::parse(q).ok());
    if let Some(address) = address {
        let exact = filters(scope, filter).add(member::Column::Email.eq(address.as_str()));
        let held = member::Entity::find()
            .select_only()
            .column(member::Column::Id)
            .filter(exact.clone())
            .into_tuple::<i64>()
            .one(conn)
            .await?;
        if held.is_some() {
            return Ok(Matching::by_member_id(exact));
        }
    }
    let searched = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(crate::search::fold);
    let rest = filters(scope, filter);
    // Both sides folded in Rust: SQLite's `lower()` and `LIKE` fold only A–Z.
    Ok(match (backend, searched) {
        (_, None) => Matching::by_member_id(rest),
        (DbBackend::Sqlite, Some(folded)) => {
            let table = Alias::new(SEARCH_TABLE);
            let rowid = Expr::col((table.clone(), Alias::new("rowid")));
            let mut select = member::Entity::find().filter(rest);
            QueryTrait::query(&mut select).inner_join(
                table.clone(),
                rowid.clone().equals((member::Entity, member::Column::Id)),
            );
            let select = select.filter(
                Expr::col((table, Alias::new("search_text")))
                    .binary(BinOper::Custom("GLOB"), glob_pattern(&folded)),
            );
            Matching { select, id: rowid }
        }
        (_, Some(folded)) => Matching::by_member_id(rest.add(search_condition(&folded))),
    })
}

/// Everything the filter asks but its search (`matching` adds that).
fn filters(scope: &Scope, filter: &Filter) -> Condition {
    let mut all = Condition::all().add(member::Column::Status.ne(Status::Erased));
    if let Scope::Chapters(ids) = scope {
        all = all.add(member::Column::ChapterId.is_in(ids.iter().copied()));
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
        all = if subscribed {
            all.add(newsletter_granted())
        } else {
            // No decision yet (NULL) is not a yes either.
            all.add(
                Condition::any()
                    .add(Expr::col((member::Entity, member::Column::NewsletterDecision)).is_null())
                    .add(newsletter_withdrawn()),
            )
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

/// Members whose latest newsletter decision is a yes: the ledger's latest row, as mirrored on
/// the member (`member::Model::newsletter_decision`), so that it is read from an index.
pub(crate) fn newsletter_granted() -> Expr {
    Expr::col((member::Entity, member::Column::NewsletterDecision)).eq(true)
}

/// Members who unsubscribed: their latest newsletter decision is a withdrawal.
pub(crate) fn newsletter_withdrawn() -> Expr {
    Expr::col((member::Entity, member::Column::NewsletterDecision)).eq(false)
}

/// Where a page of the list starts. Pages are read by id from a neighbour's edge (keyset),
/// not by an offset, so the last page costs what the first does at any size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cursor {
    /// The newest members.
    #[default]
    Newest,
    /// Those joined before the member with this id (the next page).
    Before(i64),
    /// Those joined after the member with this id (the previous page); `After(0)` is the
    /// oldest members, the last page.
    After(i64),
}

/// How many members a filter matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Total {
    Exact(u64),
    /// More than this many: a search or a filter the counts kept per chapter and status do
    /// not answer is counted only up to `COUNT_CAP`.
    MoreThan(u64),
}

/// How far a search is counted. Beyond it the organizer narrows the search or exports.
pub const COUNT_CAP: u64 = 1_000;

/// A page of the directory, newest first.
#[derive(Clone, Debug)]
pub struct Page {
    pub members: Vec<member::Model>,
    pub total: Total,
    /// Whether newer members match (a previous page exists).
    pub newer: bool,
    /// Whether older members match (a next page exists).
    pub older: bool,
}

/// A page of `per_page` members from `cursor`, and how many match in all. The page's ids are
/// read first, alone, from an index that also holds what the scope filters on
/// (`idx_members_id_status_chapter`), then those rows. The total comes from the member counts
/// kept by chapter and status (`stats::tallies`) when the filter is no more than those;
/// otherwise it is counted up to `COUNT_CAP`.
pub async fn page(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    cursor: Cursor,
    per_page: u64,
) -> Result<Page, DomainError> {
    let matching = matching(conn, scope, filter).await?;
    let total = total(conn, scope, filter, &matching.select).await?;
    let ids = |query| ids_of(conn, query);
    let exists = |query: sea_orm::Select<member::Entity>| async move {
        Ok::<_, DomainError>(!ids(query.limit(1)).await?.is_empty())
    };
    let (ids, newer, older) = match cursor {
        Cursor::Newest | Cursor::Before(_) => {
            // The newest page is "before the largest id" too: with a range on the id, SQLite
            // walks the id index backwards and stops at the page, where a chapter list in the
            // scope made it read every member of those chapters and sort them (0.1 s at 1M).
            let before = match cursor {
                Cursor::Before(id) => id,
                _ => i64::MAX,
            };
            let query = matching.from(|id| id.lt(before), Order::Desc);
            let mut ids = ids(query.limit(per_page + 1)).await?;
            let older = ids.len() as u64 > per_page;
            ids.truncate(usize::try_from(per_page).unwrap_or(usize::MAX));
            let newer = match (cursor, ids.first()) {
                (Cursor::Before(_), Some(&first)) => {
                    exists(matching.within(|id| id.gt(first))).await?
                }
                _ => false,
            };
            (ids, newer, older)
        }
        Cursor::After(id) => {
            let mut ids = ids(matching
                .from(|key| key.gt(id), Order::Asc)
                .limit(per_page + 1))
            .await?;
            let newer = ids.len() as u64 > per_page;
            ids.truncate(usize::try_from(per_page).unwrap_or(usize::MAX));
            let older = match ids.first() {
                Some(&oldest) => exists(matching.within(|id| id.lt(oldest))).await?,
                None => false,
            };
            ids.reverse();
            (ids, newer, older)
        }
    };
    if ids.is_empty() {
        // A cursor past either end (an old link, a member since erased): the way back to the
        // newest is offered whenever anyone matches.
        let newer = cursor != Cursor::Newest && total != Total::Exact(0);
        return Ok(Page {
            members: Vec::new(),
            total,
            newer,
            older: false,
        });
    }
    let rows = member::Entity::find()
        .filter(member::Column::Id.is_in(ids))
        .order_by_desc(member::Column::Id)
        .all(conn)
        .await?;
    Ok(Page {
        members: rows,
        total,
        newer,
        older,
    })
}

/// The ids `query` selects, alone (from an index that holds them, where there is one).
async fn ids_of(
    conn: &impl ConnectionTrait,
    query: sea_orm::Select<member::Entity>,
) -> Result<Vec<i64>, DomainError> {
    Ok(query
        .select_only()
        .column(member::Column::Id)
        .into_tuple()
        .all(conn)
        .await?)
}

async fn total(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    matching: &sea_orm::Select<member::Entity>,
) -> Result<Total, DomainError> {
    let only_kept_counts = filter.query.as_deref().is_none_or(|q| q.trim().is_empty())
        && filter.language.is_none()
        && filter.interest.is_none()
        && filter.newsletter.is_none();
    let status = match filter.status {
        None => Some(None),
        Some(Standing::Pending) => Some(Some(Status::Pending)),
        Some(Standing::Active) => Some(Some(Status::Active)),
        // Unsubscribed is read from the ledger's mirror on the member, not kept in the counts.
        Some(Standing::Unsubscribed) => None,
    };
    if let (true, Some(status)) = (only_kept_counts, status) {
        let n = crate::stats::tallies::count(conn, scope, filter.chapter_id, status).await?;
        return Ok(Total::Exact(n));
    }
    // Not `PaginatorTrait::count`, which drops the limit.
    let capped = matching
        .clone()
        .select_only()
        .column(member::Column::Id)
        .limit(COUNT_CAP + 1)
        .into_query();
    let counted = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(capped, Alias::new("capped"))
        .to_owned();
    let n: i64 = match conn.query_one(&counted).await? {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    let n = u64::try_from(n).unwrap_or(0);
    Ok(if n > COUNT_CAP {
        Total::MoreThan(COUNT_CAP)
    } else {
        Total::Exact(n)
    })
}

/// The next `limit` matching members after `after_id`, by id: the export reads the directory
/// in such chunks, so it never holds the whole of it. On SQLite, as for a page, the ids first,
/// from the index that holds the id with what the scope filters on, then those rows: asked
/// for whole rows at once, it read each chunk through the chapter index, every member of the
/// scope's chapters a chunk. (A 1M export still takes 43–56 s on SQLite: BENCHMARKS.md,
/// record II.) PostgreSQL walks the primary key either way, and the second round trip made
/// its export slower.
pub async fn chunk(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    after_id: i64,
    limit: u64,
) -> Result<Vec<member::Model>, DomainError> {
    let matching = matching(conn, scope, filter)
        .await?
        .from(|id| id.gt(after_id), Order::Asc)
        .limit(limit);
    if conn.get_database_backend() != DbBackend::Sqlite {
        return Ok(matching.all(conn).await?);
    }
    let ids = ids_of(conn, matching).await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(member::Entity::find()
        .filter(member::Column::Id.is_in(ids))
        .order_by_asc(member::Column::Id)
        .all(conn)
        .await?)
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
