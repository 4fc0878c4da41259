//! Scheduled work beside the outbox worker: event reminders a day before (each sent once even
//! with several workers, since the claim is a conditional UPDATE), the erasure of
//! accommodation requests some days after an event ends (audited), the deletion of tokens a
//! month after they expired, and newsletters: starting
//! the scheduled ones, writing each send's audience into the outbox in batches, and marking
//! a send finished. Every step is safe with several processes doing the same.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use domain::{
    Db, audit,
    entities::event,
    events::{self, RegistrationStatus},
    newsletters, outbox, token,
};
use mailer::{Brand, calendar, compose::events::EventMail};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

#[derive(Clone)]
pub struct Jobs {
    db: Db,
    /// The use cases the jobs share with the site (starting a scheduled newsletter).
    app: app::App,
    brand: Brand,
    retention_days: u32,
    expansion_batch: u64,
    /// Wakes the newsletter pass at once (a send was just started).
    wake: Arc<Notify>,
    /// Wakes the outbox worker when a newsletter's copies are written.
    mail_waker: Option<Arc<Notify>>,
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JobsPass {
    pub reminders: usize,
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
    pub fn new(app: app::App, brand: Brand, retention_days: u32, expansion_batch: u64) -> Self {
        Self {
            db: app.db.clone(),
            app,
            brand,
            retention_days,
            expansion_batch: expansion_batch.max(1),
            wake: Arc::new(Notify::new()),
            mail_waker: None,
        }
    }

    pub fn waking_mail(mut self, mail_waker: Arc<Notify>) -> Self {
        self.mail_waker = Some(mail_waker);
        self
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
            purged_events: events.purged_events,
            purged_tokens: events.purged_tokens,
            forgotten_unconfirmed: events.forgotten_unconfirmed,
            ..letters
        })
    }

    /// Starts the scheduled newsletters whose time has come, writes the copies of those being
    /// sent (a batch per write transaction, so the site keeps its writer between batches),
    /// and marks finished the sends with nothing left.
    pub async fn newsletters_once(
        &self,
        now: DateTime<Utc>,
    ) -> Result<JobsPass, domain::DomainError> {
        let mut pass = JobsPass {
            newsletters_started: app::newsletters::start_due(&self.app, now)
                .await?
                .started
                .len(),
            ..JobsPass::default()
        };
        for id in newsletters::expanding(self.db.reader()).await? {
            loop {
                let txn = self.db.begin_write().await?;
                let looked = newsletters::expand_batch(&txn, id, self.expansion_batch, now).await?;
                txn.commit().await?;
                pass.newsletter_copies += looked;
                if let Some(waker) = &self.mail_waker {
                    waker.notify_one();
                }
                if looked < self.expansion_batch {
                    break;
                }
            }
        }
        for id in newsletters::in_progress(self.db.reader()).await? {
            if newsletters::finish_if_done(self.db.writer(), id, now).await? {
                pass.newsletters_finished += 1;
                tracing::info!(newsletter = id, "newsletter sent");
            }
        }
        Ok(pass)
    }

    async fn events_once(&self, now: DateTime<Utc>) -> Result<JobsPass, domain::DomainError> {
        let mut pass = JobsPass::default();
        // The claim and the emails in one transaction: a failure gives the claim back.
        let txn = self.db.begin_write().await?;
        for event in events::due_reminders(&txn, now).await? {
            pass.reminders += self.remind(&txn, &event, now).await?;
        }
        let purged = events::purge_accommodations(&txn, self.retention_days, now).await?;
        for p in &purged {
            audit::record(
                &txn,
                audit::Action {
                    organizer_id: None,
                    action: "accommodations-erased",
                    target_type: "event",
                    target_id: Some(p.event.id),
                    details: serde_json::json!({ "registrations": p.registrations, "retention_days": self.retention_days }),
                },
                now,
            )
            .await?;
        }
        pass.purged_events = purged.len();
        txn.commit().await?;
        // A bounded batch a minute, in a write transaction of its own.
        let txn = self.db.begin_write().await?;
        pass.purged_tokens = token::purge_expired(&txn, now, 10_000).await?;
        pass.forgotten_unconfirmed = domain::purge::unconfirmed_members(&txn, now, 1_000).await?
            + domain::purge::unconfirmed_registrations(&txn, now, 1_000).await?;
        domain::sign_in_guard::forget_quiet(&txn, now).await?;
        txn.commit().await?;
        Ok(pass)
    }

    async fn remind(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        event: &event::Model,
        now: DateTime<Utc>,
    ) -> Result<usize, domain::DomainError> {
        let confirmed =
            events::registrations_of(txn, event.id, Some(RegistrationStatus::Confirmed), None)
                .await?;
        for r in &confirmed {
            let lang = r.language;
            let mail = EventMail {
                lang,
                name: r.full_name.clone(),
                title: event.title(lang).to_owned(),
                when: calendar::when(event),
                page_url: self
                    .brand
                    .link(&format!("/{}/events/{}", lang.code(), event.slug)),
                online_link: event.online_link.clone(),
            };
            let composed = mailer::compose::events::reminder(&self.brand, &mail);
            outbox::enqueue(
                txn,
                crate::routes::support::email_to(
                    "event-reminder",
                    &r.email,
                    r.member_id,
                    lang,
                    composed,
                ),
                now,
            )
            .await?;
        }
        Ok(confirmed.len())
    }
}
