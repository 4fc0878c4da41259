//! The figures behind the dashboard's charts, for the chapters an organizer runs: sign-ups per
//! week by chapter and members over time, the fill of upcoming events, and how newsletter sends
//! went. Each chart is one grouped query (plus the few rows it is about), never a query per
//! member or per copy, so the page stays cheap with a million members: weeks are bucketed by
//! the database, on indexed dates.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
    sea_query::{Expr, Func, SimpleExpr},
};

use super::{tallies, week_of};
use crate::{
    DomainError, Localized,
    consent::Purpose,
    entities::{consent, event, member, newsletter, outbox, registration},
    events::{EventStatus, RegistrationStatus},
    newsletters,
    organizers::Scope,
};

/// How many weeks the weekly charts cover, this one included.
pub const WEEKS: usize = 26;
/// How many upcoming events the fill chart shows, soonest first.
pub const EVENTS: u64 = 8;
/// How many newsletters the sends chart shows, latest first.
pub const NEWSLETTERS: usize = 6;

/// The weekly charts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weekly {
    /// Monday of each week, oldest first; the last is this week.
    pub weeks: Vec<NaiveDate>,
    /// Sign-ups by chapter (those with at least one), one count per week.
    pub signups: Vec<(i64, Vec<u64>)>,
    /// Active members at the end of each week (this week: now): today's members by the day
    /// they confirmed.
    pub members: Vec<u64>,
}

/// An upcoming event's seats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventFill {
    pub id: i64,
    pub title: Localized,
    pub starts_at: DateTime<Utc>,
    /// `None` is unlimited.
    pub capacity: Option<u64>,
    pub confirmed: u64,
    pub waitlisted: u64,
}

/// How one newsletter's send went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewsletterSends {
    pub id: i64,
    pub subject: Localized,
    pub started_at: DateTime<Utc>,
    pub sent: u64,
    pub failed: u64,
    /// Newsletter consents withdrawn from its start until the next newsletter shown started
    /// (or now), by members of the organizer's chapters.
    pub unsubscribes: u64,
}

fn members_in(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Chapters(ids) => {
            Condition::all().add(member::Column::ChapterId.is_in(ids.iter().copied()))
        }
    }
}

fn count_of(column: impl sea_orm::sea_query::IntoColumnRef) -> SimpleExpr {
    Expr::from(Func::count(Expr::col(column)))
}

/// Spreads `(week, count)` rows over `weeks`; weeks outside are dropped.
fn by_week(weeks: &[NaiveDate], rows: impl IntoIterator<Item = (String, i64)>) -> Vec<u64> {
    let mut counts = vec![0; weeks.len()];
    for (week, n) in rows {
        let index = week
            .parse::<NaiveDate>()
            .ok()
            .and_then(|w| weeks.iter().position(|d| *d == w));
        if let Some(i) = index {
            counts[i] += u64::try_from(n).unwrap_or(0);
        }
    }
    counts
}

/// Sign-ups per week by chapter, and members at the end of each week. `active_now` is the
/// number of active members in scope now (the dashboard has counted them already).
pub async fn weekly(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    active_now: u64,
    now: DateTime<Utc>,
) -> Result<Weekly, DomainError> {
    let this_week = week_of(now.date_naive());
    let weeks: Vec<NaiveDate> = (0..WEEKS as i64)
        .rev()
        .map(|back| this_week - Duration::weeks(back))
        .collect();
    let rows = tallies::joined_by_week(conn, scope, weeks[0]).await?;
    let mut chapters: Vec<i64> = rows.iter().map(|(c, _, _)| *c).collect();
    chapters.sort_unstable();
    chapters.dedup();
    let signups = chapters
        .into_iter()
        .map(|chapter| {
            let rows = rows
                .iter()
                .filter(|(c, _, _)| *c == chapter)
                .map(|(_, w, n)| (w.clone(), *n));
            (chapter, by_week(&weeks, rows))
        })
        .collect();

    // Today's members who confirmed in each week; those at the end of a week are today's
    // members less those who confirmed after it.
    let rows = tallies::confirmed_by_week(conn, scope, weeks[0]).await?;
    let confirmations = by_week(&weeks, rows);
    let mut members = vec![0; weeks.len()];
    let mut later = 0u64;
    for i in (0..weeks.len()).rev() {
        members[i] = active_now.saturating_sub(later);
        later += confirmations[i];
    }
    Ok(Weekly {
        weeks,
        signups,
        members,
    })
}

