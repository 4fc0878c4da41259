//! How far a send has gone, for the organizer: copies per state, the rate, the time left,
//! and the failures with their reasons.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::{DomainError, entities::outbox as outbox_row, outbox};

/// Where a send stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub queued: u64,
    pub sending: u64,
    pub sent: u64,
    pub failed: u64,
    /// Written but not sent: unsubscribed meanwhile, or the send was cancelled.
    pub skipped: u64,
    /// Sent in the last minute.
    pub sent_last_minute: u64,
}

impl Progress {
    pub fn remaining(&self) -> u64 {
        self.queued + self.sending
    }

    /// Messages a second over the last minute.
    pub fn rate(&self) -> f64 {
        self.sent_last_minute as f64 / 60.0
    }

    /// At the last minute's rate.
    pub fn time_left(&self) -> Option<Duration> {
        let rate = self.rate();
        (rate > 0.0 && self.remaining() > 0)
            .then(|| Duration::seconds((self.remaining() as f64 / rate).ceil() as i64))
    }
}

pub async fn progress(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Progress, DomainError> {
    let counts: Vec<(outbox::Status, i64)> = outbox_row::Entity::find()
        .select_only()
        .column(outbox_row::Column::Status)
        .column_as(outbox_row::Column::Id.count(), "n")
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .group_by(outbox_row::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    let mut p = Progress::default();
    for (status, n) in counts {
        let n = u64::try_from(n).unwrap_or(0);
        match status {
            outbox::Status::Queued => p.queued = n,
            outbox::Status::Sending => p.sending = n,
            outbox::Status::Sent => p.sent = n,
            outbox::Status::Failed => p.failed = n,
            outbox::Status::Cancelled => p.skipped += n,
        }
    }
    p.sent_last_minute = outbox_row::Entity::find()
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .filter(outbox_row::Column::Status.eq(outbox::Status::Sent))
        .filter(outbox_row::Column::SentAt.gt(now - Duration::minutes(1)))
        .count(conn)
        .await?;
    Ok(p)
}

/// The failed copies of a newsletter with their reasons, for the organizer.
pub async fn failures(
    conn: &impl ConnectionTrait,
    id: i64,
    limit: u64,
) -> Result<Vec<outbox_row::Model>, DomainError> {
    Ok(outbox_row::Entity::find()
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .filter(outbox_row::Column::Status.eq(outbox::Status::Failed))
        .order_by_asc(outbox_row::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}
