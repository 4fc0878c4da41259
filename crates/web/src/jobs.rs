//! Scheduled work beside the outbox worker: event reminders a day before (each sent once even
//! with several workers, since the claim is a conditional UPDATE), and the erasure of
//! accommodation requests some days after an event ends (audited).

use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::{
    Db, Language, audit,
    entities::event,
    events::{self, RegistrationStatus},
    outbox,
};
use mailer::{Brand, calendar, compose::events::EventMail};
use tokio_util::sync::CancellationToken;

#[derive(Clone)]
pub struct Jobs {
    db: Db,
    brand: Brand,
    retention_days: u32,
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JobsPass {
    pub reminders: usize,
    pub purged_events: usize,
}

impl Jobs {
    pub fn new(db: Db, brand: Brand, retention_days: u32) -> Self {
        Self {
            db,
            brand,
            retention_days,
        }
    }

    /// Every minute until `stop`.
    pub async fn run(&self, stop: CancellationToken) {
        let mut every = tokio::time::interval(Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = every.tick() => {
                    if let Err(e) = self.run_once(Utc::now()).await {
                        tracing::warn!(error = %e, "scheduled jobs failed");
                    }
                }
            }
        }
    }

    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<JobsPass, domain::DomainError> {
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
            let lang: Language = r.language.parse().unwrap_or(Language::En);
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