/// The next published events of the organizer's chapters, with their seats and waitlists.
pub async fn event_fill(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<Vec<EventFill>, DomainError> {
    let mut query = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::StartsAt.gt(now));
    if let Scope::Chapters(ids) = scope {
        query = query.filter(event::Column::ChapterId.is_in(ids.iter().copied()));
    }
    let events = query
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .limit(EVENTS)
        .all(conn)
        .await?;
    let waitlists: Vec<(i64, i64)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::EventId)
        .column_as(count_of(registration::Column::Id), "n")
        .filter(registration::Column::EventId.is_in(events.iter().map(|e| e.id)))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .group_by(registration::Column::EventId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(events
        .into_iter()
        .map(|e| EventFill {
            waitlisted: waitlists
                .iter()
                .find(|(id, _)| *id == e.id)
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0)),
            id: e.id,
            capacity: e.capacity.and_then(|c| u64::try_from(c).ok()),
            confirmed: u64::try_from(e.seats_taken).unwrap_or(0),
            title: e.title,
            starts_at: e.starts_at,
        })
        .collect())
}

/// The latest newsletters sent (or sending) to the organizer's chapters: copies sent and
/// failed, and the unsubscribes that followed each.
pub async fn newsletter_sends(
    conn: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<NewsletterSends>, DomainError> {
    use newsletters::Status as S;
    // Newsletters are few: their audience (a JSON list of chapters) is checked here.
    let started: Vec<newsletter::Model> = newsletter::Entity::find()
        .filter(newsletter::Column::StartedAt.is_not_null())
        .filter(newsletter::Column::Status.is_in([S::Sending, S::Paused, S::Sent]))
        .order_by_desc(newsletter::Column::StartedAt)
        .order_by_desc(newsletter::Column::Id)
        .all(conn)
        .await?;
    let mut shown: Vec<(newsletter::Model, DateTime<Utc>)> = started
        .into_iter()
        .filter(|n| n.within(scope))
        .filter_map(|n| n.started_at.map(|at| (n, at)))
        .take(NEWSLETTERS)
        .collect();
    shown.reverse();
    let Some((_, first_start)) = shown.first().cloned() else {
        return Ok(Vec::new());
    };

    let copies: Vec<(i64, crate::outbox::Status, i64)> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::NewsletterId)
        .column(outbox::Column::Status)
        .column_as(count_of(outbox::Column::Id), "n")
        .filter(outbox::Column::NewsletterId.is_in(shown.iter().map(|(n, _)| n.id)))
        .group_by(outbox::Column::NewsletterId)
        .group_by(outbox::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;

    // Each withdrawal goes to the newsletter whose window it falls in: the latest start at or
    // before it (the CASE tries the latest first).
    let mut window = Expr::case(
        consent::Column::CreatedAt.gte(shown[shown.len() - 1].1),
        (shown.len() - 1) as i64,
    );
    for (i, (_, start)) in shown.iter().enumerate().rev().skip(1) {
        window = window.case(consent::Column::CreatedAt.gte(*start), i as i64);
    }
    let window: SimpleExpr = window.finally(-1i64).into();
    // Grouped by its alias: PostgreSQL would not see two copies of a CASE with bound values
    // as the same expression.
    let in_scope = member::Entity::find()
        .select_only()
        .column(member::Column::Id)
        .filter(members_in(scope))
        .into_query();
    let mut withdrawals = consent::Entity::find()
        .select_only()
        .column_as(window, "slot")
        .column_as(count_of(consent::Column::Id), "n")
        .filter(consent::Column::Purpose.eq(Purpose::Newsletter))
        .filter(consent::Column::Granted.eq(false))
        .filter(consent::Column::CreatedAt.gte(first_start));
    if matches!(scope, Scope::Chapters(_)) {
        withdrawals = withdrawals.filter(consent::Column::MemberId.in_subquery(in_scope));
    }
    let withdrawals: Vec<(i64, i64)> = withdrawals
        .group_by(Expr::cust("slot"))
        .into_tuple()
        .all(conn)
        .await?;

    let count = |id: i64, status: crate::outbox::Status| {
        copies
            .iter()
            .filter(|(n, s, _)| *n == id && *s == status)
            .map(|(_, _, n)| u64::try_from(*n).unwrap_or(0))
            .sum()
    };
    Ok(shown
        .into_iter()
        .enumerate()
        .map(|(i, (n, started_at))| NewsletterSends {
            sent: count(n.id, crate::outbox::Status::Sent),
            failed: count(n.id, crate::outbox::Status::Failed),
            unsubscribes: withdrawals
                .iter()
                .find(|(w, _)| *w == i as i64)
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0)),
            id: n.id,
            subject: n.subject,
            started_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_are_spread_and_strangers_dropped() {
        let monday = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
        let weeks = [monday(16), monday(23), monday(30)];
        let rows = [
            ("2026-11-23".to_owned(), 4),
            ("2026-11-30".to_owned(), 1),
            ("2026-11-09".to_owned(), 7),
            ("garbage".to_owned(), 9),
        ];
        assert_eq!(by_week(&weeks, rows), [0, 4, 1]);
    }
}
