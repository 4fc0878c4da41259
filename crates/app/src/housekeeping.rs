//! The scheduled use cases beside the newsletters: event reminders a day before and session
//! reminders an hour before (each sent once even with several workers, since the claim is a
//! conditional UPDATE), the erasure of
//! accommodation requests some days after an event ends (audited), and the forgetting of
//! what has run out: tokens a month after they expired, sign-ups and registrations never
//! confirmed, quiet sign-in failure counts; and the folding of the member counts.

use chrono::{DateTime, Utc};
use domain::{
    DomainError, audit,
    entities::event,
    events::{self, RegistrationStatus},
    token,
};
use mailer::compose::events::EventMail;

use crate::{App, Work, mail::email_to};

/// What a pass of reminders and purges did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Housekeeping {
    /// Reminders queued.
    pub reminders: usize,
    /// Reminders an hour before chosen online sessions queued.
    pub session_reminders: usize,
    /// Events whose accommodation requests were erased.
    pub purged_events: usize,
    /// Tokens deleted a month after they expired.
    pub purged_tokens: u64,
    /// Sign-ups, registrations and messages to experts forgotten, unconfirmed after their
    /// link ran out.
    pub forgotten_unconfirmed: u64,
}

/// Reminds the confirmed registrants of the events due, and erases the accommodation
/// requests of events that ended `retention_days` ago; then, in a bounded batch of its own,
/// forgets what has run out.
pub async fn run(
    app: &App,
    retention_days: u32,
    now: DateTime<Utc>,
) -> Result<Housekeeping, DomainError> {
    let mut pass = Housekeeping::default();
    // The claim and the emails in one transaction: a failure gives the claim back.
    let mut work = app.begin().await?;
    for event in events::due_reminders(work.conn(), now).await? {
        pass.reminders += send_reminders(&mut work, app, &event, now).await?;
    }
    pass.session_reminders = crate::summit::send_reminders(&mut work, app, now).await?;
    let purged = events::purge_accommodations(work.conn(), retention_days, now).await?;
    for p in &purged {
        work.audit(
            audit::Action {
                organizer_id: None,
                action: "accommodations-erased",
                target_type: "event",
                target_id: Some(p.event.id),
                details: serde_json::json!({
                    "registrations": p.registrations,
                    "retention_days": retention_days,
                }),
            },
            now,
        )
        .await?;
    }
    pass.purged_events = purged.len();
    work.commit().await?;
    // A bounded batch a minute, in a write transaction of its own.
    let work = app.begin().await?;
    pass.purged_tokens = token::purge_expired(work.conn(), now, 10_000).await?;
    pass.forgotten_unconfirmed = domain::purge::unconfirmed_members(work.conn(), now, 1_000)
        .await?
        + domain::purge::unconfirmed_registrations(work.conn(), now, 1_000).await?;
    domain::sign_in_guard::forget_quiet(work.conn(), now).await?;
    pass.forgotten_unconfirmed += domain::experts::purge(work.conn(), now).await?;
    work.commit().await?;
    // The member counts PostgreSQL's triggers appended since the last pass, one row a group
    // again, so the dashboard reads a few hundred rows, not one per write.
    domain::stats::tallies::fold(app.db.writer()).await?;
    Ok(pass)
}

/// Queues the reminder of `event` to each confirmed registrant, in their language.
async fn send_reminders(
    work: &mut Work,
    app: &App,
    event: &event::Model,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let confirmed = events::registrations_of(
        work.conn(),
        event.id,
        Some(RegistrationStatus::Confirmed),
        None,
    )
    .await?;
    for r in &confirmed {
        let lang = r.language;
        let mail = EventMail {
            lang,
            name: r.full_name.clone(),
            title: event.title(lang).to_owned(),
            when: mailer::dates::event_span(lang, event),
            page_url: app
                .brand
                .link(&format!("/{}/events/{}", lang.code(), event.slug)),
            online_link: event.online_link.clone(),
        };
        let composed = mailer::compose::events::reminder(&app.brand, &mail);
        work.enqueue(
            email_to("event-reminder", &r.email, r.member_id, lang, composed),
            now,
        )
        .await?;
    }
    Ok(confirmed.len())
}
