//! Newsletters: saving a draft, an organizer's test copy, scheduling, the archive, and sending:
//! starting a send (by the organizer's button or when its time comes), writing its copies
//! into the outbox, pausing, resuming and cancelling it. Starting checks the sender identification CASL
//! requires in every newsletter, the same for both doors; the worker checks it again before
//! each copy (`mailer::Worker`).

use chrono::{DateTime, Utc};
use domain::{
    DomainError, Language, audit,
    entities::{newsletter, organizer},
    newsletters, outbox,
};
use mailer::{SenderGap, compose::newsletter::Template};

use crate::{App, mail::email_to};

/// Why a send did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The settings lack a part of the sender identification CASL requires.
    #[error("newsletter not sent: {0}")]
    SenderUnidentified(SenderGap),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// Who acts: an organizer, or the scheduler (`None`).
pub type Actor = Option<i64>;

async fn audited(
    work: &crate::Work,
    by: Actor,
    action: &str,
    id: i64,
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    work.audit(
        audit::Action {
            organizer_id: by,
            action,
            target_type: "newsletter",
            target_id: Some(id),
            details,
        },
        now,
    )
    .await
}

/// Starts sending now. `Ok(false)` if it had started already (a double click, another
/// process); refused while the sender cannot be identified.
pub async fn start(app: &App, by: Actor, id: i64, now: DateTime<Utc>) -> Result<bool, StartError> {
    app.brand
        .sender_identification()
        .map_err(StartError::SenderUnidentified)?;
    let work = app.begin().await?;
    let started = newsletters::start(work.conn(), id, now).await?;
    if started {
        audited(&work, by, "newsletter-send", id, serde_json::json!({}), now).await?;
    }
    work.commit().await?;
    Ok(started)
}

/// What the scheduler did with the newsletters whose time had come.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Due {
    pub started: Vec<i64>,
    /// Back to draft, the reason on their page: the sender could not be identified.
    pub held: Vec<i64>,
}

/// Starts every scheduled newsletter whose time has come, through the same check as the
/// button. One that may not start goes back to draft with the reason, for the organizer to
/// send or schedule again once the settings are fixed (it does not go out late by surprise).
pub async fn start_due(app: &App, now: DateTime<Utc>) -> Result<Due, DomainError> {
    let mut due = Due::default();
    for id in newsletters::due(app.db.reader(), now).await? {
        match start(app, None, id, now).await {
            Ok(true) => due.started.push(id),
            Ok(false) => {}
            Err(StartError::SenderUnidentified(gap)) => {
                let work = app.begin().await?;
                if newsletters::hold_scheduled(work.conn(), id, gap.setting()).await? {
                    audited(
                        &work,
                        None,
                        "newsletter-held",
                        id,
                        serde_json::json!({ "missing": gap.setting() }),
                        now,
                    )
                    .await?;
                    tracing::warn!(
                        newsletter = id,
                        missing = gap.setting(),
                        "scheduled newsletter held back: the sender cannot be identified as CASL requires"
                    );
                    due.held.push(id);
                }
                work.commit().await?;
            }
            Err(StartError::Domain(e)) => return Err(e),
        }
    }
    Ok(due)
}

/// What an organizer can do to a send under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Pause,
    Resume,
    Cancel,
}

impl Control {
    fn action(self) -> &'static str {
        match self {
            Control::Pause => "newsletter-pause",
            Control::Resume => "newsletter-resume",
            Control::Cancel => "newsletter-cancel",
        }
    }
}

/// Pauses, resumes or cancels a send. Effective at once on every worker: a paused send's
/// copies already claimed go back to the queue and a cancelled one's are skipped, and the
/// mark that would finish any copy in flight refuses it. `Ok(false)` if it was not in a
/// state to do so (a double click). Resuming checks the sender identification as starting
/// does.
pub async fn control(
    app: &App,
    by: Actor,
    id: i64,
    control: Control,
    now: DateTime<Utc>,
) -> Result<bool, StartError> {
    if control == Control::Resume {
        app.brand
            .sender_identification()
            .map_err(StartError::SenderUnidentified)?;
    }
    let mut work = app.begin().await?;
    let done = match control {
        Control::Pause => newsletters::pause(work.conn(), id, now).await?,
        Control::Resume => newsletters::resume(work.conn(), id).await?,
        Control::Cancel => newsletters::cancel(work.conn(), id, now).await?,
    };
    if done {
        audited(&work, by, control.action(), id, serde_json::json!({}), now).await?;
        if control == Control::Resume {
            work.mail_queued();
        }
    }
    work.commit().await?;
    Ok(done)
}

