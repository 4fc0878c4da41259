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

use std::{
    collections::{HashMap, HashSet},
    num::NonZeroU32,
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

use chrono::{DateTime, Utc};
use domain::{
    Db, DomainError, Language, account,
    entities::outbox as row,
    newsletters,
    outbox::{self, Lane, Settled},
    redact, token,
};
use futures::StreamExt;
use lettre::message::Mailbox;
use rand::Rng;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::{
    Brand,
    compose::newsletter::Template,
    marks::{Refusal, SentMarks},
    message,
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

/// Why a claimed row was not delivered.
#[derive(Debug)]
enum Undelivered {
    Send(SendError),
    /// Refused at its final dot and settled (requeued or skipped).
    Settled(Settled),
    /// Refused at its final dot: the row is no longer this worker's.
    Lost,
    /// Not tried: its newsletter stopped sending during this batch.
    Stopped,
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
        // CASL: no copy goes out without the sender's postal address and contact, whatever
        // the site's settings were when the send started. The newsletter is held back for all
        // workers, with the reason for the organizer; its copies (these included) wait.
        if let Err(gap) = self.brand.sender_identification() {
            let letters: HashSet<i64> = copies.iter().filter_map(|row| row.newsletter_id).collect();
            for id in letters {
                if newsletters::hold_sending(self.db.writer(), id, gap.setting(), now).await? {
                    warn!(
                        newsletter = id,
                        missing = gap.setting(),
                        "newsletter held back: this worker cannot identify the sender as CASL requires"
                    );
                }
            }
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
            let lang = copy.language;
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

    async fn deliver(
        &self,
        row: &row::Model,
        lane: Lane,
        stopped: &Mutex<HashSet<i64>>,
    ) -> Result<String, Undelivered> {
        let outgoing = message::build(&self.from, row)
            .map_err(|e| Undelivered::Send(SendError::Invalid(e.to_string())))?;
        let is_stopped = || {
            row.newsletter_id.is_some_and(|id| {
                stopped
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .contains(&id)
            })
        };
        if is_stopped() {
            return Err(Undelivered::Stopped);
        }
        if let Some(pacer) = &self.pacer {
            pacer.until_ready(lane).await;
            if is_stopped() {
                return Err(Undelivered::Stopped);
            }
        }
        let marks = self.marks.clone();
        let refusal = Arc::new(Mutex::new(None));
        let (id, attempts, message_id) = (row.id, row.attempts, outgoing.message_id.clone());
        let refused = refusal.clone();
        let commit = Box::pin(async move {
            marks.mark(id, attempts, message_id).await.map_err(|r| {
                let text = r.to_string();
                *refused.lock().unwrap_or_else(PoisonError::into_inner) = Some(r);
                text
            })
        });
        let sent = self
            .transport
            .send(&outgoing, &row.body_text, commit, lane)
            .await;
        let refusal = refusal
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        match (sent, refusal) {
            (Ok(()), _) => Ok(outgoing.message_id),
            (Err(_), Some(Refusal::Settled(settled))) => {
                if let (Some(letter), true) = (row.newsletter_id, settled_stops(&settled)) {
                    stopped
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(letter);
                }
                Err(Undelivered::Settled(settled))
            }
            (Err(_), Some(Refusal::Lost)) => {
                // Most often a pause or a cancel moved the copies; then the rest of the batch
                // is not tried.
                if let Some(letter) = row.newsletter_id {
                    let sending = newsletters::find(self.db.reader(), letter)
                        .await
                        .ok()
                        .flatten()
                        .is_some_and(|l| l.status == newsletters::Status::Sending);
                    if !sending {
                        stopped
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .insert(letter);
                    }
                }
                Err(Undelivered::Lost)
            }
            (Err(e), _) => Err(Undelivered::Send(e)),
        }
    }

    async fn record(
        &self,
        row: &row::Model,
        result: Result<String, Undelivered>,
        now: DateTime<Utc>,
        pass: &mut Pass,
    ) -> Result<(), DomainError> {
        let conn = self.db.writer();
        let to = domain::email::mask(&row.recipient);
        let result = match result {
            Ok(message_id) => Ok(message_id),
            Err(Undelivered::Send(e)) => Err(e),
            Err(Undelivered::Settled(settled)) => {
                note_settled(row, &settled, pass);
                return Ok(());
            }
            Err(Undelivered::Lost) => {
                info!(id = row.id, kind = %row.kind, %to, "mail not finished: no longer this worker's (paused, cancelled, erased or taken over)");
                return Ok(());
            }
            Err(Undelivered::Stopped) => {
                let settled = outbox::settle_refused(conn, &[(row.id, row.attempts)], now).await?;
                match settled.get(&row.id) {
                    Some(settled) => note_settled(row, settled, pass),
                    // Sending again meanwhile (resumed): back in the queue, to go at once.
                    None => outbox::retry_later(conn, row.id, "", now).await?,
                }
                return Ok(());
            }
        };
        match result {
            // Recorded already, as it became final.
            Ok(message_id) => {
                info!(id = row.id, kind = %row.kind, %to, %message_id, "mail sent");
                pass.sent += 1;
            }
            // A relay's answer can quote the address: it is masked in the log and the row.
            Err(SendError::Abandoned(e)) => {
                let e = redact::addresses(&e);
                warn!(id = row.id, kind = %row.kind, %to, error = %e, "mail not finished; left to its current owner");
            }
            Err(SendError::Temporary(e)) if row.attempts < self.settings.max_attempts => {
                let e = redact::addresses(&e);
                let at = now + self.backoff(row.attempts);
                outbox::retry_later(conn, row.id, &e, at).await?;
                warn!(id = row.id, kind = %row.kind, %to, attempt = row.attempts, error = %e, retry_at = %at, "mail delayed");
                pass.retried += 1;
            }
            Err(e) => {
                let text = redact::addresses(&e.to_string());
                outbox::mark_failed(conn, row.id, &text).await?;
                warn!(id = row.id, kind = %row.kind, %to, attempt = row.attempts, error = %text, "mail failed");
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

/// Whether a settled refusal says the copy's newsletter stopped sending.
fn settled_stops(settled: &Settled) -> bool {
    match settled {
        Settled::Requeued => true,
        Settled::Skipped(reason) => reason == newsletters::SKIPPED_CANCELLED,
    }
}

fn note_settled(row: &row::Model, settled: &Settled, pass: &mut Pass) {
    let to = domain::email::mask(&row.recipient);
    match settled {
        Settled::Requeued => {
            info!(id = row.id, kind = %row.kind, %to, "mail not finished: its newsletter was paused; back in the queue");
        }
        Settled::Skipped(reason) => {
            info!(id = row.id, kind = %row.kind, %to, %reason, "mail not finished: it may no longer go out");
            pass.skipped += 1;
        }
    }
}
