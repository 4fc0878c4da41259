//! Members counted by chapter, status, the day they joined and the day they confirmed, as the
//! triggers of migration `m20261207_000100_member_tallies` keep them on every write to
//! `members`: the dashboard and the members list's total read these few hundred rows instead
//! of grouping a million members on each view.

use chrono::NaiveDate;
use sea_orm::{
    ConnectionTrait, DbBackend, QueryResult,
    sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement, SimpleExpr},
};

use crate::{
    DomainError,
    membership::Status,
    organizers::Scope,
    stats::{ChapterStatusCount, StatusCount},
};

const TABLE: &str = "member_tallies";

fn col(name: &str) -> Expr {
    Expr::col((Alias::new(TABLE), Alias::new(name)))
}

/// The sum of a group's `n`, as a 64-bit integer (PostgreSQL's `SUM` of a `bigint` is a
/// `numeric`).
fn total() -> SimpleExpr {
    Expr::cust("CAST(SUM(n) AS BIGINT)")
}

/// Rows of the organizer's chapters, erased members left out.
fn in_scope(scope: &Scope) -> SelectStatement {
    let mut query = Query::select();
    query
        .from(Alias::new(TABLE))
        .and_where(col("status").ne(Status::Erased.as_str()));
    if let Scope::Chapters(ids) = scope {
        query.and_where(col("chapter_id").is_in(ids.iter().copied()));
    }
    query
}

/// The Monday of a stored day's week, as `YYYY-MM-DD`.
fn week_of(backend: DbBackend, column: &str) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => Expr::cust(format!(
            "to_char({column} - (extract(isodow from {column})::int - 1), 'YYYY-MM-DD')"
        )),
        // Six days back, then forward to the next Monday: the Monday on or before.
        _ => Expr::cust(format!("date({column}, '-6 days', 'weekday 1')")),
    }
}

async fn rows(
    conn: &impl ConnectionTrait,
    query: &SelectStatement,
) -> Result<Vec<QueryResult>, DomainError> {
    Ok(conn.query_all(query).await?)
}

