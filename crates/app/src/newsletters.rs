//! Sending newsletters: starting a send (by the organizer's button or when its time comes),
//! pausing, resuming and cancelling it. Starting checks the sender identification CASL
//! requires in every newsletter, the same for both doors; the worker checks it again before
//! each copy (`mailer::Worker`).

use chrono::{DateTime, Utc};
use domain::{DomainError, audit, newsletters};
use mailer::SenderGap;

use crate::App;

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
