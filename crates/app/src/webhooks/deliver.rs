//! The worker's webhook loop, apart from the mail lanes so that a slow receiver never holds
//! up an email: claims due deliveries, posts each signed (Standard Webhooks) with a timeout,
//! and records what the receiver answered; a failure is retried with exponential backoff
//! until `max_attempts`.
//!
//! Exactly once per endpoint and event: a delivery is recorded as made just before the last
//! byte of its body leaves, and only while this worker's claim holds. A worker killed in the
//! middle of a request, or overtaken after its lease ran out, never leads to a second post of
//! what a receiver may have read whole; what no protocol closes is the instant between the
//! record and that last byte, where a kill loses the one delivery (recorded, never answered:
//! the back office shows it without an answer) rather than sending it twice.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use domain::{
    Db, DomainError,
    two_factor::SeedKey,
    webhooks::{
        self, Claimed, Failure,
        signature::sign,
        target::{TargetPolicy, check_url},
    },
};
use futures::StreamExt;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::resolver::CheckedResolver;

#[derive(Clone, Debug)]
pub struct DelivererSettings {
    /// Deliveries claimed at once.
    pub batch_size: u64,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// How long a claim holds; longer than `timeout`.
    pub lease: Duration,
    pub max_attempts: i32,
    /// The first retry waits this long, each further one twice as long, up to a day.
    pub backoff: Duration,
    /// The longest one request may take, connection included.
    pub timeout: Duration,
    /// How often an idle loop looks for due deliveries when nobody wakes it.
    pub poll_interval: Duration,
    pub policy: TargetPolicy,
}

impl Default for DelivererSettings {
    fn default() -> Self {
        Self {
            batch_size: 32,
            concurrency: 4,
            lease: Duration::from_secs(120),
            max_attempts: 10,
            backoff: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
            poll_interval: Duration::from_secs(2),
            policy: TargetPolicy::default(),
        }
    }
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HooksPass {
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
    /// Claims found taken over or cancelled before the request went.
    pub lost: usize,
}

impl HooksPass {
    pub fn handled(&self) -> usize {
        self.delivered + self.retried + self.failed + self.lost
    }
}

enum Outcome {
    Delivered,
    Retried,
    Failed,
    Lost,
}

/// How the record before the last byte went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Record {
    NotReached,
    Made,
    /// The claim was lost: the request was abandoned.
    Lost,
    Failed,
}

#[derive(Debug, thiserror::Error)]
#[error("the delivery could not be recorded: not sent")]
struct NotRecorded;

#[derive(Clone)]
pub struct Deliverer {
    db: Db,
    key: Arc<SeedKey>,
    client: reqwest::Client,
    settings: DelivererSettings,
    wake: Arc<Notify>,
}