/// Saves a draft: a new one (`id` None) or an edit. `None` when the newsletter started
/// sending meanwhile, so there is nothing to change any more. The draft was checked by the
/// caller against the organizer's scope (`Draft::check`).
pub async fn save(
    app: &App,
    by: i64,
    id: Option<i64>,
    draft: &newsletters::Draft,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DomainError> {
    let work = app.begin().await?;
    let saved = match id {
        None => Some(
            newsletters::create(work.conn(), draft, Some(by), now)
                .await?
                .id,
        ),
        Some(id) => newsletters::update(work.conn(), id, draft, now)
            .await?
            .then_some(id),
    };
    let Some(saved) = saved else {
        return Ok(None);
    };
    let action = if id.is_some() {
        "newsletter-updated"
    } else {
        "newsletter-created"
    };
    audited(
        &work,
        Some(by),
        action,
        saved,
        serde_json::json!({ "subject": draft.subject.or_english(Language::En) }),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(Some(saved))
}

/// Test copies an organizer may send themselves an hour.
pub const TESTS_PER_HOUR: u64 = 10;

/// What a test send did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestSend {
    /// A copy of each language is queued to the organizer's address.
    Sent,
    /// The organizer had their share of test copies this hour: nothing was queued.
    LimitReached,
}

/// The organizer's own copy of each language of `letter`, sent at once, within
/// `TESTS_PER_HOUR`.
pub async fn test_send(
    app: &App,
    organizer: &organizer::Model,
    letter: &newsletter::Model,
    now: DateTime<Utc>,
) -> Result<TestSend, DomainError> {
    let to = organizer.email.as_str();
    let mut work = app.begin().await?;
    let recent = outbox::recent_count(
        work.conn(),
        to,
        newsletters::TEST_MAIL_KIND,
        now - chrono::Duration::hours(1),
    )
    .await?;
    if recent >= TESTS_PER_HOUR {
        return Ok(TestSend::LimitReached);
    }
    for lang in letter.languages() {
        if let Some(template) = Template::new(&app.brand, letter, lang) {
            let copy = template.test_copy(&app.brand);
            work.enqueue(
                email_to(newsletters::TEST_MAIL_KIND, to, None, lang, copy),
                now,
            )
            .await?;
        }
    }
    audited(
        &work,
        Some(organizer.id),
        "newsletter-test-sent",
        letter.id,
        serde_json::json!({}),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(TestSend::Sent)
}

/// Schedules a draft to go at `at` (checked by the caller to be ahead, with a sender that
/// can be identified). `false` if it was not a draft any more.
pub async fn schedule(
    app: &App,
    by: i64,
    id: i64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let work = app.begin().await?;
    let done = newsletters::schedule(work.conn(), id, at).await?;
    if done {
        audited(
            &work,
            Some(by),
            "newsletter-scheduled",
            id,
            serde_json::json!({ "at": at.to_rfc3339() }),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(done)
}

/// What an organizer can do to a newsletter that is not being sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Back to draft, from scheduled.
    Unschedule,
    /// Into the public archive.
    Publish,
    /// Out of the public archive.
    Unpublish,
}

impl Listing {
    fn action(self) -> &'static str {
        match self {
            Listing::Unschedule => "newsletter-unschedule",
            Listing::Publish => "newsletter-publish",
            Listing::Unpublish => "newsletter-unpublish",
        }
    }
}

/// Unschedules, publishes or unpublishes a newsletter. `Ok(false)` if it was not in a state
/// to do so (a double click).
pub async fn list(
    app: &App,
    by: i64,
    id: i64,
    listing: Listing,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let work = app.begin().await?;
    let done = match listing {
        Listing::Unschedule => newsletters::unschedule(work.conn(), id).await?,
        Listing::Publish => newsletters::set_published(work.conn(), id, true).await?,
        Listing::Unpublish => newsletters::set_published(work.conn(), id, false).await?,
    };
    if done {
        audited(
            &work,
            Some(by),
            listing.action(),
            id,
            serde_json::json!({}),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(done)
}

/// What one pass over the sends under way did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Expanded {
    /// Newsletter copies written into the outbox.
    pub copies: u64,
    /// Sends marked finished, nothing being left of them.
    pub finished: usize,
}

/// Writes the copies of the newsletters being sent into the outbox, `batch` per write
/// transaction so the site keeps its writer between batches, and marks finished the sends
/// with nothing left. Safe with several processes doing the same.
pub async fn expand(app: &App, batch: u64, now: DateTime<Utc>) -> Result<Expanded, DomainError> {
    let batch = batch.max(1);
    let mut pass = Expanded::default();
    for id in newsletters::expanding(app.db.reader()).await? {
        loop {
            let mut work = app.begin().await?;
            let looked = newsletters::expand_batch(work.conn(), id, batch, now).await?;
            work.mail_queued();
            work.commit().await?;
            pass.copies += looked;
            if looked < batch {
                break;
            }
        }
    }
    for id in newsletters::in_progress(app.db.reader()).await? {
        // Finished and announced (webhooks) in one transaction.
        let mut work = app.begin().await?;
        if newsletters::finish_if_done(work.conn(), id, now).await? {
            let progress = newsletters::progress(work.conn(), id, now).await?;
            work.emit(
                domain::webhooks::Topic::NewsletterSent,
                serde_json::json!({
                    "newsletter": { "identifiers": [format!("reseau:{id}")] },
                    "sent": progress.sent,
                    "failed": progress.failed,
                    "skipped": progress.skipped,
                }),
                now,
            )
            .await?;
            work.commit().await?;
            pass.finished += 1;
            tracing::info!(newsletter = id, "newsletter sent");
        }
    }
    Ok(pass)
}
