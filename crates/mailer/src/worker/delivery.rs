//! One row's delivery and its record: sent, retried with backoff, failed, or settled at its
//! final dot when it may no longer go out.

use std::{
    collections::HashSet,
    sync::{Arc, Mutex, PoisonError},
};

use chrono::{DateTime, Utc};
use domain::{
    DomainError,
    entities::outbox as row,
    newsletters,
    outbox::{self, Lane, Settled},
    redact,
};
use rand::Rng;
use tracing::{info, warn};

use super::{Pass, Worker};
use crate::{marks::Refusal, message, transport::SendError};

/// Why a claimed row was not delivered.
#[derive(Debug)]
pub(super) enum Undelivered {
    Send(SendError),
    /// Refused at its final dot and settled (requeued or skipped).
    Settled(Settled),
    /// Refused at its final dot: the row is no longer this worker's.
    Lost,
    /// Not tried: its newsletter stopped sending during this batch.
    Stopped,
}

impl Worker {
    pub(super) async fn deliver(
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

    pub(super) async fn record(
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
