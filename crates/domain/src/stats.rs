//! The figures of the back office dashboard (its charts' are in `charts`), and the counts the
//! metrics endpoint serves.

pub mod charts;
pub mod tallies;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
    sea_query::{Expr, Func},
};

use crate::{
    DomainError,
    directory::{self, Standing},
    entities::{member, outbox},
    membership::Status,
    organizers::Scope,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChapterStatusCount {
    pub chapter_id: i64,
    pub status: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dashboard {
    /// Members by chapter and status (pending, active), and by chapter those of the active
    /// who unsubscribed (`unsubscribed`, a part of `active`).
    pub by_chapter_status: Vec<ChapterStatusCount>,
    /// Sign-ups per week by chapter and members over time.
    pub weekly: charts::Weekly,
    /// The next events' seats and waitlists.
    pub events: Vec<charts::EventFill>,
    /// The latest newsletters' sends.
    pub newsletters: Vec<charts::NewsletterSends>,
    pub pending: u64,
    pub mail_sent: u64,
    pub mail_failed: u64,
    pub mail_queued: u64,
}

fn chapter_filter(scope: &Scope) -> sea_orm::Condition {
    match scope {
        Scope::All => sea_orm::Condition::all(),
        Scope::Chapters(ids) => {
            sea_orm::Condition::all().add(member::Column::ChapterId.is_in(ids.iter().copied()))
        }
    }
}

/// Monday of the week `day` is in.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

pub async fn dashboard(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<Dashboard, DomainError> {
    let by_chapter_status = tallies::by_chapter_status(conn, scope).await?;
    // Of the active members, those who unsubscribed, as the ledger says.
    let unsubscribed: Vec<(i64, i64)> = member::Entity::find()
        .select_only()
        .column(member::Column::ChapterId)
        .column_as(Expr::cust("COUNT(*)"), "count")
        .filter(chapter_filter(scope))
        .filter(member::Column::Status.eq(Status::Active))
        .filter(directory::newsletter_withdrawn())
        .group_by(member::Column::ChapterId)
        .into_tuple()
        .all(conn)
        .await?;
    let mut by_chapter_status = by_chapter_status;
    by_chapter_status.extend(unsubscribed.into_iter().map(|(chapter_id, count)| {
        ChapterStatusCount {
            chapter_id,
            status: Standing::Unsubscribed.as_str().to_owned(),
            count,
        }
    }));

    let active_now: i64 = by_chapter_status
        .iter()
        .filter(|row| row.status == Status::Active.as_str())
        .map(|row| row.count)
        .sum();
    let weekly = charts::weekly(conn, scope, u64::try_from(active_now).unwrap_or(0), now).await?;
    let events = charts::event_fill(conn, scope, now).await?;
    let newsletters = charts::newsletter_sends(conn, scope).await?;

    let pending = by_chapter_status
        .iter()
        .filter(|row| row.status == Status::Pending.as_str())
        .map(|row| u64::try_from(row.count).unwrap_or(0))
        .sum();
    // Mail counts follow the members in scope; mail to nobody in particular counts for admins.
    let mail = |status: crate::outbox::Status| {
        let mut query = outbox::Entity::find().filter(outbox::Column::Status.eq(status));
        if let Scope::Chapters(ids) = scope {
            let in_scope = member::Entity::find()
                .select_only()
                .column(member::Column::Id)
                .filter(member::Column::ChapterId.is_in(ids.iter().copied()))
                .into_query();
            query = query.filter(outbox::Column::MemberId.in_subquery(in_scope));
        }
        query
    };
    Ok(Dashboard {
        by_chapter_status,
        weekly,
        events,
        newsletters,
        pending,
        mail_sent: mail(crate::outbox::Status::Sent).count(conn).await?,
        mail_failed: mail(crate::outbox::Status::Failed).count(conn).await?,
        mail_queued: mail(crate::outbox::Status::Queued).count(conn).await?,
    })
}

#[derive(Clone, Debug, PartialEq, Eq, FromQueryResult)]
pub struct StatusCount {
    pub status: String,
    pub count: i64,
}

/// Outbox rows by status (queued, sending, sent, failed…), for the metrics endpoint.
pub async fn outbox_by_status(
    conn: &impl ConnectionTrait,
) -> Result<Vec<StatusCount>, DomainError> {
    Ok(outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Status)
        .column_as(
            Expr::from(Func::count(Expr::col(outbox::Column::Id))),
            "count",
        )
        .group_by(outbox::Column::Status)
        .into_model::<StatusCount>()
        .all(conn)
        .await?)
}

/// One lane of the outbox at one moment, for the metrics endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneBacklog {
    pub lane: crate::outbox::Lane,
    pub queued: i64,
    pub sending: i64,
    /// How long the head of the lane (its first due row, which the next claim takes) has been
    /// due, in seconds; 0 when none is due.
    pub oldest_due_seconds: f64,
}

/// The backlog of each lane: open rows by status, and how long its head has waited. Reads
/// only open rows, through `idx_outbox_open_lane`.
pub async fn outbox_lanes(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<LaneBacklog>, DomainError> {
    let mut lanes = Vec::new();
    for lane in crate::outbox::Lane::ALL {
        let open = || {
            outbox::Entity::find()
                .filter(Expr::cust("status IN ('queued', 'sending')"))
                .filter(outbox::Column::Lane.eq(lane))
        };
        let counts: Vec<(crate::outbox::Status, i64)> = open()
            .select_only()
            .column(outbox::Column::Status)
            .column_as(Expr::from(Func::count(Expr::col(outbox::Column::Id))), "n")
            .group_by(outbox::Column::Status)
            .into_tuple()
            .all(conn)
            .await?;
        let count = |status: crate::outbox::Status| {
            counts
                .iter()
                .find(|(s, _)| *s == status)
                .map_or(0, |(_, n)| *n)
        };
        let oldest: Option<DateTime<Utc>> = open()
            .filter(outbox::Column::Status.eq(crate::outbox::Status::Queued))
            .filter(outbox::Column::NextAttemptAt.lte(now))
            .select_only()
            .column(outbox::Column::NextAttemptAt)
            .order_by(outbox::Column::Id, sea_orm::Order::Asc)
            .into_tuple()
            .one(conn)
            .await?;
        lanes.push(LaneBacklog {
            lane,
            queued: count(crate::outbox::Status::Queued),
            sending: count(crate::outbox::Status::Sending),
            oldest_due_seconds: oldest.map_or(0.0, |at| {
                (now - at).num_milliseconds().max(0) as f64 / 1000.0
            }),
        });
    }
    Ok(lanes)
}