impl Deliverer {
    pub fn new(
        db: Db,
        key: Arc<SeedKey>,
        settings: DelivererSettings,
    ) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .dns_resolver(Arc::new(CheckedResolver {
                policy: settings.policy,
            }))
            // A redirect could lead anywhere: the address checked is the address posted to.
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .https_only(!settings.policy.allow_private)
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .user_agent(concat!("Reseau-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            db,
            key,
            client,
            settings,
            wake: Arc::new(Notify::new()),
        })
    }

    /// Wakes the loop when a use case commits an event (`App::with_hooks_waker`).
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Runs until `stop` is cancelled. A pass under way is finished first: dropping it
    /// between a delivery's record and its last byte would lose that delivery.
    pub async fn run(&self, stop: CancellationToken) {
        tracing::info!("webhook loop started");
        while !stop.is_cancelled() {
            let handled = match self.run_once(Utc::now()).await {
                Ok(pass) => pass.handled(),
                Err(e) => {
                    tracing::warn!(error = %e, "webhook pass failed");
                    0
                }
            };
            if handled == 0 {
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = self.wake.notified() => {}
                    () = tokio::time::sleep(self.settings.poll_interval) => {}
                }
            }
        }
        tracing::info!("webhook loop stopped");
    }

    /// One pass at `now`: claim what is due, post it, record the answers.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<HooksPass, DomainError> {
        let mut pass = HooksPass::default();
        if !webhooks::due_exists(self.db.reader(), now).await? {
            return Ok(pass);
        }
        let lease = chrono::Duration::from_std(self.settings.lease)
            .map_err(|_| DomainError::Inconsistent("lease out of range"))?;
        let claimed = webhooks::claim(
            self.db.writer(),
            &self.key,
            now,
            self.settings.batch_size,
            lease,
        )
        .await?;
        let outcomes: Vec<_> = futures::stream::iter(claimed)
            .map(|c| self.deliver(c, now))
            .buffer_unordered(self.settings.concurrency.max(1))
            .collect()
            .await;
        for outcome in outcomes {
            match outcome? {
                Outcome::Delivered => pass.delivered += 1,
                Outcome::Retried => pass.retried += 1,
                Outcome::Failed => pass.failed += 1,
                Outcome::Lost => pass.lost += 1,
            }
        }
        Ok(pass)
    }

    async fn deliver(&self, claimed: Claimed, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
        let d = &claimed.delivery;
        let refuse = |error: String| async move {
            webhooks::mark_failed(
                self.db.writer(),
                d.id,
                d.attempts,
                &Failure {
                    error: Some(&error),
                    ..Failure::default()
                },
            )
            .await
            .map(|()| Outcome::Failed)
        };
        // Checked again at each delivery: the operator's setting may have changed.
        let url = match check_url(&claimed.url, self.settings.policy) {
            Ok(url) => url,
            Err(e) => return refuse(format!("address refused: {e}")).await,
        };
        let Some(secret) = &claimed.secret else {
            return refuse("the signing secret does not open with this site's key".into()).await;
        };
        let timestamp = Utc::now().timestamp();
        let Ok(signature) = sign(secret, &d.event_id, timestamp, &d.body) else {
            return refuse("the signing secret is malformed".into()).await;
        };

        let record = Arc::new(Mutex::new(Record::NotReached));
        let body = self.held_back_body(d.id, d.attempts, d.body.clone(), record.clone());
        let sent = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::CONTENT_LENGTH, d.body.len())
            .header("webhook-id", &d.event_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await;
        let recorded = *record.lock().unwrap_or_else(|p| p.into_inner());
        match (sent, recorded) {
            (_, Record::Lost) => Ok(Outcome::Lost),
            (Ok(response), Record::Made) => {
                let status = response.status();
                let text = read_some(response).await;
                if status.is_success() {
                    webhooks::record_answer(self.db.writer(), d.id, status.as_u16(), &text).await?;
                    Ok(Outcome::Delivered)
                } else {
                    self.failed(
                        &claimed,
                        &Failure {
                            status: Some(status.as_u16()),
                            body: Some(&text),
                            error: None,
                        },
                        now,
                    )
                    .await
                }
            }
            // An answer before the whole body was sent: the receiver did not take it.
            (Ok(response), _) => {
                let status = response.status();
                let text = read_some(response).await;
                self.failed(
                    &claimed,
                    &Failure {
                        status: Some(status.as_u16()),
                        body: Some(&text),
                        error: Some("answered before the whole body was sent"),
                    },
                    now,
                )
                .await
            }
            (Err(e), _) => {
                let error = describe(&e);
                self.failed(
                    &claimed,
                    &Failure {
                        error: Some(&error),
                        ..Failure::default()
                    },
                    now,
                )
                .await
            }
        }
    }

    /// The body, all but its last byte at once, the last byte once the delivery is recorded
    /// as made (under this worker's claim): the receiver cannot have the whole body of a
    /// delivery that is not recorded.
    fn held_back_body(
        &self,
        id: i64,
        attempts: i32,
        body: String,
        record: Arc<Mutex<Record>>,
    ) -> reqwest::Body {
        let mut bytes = body.into_bytes();
        let last = bytes.split_off(bytes.len().saturating_sub(1));
        let db = self.db.clone();
        let head = futures::stream::iter([Ok::<Bytes, NotRecorded>(Bytes::from(bytes))]);
        let tail = futures::stream::once(async move {
            let made = webhooks::mark_delivered(db.writer(), id, attempts, Utc::now()).await;
            let (state, result) = match made {
                Ok(true) => (Record::Made, Ok(Bytes::from(last))),
                Ok(false) => (Record::Lost, Err(NotRecorded)),
                Err(e) => {
                    tracing::warn!(error = %e, delivery = id, "recording a webhook delivery");
                    (Record::Failed, Err(NotRecorded))
                }
            };
            *record.lock().unwrap_or_else(|p| p.into_inner()) = state;
            result
        });
        reqwest::Body::wrap_stream(head.chain(tail))
    }

    /// A failed attempt: again later, or given up after the last one.
    async fn failed(
        &self,
        claimed: &Claimed,
        failure: &Failure<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, DomainError> {
        let d = &claimed.delivery;
        if d.attempts >= self.settings.max_attempts {
            webhooks::mark_failed(self.db.writer(), d.id, d.attempts, failure).await?;
            return Ok(Outcome::Failed);
        }
        let at = now + backoff(self.settings.backoff, d.attempts);
        webhooks::retry_later(self.db.writer(), d.id, d.attempts, failure, at).await?;
        Ok(Outcome::Retried)
    }
}

/// The wait after attempt `attempts` (from 1): the base, doubled each time, up to a day.
fn backoff(base: Duration, attempts: i32) -> chrono::Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    let wait = base.saturating_mul(2u32.saturating_pow(doublings));
    chrono::Duration::from_std(wait.min(Duration::from_secs(86_400)))
        .unwrap_or(chrono::Duration::days(1))
}

/// The start of an answer's body (what the back office shows).
async fn read_some(mut response: reqwest::Response) -> String {
    let mut kept = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        kept.extend_from_slice(&chunk);
        if kept.len() >= 2048 {
            break;
        }
    }
    String::from_utf8_lossy(&kept).chars().take(500).collect()
}

/// An error with its causes, which say what went wrong (refused address, timeout, …).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_a_day() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 1), chrono::Duration::seconds(30));
        assert_eq!(backoff(base, 2), chrono::Duration::seconds(60));
        assert_eq!(backoff(base, 4), chrono::Duration::seconds(240));
        assert_eq!(backoff(base, 40), chrono::Duration::days(1));
    }
}
