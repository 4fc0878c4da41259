//! The outbox worker: claims due rows, delivers them, and records what happened. A temporary
//! failure is retried with exponential backoff and jitter; after the last attempt, or on a
//! permanent refusal, the row is marked failed with its error. Nothing is deleted.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use domain::{Db, DomainError, account, entities::outbox as row, outbox};
use futures::StreamExt;
use lettre::message::Mailbox;
use rand::Rng;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::{
    message,
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
        }
    }
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

impl Pass {
    pub fn handled(&self) -> usize {
        self.sent + self.retried + self.failed
    }
}

#[derive(Clone)]
pub struct Worker {
    db: Db,
    transport: Arc<Transport>,
    from: Mailbox,
    settings: WorkerSettings,
    wake: Arc<Notify>,
}

impl Worker {
    pub fn new(db: Db, transport: Arc<Transport>, from: Mailbox, settings: WorkerSettings) -> Self {
        Self {
            db,
            transport,
            from,
            settings,
            wake: Arc::new(Notify::new()),
        }
    }

    /// Wakes the worker when a request has just queued mail, so it goes out at once.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Runs until `stop` is cancelled. Rows claimed when it stops are finished first.
    pub async fn run(&self, stop: CancellationToken) {
        info!("outbox worker started");
        loop {
            if stop.is_cancelled() {
                break;
            }
            let handled = match self.run_once(Utc::now()).await {
                Ok(pass) => pass.handled(),
                Err(e) => {
                    warn!(error = %e, "outbox pass failed");
                    0
                }
            };
            if handled == 0 {
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = self.wake.notified() => {}
                    _ = tokio::time::sleep(self.settings.poll_interval) => {}
                }
            }
        }
        info!("outbox worker stopped");
    }

    /// One pass at time `now`: claim a batch, deliver it, record the results.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<Pass, DomainError> {
        let lease = chrono::Duration::from_std(self.settings.lease)
            .map_err(|_| DomainError::Inconsistent("lease out of range"))?;
        let rows = outbox::claim(self.db.writer(), now, self.settings.batch_size, lease).await?;
        let member_ids: Vec<i64> = rows.iter().filter_map(|row| row.member_id).collect();
        let erased = account::erased_among(self.db.reader(), &member_ids).await?;
        let erased = &erased;
        let mut results = futures::stream::iter(rows)
            .map(|row| async move {
                let is_erased = row.member_id.is_some_and(|id| erased.contains(&id));
                // An erased member gets the goodbye they were promised and nothing else, whatever
                // queued it.
                let result = if is_erased && row.kind != account::GOODBYE_MAIL {
                    Err(SendError::Permanent("recipient erased: refused".into()))
                } else {
                    self.deliver(&row).await
                };
                (row, result, is_erased)
            })
            .buffer_unordered(self.settings.concurrency.max(1));
        let mut pass = Pass::default();
        while let Some((row, result, is_erased)) = results.next().await {
            self.record(&row, result, now, &mut pass).await?;
            if is_erased {
                outbox::forget_recipient(self.db.writer(), row.id).await?;
            }
        }
        Ok(pass)
    }

    async fn deliver(&self, row: &row::Model) -> Result<String, SendError> {
        let outgoing =
            message::build(&self.from, row).map_err(|e| SendError::Permanent(e.to_string()))?;
        self.transport.send(&outgoing, &row.body_text).await?;
        Ok(outgoing.message_id)
    }

    async fn record(
        &self,
        row: &row::Model,
        result: Result<String, SendError>,
        now: DateTime<Utc>,
        pass: &mut Pass,
    ) -> Result<(), DomainError> {
        let conn = self.db.writer();
        let to = domain::email::mask(&row.recipient);
        match result {
            Ok(message_id) => {
                outbox::mark_sent(conn, row.id, &message_id, Utc::now().max(now)).await?;
                info!(id = row.id, kind = %row.kind, %to, %message_id, "mail sent");
                pass.sent += 1;
            }
            Err(SendError::Temporary(e)) if row.attempts < self.settings.max_attempts => {
                let at = now + self.backoff(row.attempts);
                outbox::retry_later(conn, row.id, &e, at).await?;
                warn!(id = row.id, kind = %row.kind, %to, attempt = row.attempts, error = %e, retry_at = %at, "mail delayed");
                pass.retried += 1;
            }
            Err(e) => {
                outbox::mark_failed(conn, row.id, &e.to_string()).await?;
                warn!(id = row.id, kind = %row.kind, %to, attempt = row.attempts, error = %e, "mail failed");
                pass.failed += 1;
            }
        }
        Ok(())
    }

    /// `backoff × 2^(attempt-1)`, capped at an hour, with ±20 % jitter so retries spread out.
    fn backoff(&self, attempt: i32) -> chrono::Duration {
        let exponent = attempt.clamp(1, 16) - 1;
        let base = self.settings.backoff.as_secs_f64() * 2f64.powi(exponent);
        let capped = base.min(3600.0);
        let jitter = rand::rng().random_range(0.8..=1.2);
        chrono::Duration::milliseconds((capped * jitter * 1000.0) as i64)
    }
}
