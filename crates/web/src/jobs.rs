//! Scheduled work beside the outbox worker, on a timer: the reminders and purges of
//! `app::housekeeping` every minute, and the newsletters of `app::newsletters` every two
//! seconds or when the site starts a send: starting the scheduled ones, writing each send's
//! audience into the outbox in batches, and marking a send finished. Every step is safe with
//! several processes doing the same. The mail they queue wakes the worker through `app::App`.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

#[derive(Clone)]
pub struct Jobs {
    app: app::App,
    retention_days: u32,
    expansion_batch: u64,
    /// Wakes the newsletter pass at once (a send was just started).
    wake: Arc<Notify>,
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JobsPass {
    pub reminders: usize,
    /// Reminders an hour before chosen online sessions.
    pub session_reminders: usize,
    pub purged_events: usize,
    /// Tokens deleted a month after they expired.
    pub purged_tokens: u64,
    /// Sign-ups and registrations forgotten, unconfirmed after their link ran out.
    pub forgotten_unconfirmed: u64,
    pub newsletters_started: usize,
    /// Newsletter copies written into the outbox.
    pub newsletter_copies: u64,
    pub newsletters_finished: usize,
}

impl Jobs {
    pub fn new(app: app::App, retention_days: u32, expansion_batch: u64) -> Self {
        Self {
            app,
            retention_days,
            expansion_batch: expansion_batch.max(1),
            wake: Arc::new(Notify::new()),
        }
    }

    /// Listens on `wake`, which the site notifies when an organizer starts a send.
    pub fn sharing_waker(mut self, wake: Arc<Notify>) -> Self {
        self.wake = wake;
        self
    }

    /// Reminders and purges every minute, newsletters every two seconds or when woken, until
    /// `stop`.
    pub async fn run(&self, stop: CancellationToken) {
        let mut minutely = tokio::time::interval(Duration::from_secs(60));
        let mut often = tokio::time::interval(Duration::from_secs(2));
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = minutely.tick() => {
                    if let Err(e) = self.events_once(Utc::now()).await {
                        tracing::warn!(error = %e, "scheduled jobs failed");
                    }
                }
                _ = often.tick() => self.newsletters_logged().await,
                _ = self.wake.notified() => self.newsletters_logged().await,
            }
        }
    }

    async fn newsletters_logged(&self) {
        if let Err(e) = self.newsletters_once(Utc::now()).await {
            tracing::warn!(error = %e, "newsletter jobs failed");
        }
    }

    /// Everything due at `now`.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<JobsPass, domain::DomainError> {
        let events = self.events_once(now).await?;
        let letters = self.newsletters_once(now).await?;
        Ok(JobsPass {
            reminders: events.reminders,
            session_reminders: events.session_reminders,
            purged_events: events.purged_events,
            purged_tokens: events.purged_tokens,
            forgotten_unconfirmed: events.forgotten_unconfirmed,
            ..letters
        })
    }

    /// Starts the scheduled newsletters whose time has come, writes the copies of those being
    /// sent, and marks finished the sends with nothing left.
    pub async fn newsletters_once(
        &self,
        now: DateTime<Utc>,
    ) -> Result<JobsPass, domain::DomainError> {
        let started = app::newsletters::start_due(&self.app, now)
            .await?
            .started
            .len();
        let expanded = app::newsletters::expand(&self.app, self.expansion_batch, now).await?;
        Ok(JobsPass {
            newsletters_started: started,
            newsletter_copies: expanded.copies,
            newsletters_finished: expanded.finished,
            ..JobsPass::default()
        })
    }

    async fn events_once(&self, now: DateTime<Utc>) -> Result<JobsPass, domain::DomainError> {
        let done = app::housekeeping::run(&self.app, self.retention_days, now).await?;
        Ok(JobsPass {
            reminders: done.reminders,
            session_reminders: done.session_reminders,
            purged_events: done.purged_events,
            purged_tokens: done.purged_tokens,
            forgotten_unconfirmed: done.forgotten_unconfirmed,
            ..JobsPass::default()
        })
    }
}
