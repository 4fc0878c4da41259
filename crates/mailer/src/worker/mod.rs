//! The outbox worker: claims due rows, delivers them, and records what happened. A temporary
//! failure is retried with exponential backoff and jitter; after the last attempt, or on a
//! permanent refusal, the row is marked failed with its error. Nothing is deleted.
//!
//! Each message is recorded as sent just before it is final (see `transport::Commit`), only
//! if this worker's claim still holds, so a worker killed mid-send or overtaken by another
//! after its lease ran out never sends a second copy. The messages waiting at their final dot
//! at one moment are recorded together (`marks`).
//!
//! Newsletter copies are written without a body: the worker renders each newsletter once per
//! language, gives each copy its recipient's own unsubscribe link, and skips a member who
//! unsubscribed after sending started. The record of each delivery checks again, at the final
//! dot, that the copy may still go out (consent, erasure, suspension, its newsletter still
//! sending): a copy refused there is not finished, and is skipped or, for a paused newsletter,
//! put back in the queue. Before each copy the worker also checks that its own settings
//! identify the sender as CASL requires; if not, it holds the newsletter back (paused, with
//! the reason for the organizer) and sends none.
//!
//! Two lanes run side by side, each claiming its own rows: transactional mail (confirmations,
//! sign-in links, registrations, account notices) never waits for a bulk batch (newsletter
//! copies, messages to registrants) in flight, has SMTP connections of its own, and goes first
//! under the rate cap.
//!
//! This module runs the lanes; `newsletter_copies` prepares the copies of a newsletter and
//! `delivery` sends one row and records what became of it.

mod delivery;
mod newsletter_copies;

use delivery::Undelivered;

use std::{
    collections::{HashMap, HashSet},
    num::NonZeroU32,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::{DateTime, Utc};
use domain::{
    Db, DomainError, Language, account, newsletters,
    outbox::{self, Lane},
};
use futures::StreamExt;
use lettre::message::Mailbox;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::{
    Brand,
    compose::newsletter::Template,
    marks::SentMarks,
    pace::Pacer,
    transport::{SendError, Transport},
};

#[derive(Clone, Debug)]
pub struct WorkerSettings {
    /// Rows claimed at once.
    pub batch_size: u64,
    /// Messages in flight at once.
    pub concurrency: usize,
    /// How long a claim holds before another worker may take the row over.
    pub lease: Duration,
    pub max_attempts: i32,
    /// The first retry waits this long; each further one twice as long, up to an hour.
    pub backoff: Duration,
    /// How often an idle worker looks for due rows when nobody wakes it.
    pub poll_interval: Duration,
    /// Messages a second this worker sends at most (for relays that cap it); 0 for no limit.
    pub rate_per_second: u32,
    /// Permanent refusals of an address after which newsletters to it stop.
    pub hard_bounce_limit: u32,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            batch_size: 64,
            concurrency: 4,
            lease: Duration::from_secs(300),
            max_attempts: 8,
            backoff: Duration::from_secs(30),
            poll_interval: Duration::from_secs(2),
            rate_per_second: 0,
            hard_bounce_limit: 3,
        }
    }
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    /// Copies not sent because they may no longer go out: their member no longer wants them,
    /// was erased, or their newsletter was cancelled.
    pub skipped: usize,
}