/// Members by chapter and status (erased left out), groups of none dropped.
pub async fn by_chapter_status(
    conn: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<ChapterStatusCount>, DomainError> {
    let mut query = in_scope(scope);
    query
        .column(Alias::new("chapter_id"))
        .column(Alias::new("status"))
        .expr_as(total(), Alias::new("count"))
        .group_by_columns([Alias::new("chapter_id"), Alias::new("status")])
        .and_having(Expr::cust("SUM(n) <> 0"));
    rows(conn, &query)
        .await?
        .iter()
        .map(|row| {
            Ok(ChapterStatusCount {
                chapter_id: row.try_get("", "chapter_id")?,
                status: row.try_get("", "status")?,
                count: row.try_get("", "count")?,
            })
        })
        .collect()
}

/// Members by status, erased ones included, groups of none dropped: for the metrics endpoint.
pub async fn by_status(conn: &impl ConnectionTrait) -> Result<Vec<StatusCount>, DomainError> {
    let query = Query::select()
        .from(Alias::new(TABLE))
        .column(Alias::new("status"))
        .expr_as(total(), Alias::new("count"))
        .group_by_col(Alias::new("status"))
        .and_having(Expr::cust("SUM(n) <> 0"))
        .to_owned();
    rows(conn, &query)
        .await?
        .iter()
        .map(|row| {
            Ok(StatusCount {
                status: row.try_get("", "status")?,
                count: row.try_get("", "count")?,
            })
        })
        .collect()
}

/// How many members of the organizer's chapters there are, in `chapter` if given, with
/// `status` if given (any but erased otherwise).
pub async fn count(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    chapter: Option<i64>,
    status: Option<Status>,
) -> Result<u64, DomainError> {
    let mut query = in_scope(scope);
    query.expr_as(total(), Alias::new("count"));
    if let Some(id) = chapter {
        query.and_where(col("chapter_id").eq(id));
    }
    if let Some(status) = status {
        query.and_where(col("status").eq(status.as_str()));
    }
    let found = rows(conn, &query).await?;
    let count: Option<i64> = match found.first() {
        Some(row) => row.try_get("", "count")?,
        None => None,
    };
    Ok(u64::try_from(count.unwrap_or(0)).unwrap_or(0))
}

/// Sign-ups by chapter and week (Monday, `YYYY-MM-DD`) since `since`, erased members
/// included: they did sign up.
pub async fn joined_by_week(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    since: NaiveDate,
) -> Result<Vec<(i64, String, i64)>, DomainError> {
    let week = week_of(conn.get_database_backend(), "joined_on");
    let mut query = Query::select();
    query
        .from(Alias::new(TABLE))
        .column(Alias::new("chapter_id"))
        .expr_as(week.clone(), Alias::new("week"))
        .expr_as(total(), Alias::new("n"))
        .and_where(col("joined_on").gte(since_value(conn, since)))
        .group_by_col(Alias::new("chapter_id"))
        .add_group_by([week]);
    if let Scope::Chapters(ids) = scope {
        query.and_where(col("chapter_id").is_in(ids.iter().copied()));
    }
    rows(conn, &query)
        .await?
        .iter()
        .map(|row| {
            Ok((
                row.try_get("", "chapter_id")?,
                row.try_get("", "week")?,
                row.try_get("", "n")?,
            ))
        })
        .collect()
}

/// Today's active members by the week they confirmed in, since `since`.
pub async fn confirmed_by_week(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    since: NaiveDate,
) -> Result<Vec<(String, i64)>, DomainError> {
    let week = week_of(conn.get_database_backend(), "confirmed_on");
    let mut query = in_scope(scope);
    query
        .expr_as(week.clone(), Alias::new("week"))
        .expr_as(total(), Alias::new("n"))
        .and_where(col("status").eq(Status::Active.as_str()))
        // Not confirmed is `NULL` on PostgreSQL, `''` on SQLite: neither is after a day.
        .and_where(col("confirmed_on").gte(since_value(conn, since)))
        .add_group_by([week]);
    rows(conn, &query)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("", "week")?, row.try_get("", "n")?)))
        .collect()
}

/// A day as the table stores it: a `DATE` on PostgreSQL, `YYYY-MM-DD` text on SQLite.
fn since_value(conn: &impl ConnectionTrait, day: NaiveDate) -> sea_orm::Value {
    match conn.get_database_backend() {
        DbBackend::Postgres => day.into(),
        _ => day.format("%Y-%m-%d").to_string().into(),
    }
}

/// Folds the rows PostgreSQL's triggers appended into one per group (the `+1` and `-1` of a
/// sign-up, a confirmation, a move, an erasure), dropping groups that sum to none. One
/// statement: rows appended while it runs are not in its snapshot and wait for the next fold,
/// and two instances folding at once each fold only the rows they deleted. SQLite keeps one
/// row per group already.
pub async fn fold(conn: &impl ConnectionTrait) -> Result<u64, DomainError> {
    if conn.get_database_backend() != DbBackend::Postgres {
        return Ok(0);
    }
    let done = conn
        .execute_unprepared(
            "WITH groups AS (SELECT chapter_id, status, joined_on, confirmed_on \
             FROM member_tallies GROUP BY chapter_id, status, joined_on, confirmed_on \
             HAVING COUNT(*) > 1 OR SUM(n) = 0), \
             gone AS (DELETE FROM member_tallies t USING groups g \
             WHERE t.chapter_id = g.chapter_id AND t.status = g.status \
             AND t.joined_on = g.joined_on \
             AND t.confirmed_on IS NOT DISTINCT FROM g.confirmed_on \
             RETURNING t.chapter_id, t.status, t.joined_on, t.confirmed_on, t.n) \
             INSERT INTO member_tallies (chapter_id, status, joined_on, confirmed_on, n) \
             SELECT chapter_id, status, joined_on, confirmed_on, SUM(n) FROM gone \
             GROUP BY chapter_id, status, joined_on, confirmed_on HAVING SUM(n) <> 0",
        )
        .await?;
    Ok(done.rows_affected())
}
