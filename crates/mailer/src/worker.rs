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
//! unsubscribed after sending started.

use std::{
    collections::HashMap,
    num::NonZeroU32,
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

use chrono::{DateTime, Utc};
use domain::{
    Db, DomainError, Language, account, entities::outbox as row, newsletters, outbox, token,
};
use futures::StreamExt;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use lettre::message::Mailbox;
use rand::Rng;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::{
    Brand,
    compose::newsletter::Template,
    marks::SentMarks,
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
    /// Newsletter copies not sent because their member no longer wants them.
    pub skipped: usize,
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
    limiter: Option<Arc<DefaultDirectRateLimiter>>,
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
        let limiter = NonZeroU32::new(settings.rate_per_second)
            .map(|rate| Arc::new(RateLimiter::direct(Quota::per_second(rate))));
        Self {
            marks: SentMarks::new(db.clone()),
            db,
            transport,
            from,
            brand,
            settings,
            wake: Arc::new(Notify::new()),
            limiter,
            templates: Arc::new(Mutex::new(HashMap::new())),
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
        let mut pass = Pass::default();
        let rows = self.prepare_newsletters(rows, now, &mut pass).await?;
        let member_ids: Vec<i64> = rows.iter().filter_map(|row| row.member_id).collect();
        let erased = account::erased_among(self.db.reader(), &member_ids).await?;
        let erased = &erased;
        // Every delivery finishes before anything is recorded: a delivery records itself as it
        // becomes final, through the writer (SQLite has one connection), and must not wait on
        // a record that waits on it.
        let results: Vec<_> = futures::stream::iter(rows)
            .map(|row| async move {
                let is_erased = row.member_id.is_some_and(|id| erased.contains(&id));
                // An erased member gets the goodbye they were promised and nothing else, whatever
                // queued it.
                let result = if is_erased && row.kind != account::GOODBYE_MAIL {
                    Err(SendError::Invalid("recipient erased: refused".into()))
                } else {
                    self.deliver(&row).await
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

    /// Newsletter copies come without a body: skips those whose member no longer wants them,
    /// gives the others an unsubscribe link of their own (one write for the batch) and renders
    /// them. Other rows pass through as they are.
    async fn prepare_newsletters(
        &self,
        rows: Vec<row::Model>,
        now: DateTime<Utc>,
        pass: &mut Pass,
    ) -> Result<Vec<row::Model>, DomainError> {
        let (copies, mut ready): (Vec<row::Model>, Vec<row::Model>) = rows
            .into_iter()
            .partition(|row| row.kind == newsletters::MAIL_KIND && row.newsletter_id.is_some());
        if copies.is_empty() {
            return Ok(ready);
        }
        let member_ids: Vec<i64> = copies.iter().filter_map(|row| row.member_id).collect();
        let wanted = newsletters::still_subscribed(self.db.reader(), &member_ids).await?;
        let (copies, unwanted): (Vec<row::Model>, Vec<row::Model>) = copies
            .into_iter()
            .partition(|row| row.member_id.is_some_and(|id| wanted.contains(&id)));
        let unwanted: Vec<i64> = unwanted.iter().map(|row| row.id).collect();
        outbox::skip(
            self.db.writer(),
            &unwanted,
            newsletters::SKIPPED_UNSUBSCRIBED,
        )
        .await?;
        pass.skipped += unwanted.len();

        let member_ids: Vec<i64> = copies.iter().filter_map(|row| row.member_id).collect();
        let links = token::issue_many(
            self.db.writer(),
            token::Purpose::Unsubscribe,
            &member_ids,
            now,
        )
        .await?;
        for (mut copy, link) in copies.into_iter().zip(links) {
            let lang: Language = copy.language.parse().unwrap_or(Language::En);
            let Some(template) = self.template(copy.newsletter_id, lang).await? else {
                outbox::mark_failed(
                    self.db.writer(),
                    copy.id,
                    "the newsletter has no such version",
                )
                .await?;
                pass.failed += 1;
                continue;
            };
            let url = self
                .brand
                .link(&format!("/{}/unsubscribe/{}", lang.code(), link.as_str()));
            let composed = template.fill(&self.brand, &url);
            copy.subject = composed.subject;
            copy.body_text = composed.text;
            copy.body_html = composed.html;
            copy.headers = serde_json::to_string(&composed.headers)
                .map_err(|_| DomainError::Inconsistent("headers do not serialise"))?;
            ready.push(copy);
        }
        Ok(ready)
    }

    async fn template(
        &self,
        newsletter_id: Option<i64>,
        lang: Language,
    ) -> Result<Option<Arc<Template>>, DomainError> {
        let Some(id) = newsletter_id else {
            return Ok(None);
        };
        let cached = self
            .templates
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(id, lang))
            .cloned();
        if let Some(template) = cached {
            return Ok(template);
        }
        let template = newsletters::find(self.db.reader(), id)
            .await?
            .and_then(|letter| Template::new(&self.brand, &letter, lang))
            .map(Arc::new);
        let mut templates = self
            .templates
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Newsletters in flight at once are few; an old one's entries can go.
        if templates.len() > 64 {
            templates.clear();
        }
        templates.insert((id, lang), template.clone());
        Ok(template)
    }

    async fn deliver(&self, row: &row::Model) -> Result<String, SendError> {
        let outgoing =
            message::build(&self.from, row).map_err(|e| SendError::Invalid(e.to_string()))?;
        if let Some(limiter) = &self.limiter {
            limiter.until_ready().await;
        }
        let marks = self.marks.clone();
        let (id, attempts, message_id) = (row.id, row.attempts, outgoing.message_id.clone());
        let commit = Box::pin(async move { marks.mark(id, attempts, message_id).await });
        self.transport
            .send(&outgoing, &row.body_text, commit)
            .await?;
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
            // Recorded already, as it became final.
            Ok(message_id) => {
                info!(id = row.id, kind = %row.kind, %to, %message_id, "mail sent");
                pass.sent += 1;
            }
            Err(SendError::Abandoned(e)) => {
                warn!(id = row.id, kind = %row.kind, %to, error = %e, "mail not finished; left to its current owner");
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
                if let (SendError::Permanent(_), Some(member_id)) = (&e, row.member_id) {
                    let suspended = newsletters::record_hard_bounce(
                        conn,
                        member_id,
                        self.settings.hard_bounce_limit,
                        now,
                    )
                    .await?;
                    if suspended {
                        warn!(member_id, %to, "newsletters suspended after repeated hard bounces");
                    }
                }
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