impl std::ops::AddAssign for Pass {
    fn add_assign(&mut self, other: Pass) {
        self.sent += other.sent;
        self.retried += other.retried;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

impl Pass {
    pub fn handled(&self) -> usize {
        self.sent + self.retried + self.failed + self.skipped
    }
}

type Templates = HashMap<(i64, Language), Option<Arc<Template>>>;

#[derive(Clone)]
pub struct Worker {
    db: Db,
    transport: Arc<Transport>,
    from: Mailbox,
    brand: Brand,
    settings: WorkerSettings,
    wake: Arc<Notify>,
    /// Wakes each lane's loop; `wake` is forwarded to both.
    lane_wakes: Arc<[Notify; 2]>,
    pacer: Option<Arc<Pacer>>,
    /// A newsletter cannot change once it is sending, so its rendering is kept.
    templates: Arc<Mutex<Templates>>,
    marks: SentMarks,
}

impl Worker {
    pub fn new(
        db: Db,
        transport: Arc<Transport>,
        from: Mailbox,
        brand: Brand,
        settings: WorkerSettings,
    ) -> Self {
        let pacer =
            NonZeroU32::new(settings.rate_per_second).map(|rate| Arc::new(Pacer::new(rate)));
        Self {
            marks: SentMarks::new(db.clone()),
            db,
            transport,
            from,
            brand,
            settings,
            wake: Arc::new(Notify::new()),
            lane_wakes: Arc::new([Notify::new(), Notify::new()]),
            pacer,
            templates: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Wakes the worker when a request has just queued mail, so it goes out at once.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Runs until `stop` is cancelled, both lanes side by side. Rows claimed when it stops
    /// are finished first.
    pub async fn run(&self, stop: CancellationToken) {
        info!("outbox worker started");
        let forward = async {
            loop {
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = self.wake.notified() => {
                        for wake in self.lane_wakes.iter() {
                            wake.notify_one();
                        }
                    }
                }
            }
        };
        tokio::join!(
            forward,
            self.run_lane(Lane::Transactional, &stop),
            self.run_lane(Lane::Bulk, &stop)
        );
        info!("outbox worker stopped");
    }

    async fn run_lane(&self, lane: Lane, stop: &CancellationToken) {
        let wake = &self.lane_wakes[lane as usize];
        loop {
            if stop.is_cancelled() {
                break;
            }
            let handled = match self.run_lane_once(lane, Utc::now()).await {
                Ok(pass) => pass.handled(),
                Err(e) => {
                    warn!(error = %e, lane = lane.as_str(), "outbox pass failed");
                    0
                }
            };
            if handled == 0 {
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(self.settings.poll_interval) => {}
                }
            }
        }
    }

    /// One pass at time `now`: a batch of each lane, transactional first.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<Pass, DomainError> {
        let mut pass = self.run_lane_once(Lane::Transactional, now).await?;
        pass += self.run_lane_once(Lane::Bulk, now).await?;
        Ok(pass)
    }

    /// One pass of one lane: claim a batch, deliver it, record the results.
    pub async fn run_lane_once(&self, lane: Lane, now: DateTime<Utc>) -> Result<Pass, DomainError> {
        let lease = chrono::Duration::from_std(self.settings.lease)
            .map_err(|_| DomainError::Inconsistent("lease out of range"))?;
        let rows = outbox::claim_lane(self.db.writer(), lane, now, self.settings.batch_size, lease)
            .await?;
        let mut pass = Pass::default();
        if rows.is_empty() {
            return Ok(pass);
        }
        let rows = self.prepare_newsletters(rows, now, &mut pass).await?;
        let member_ids: Vec<i64> = rows.iter().filter_map(|row| row.member_id).collect();
        let erased = account::erased_among(self.db.reader(), &member_ids).await?;
        let erased = &erased;
        // Newsletters found stopped (paused, cancelled) during this batch: their other copies
        // are not tried.
        let stopped = Mutex::new(HashSet::new());
        let stopped = &stopped;
        // Every delivery finishes before anything is recorded: a delivery records itself as it
        // becomes final, through the writer (SQLite has one connection), and must not wait on
        // a record that waits on it.
        let results: Vec<_> = futures::stream::iter(rows)
            .map(|row| async move {
                let is_erased = row.member_id.is_some_and(|id| erased.contains(&id));
                // An erased member gets the goodbye they were promised and nothing else, whatever
                // queued it.
                let result = if is_erased && row.kind != account::GOODBYE_MAIL {
                    Err(Undelivered::Send(SendError::Invalid(
                        "recipient erased: refused".into(),
                    )))
                } else {
                    self.deliver(&row, lane, stopped).await
                };
                (row, result, is_erased)
            })
            .buffer_unordered(self.settings.concurrency.max(1))
            .collect()
            .await;
        let mut sent = Vec::new();
        for (row, result, is_erased) in results {
            // A newsletter copy's body was never stored: nothing to empty.
            if result.is_ok() && row.kind != newsletters::MAIL_KIND {
                sent.push(row.id);
            }
            self.record(&row, result, now, &mut pass).await?;
            if is_erased {
                outbox::forget_recipient(self.db.writer(), row.id).await?;
            }
        }
        outbox::clear_bodies(self.db.writer(), &sent).await?;
        Ok(pass)
    }
}
