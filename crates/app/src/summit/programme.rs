//! Organizers edit an event's programme: create and edit sessions (a new time, place or
//! livestream tells everyone who chose the session; more seats go to the first in line), move
//! and cancel them (everyone who chose it is told, in their language, with their agenda),
//! check people in per session, export a session's attendance. Each is one transaction,
//! audited; the caller found the event among the organizer's chapters.

use chrono::{DateTime, Utc};
use domain::{
    DomainError,
    entities::{event, event_session, registration, session_choice},
    outbox,
    summit::{self, SessionError, SessionFields},
};
use mailer::{
    Brand,
    compose::summit::{self as compose, AgendaChange},
};
use sea_orm::{ConnectionTrait, EntityTrait};

use super::{agenda_attachment, email, page_url, session_mail};
use crate::{App, Work, by_organizer};

/// Creates a session (`existing` is `None`) or edits one.
pub async fn save(
    app: &App,
    by: i64,
    event: &event::Model,
    existing: Option<i64>,
    fields: SessionFields,
    now: DateTime<Utc>,
) -> Result<event_session::Model, SessionError> {
    let mut work = app.begin().await?;
    let (session, action) = match existing {
        None => (
            summit::create_session(work.conn(), event, fields, now).await?,
            "session-created",
        ),
        Some(id) => {
            let updated = summit::update_session(work.conn(), event, id, fields, now).await?;
            for choice in &updated.promoted {
                tell_promoted(&mut work, app, event, choice, now).await?;
            }
            if updated.moved {
                tell_everyone(&mut work, app, event, &updated.session, Told::Moved, now).await?;
            }
            (updated.session, "session-updated")
        }
    };
    work.audit(
        by_organizer::action(
            by,
            action,
            "session",
            Some(session.id),
            serde_json::json!({ "event": event.id }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(session)
}

/// Moves a session and tells everyone who chose it, with their agenda.
pub async fn move_session(
    app: &App,
    by: i64,
    event: &event::Model,
    id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<event_session::Model, SessionError> {
    let mut work = app.begin().await?;
    let session = summit::move_session(work.conn(), event, id, starts_at, ends_at, now).await?;
    let told = tell_everyone(&mut work, app, event, &session, Told::Moved, now).await?;
    work.audit(
        by_organizer::action(
            by,
            "session-moved",
            "session",
            Some(session.id),
            serde_json::json!({ "event": event.id, "told": told }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(session)
}

/// Cancels a session and tells everyone who chose it, once.
pub async fn cancel(
    app: &App,
    by: i64,
    event: &event::Model,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), SessionError> {
    let mut work = app.begin().await?;
    if let Some(session) = summit::cancel_session(work.conn(), event, id, now).await? {
        let told = tell_everyone(&mut work, app, event, &session, Told::Cancelled, now).await?;
        work.audit(
            by_organizer::action(
                by,
                "session-cancelled",
                "session",
                Some(session.id),
                serde_json::json!({ "event": event.id, "told": told }),
            ),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(())
}

#[derive(Clone, Copy)]
enum Told {
    Moved,
    Cancelled,
}

/// Emails everyone holding a seat or a place in line for `session`, in their language, each
/// with their agenda (where the session's entry is updated or cancelled).
async fn tell_everyone(
    work: &mut Work,
    app: &App,
    event: &event::Model,
    session: &event_session::Model,
    told: Told,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let people = summit::attendance(work.conn(), session.id).await?;
    for (_, registration) in &people {
        let url = page_url(&app.brand, work.conn(), registration, None, now).await?;
        let mail = session_mail(event, session, registration, url.clone());
        let (kind, composed) = match told {
            Told::Moved => ("session-moved", compose::moved(&app.brand, &mail)),
            Told::Cancelled => ("session-cancelled", compose::cancelled(&app.brand, &mail)),
        };
        let file = agenda_attachment(&app.brand, work.conn(), event, registration, &url).await?;
        work.enqueue(email(kind, registration, composed, Some(file)), now)
            .await?;
    }
    Ok(people.len())
}

/// Tells someone taken from a session's line that the seat is theirs.
async fn tell_promoted(
    work: &mut Work,
    app: &App,
    event: &event::Model,
    choice: &session_choice::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    promoted_mail(&app.brand, work.conn(), event, choice, now).await?;
    work.mail_queued();
    Ok(())
}

/// Queues, in the caller's transaction, the email of a choice just taken from its session's
/// line, with the agenda. The caller wakes the worker after its commit.
pub async fn promoted_mail(
    brand: &Brand,
    conn: &impl ConnectionTrait,
    event: &event::Model,
    choice: &session_choice::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let Some(registration) = registration::Entity::find_by_id(choice.registration_id)
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let Some(session) = summit::find_session(conn, event.id, choice.session_id).await? else {
        return Ok(());
    };
    let url = page_url(brand, conn, &registration, None, now).await?;
    let composed = compose::agenda(
        brand,
        &session_mail(event, &session, &registration, url.clone()),
        AgendaChange::Promoted,
    );
    let file = agenda_attachment(brand, conn, event, &registration, &url).await?;
    outbox::enqueue(
        conn,
        email("session-promoted", &registration, composed, Some(file)),
        now,
    )
    .await
}

/// Check-in at a session's door, or its undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    In,
    Undo,
}

impl Door {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "check-in" => Some(Door::In),
            "undo" => Some(Door::Undo),
            _ => None,
        }
    }
}

/// Checks a seat holder in at the session (or undoes it); audited. False when the choice is
/// not a seat of this session.
pub async fn check_in(
    app: &App,
    by: i64,
    session: &event_session::Model,
    choice_id: i64,
    door: Door,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let work = app.begin().await?;
    let at = (door == Door::In).then_some(now);
    let done = summit::check_in(work.conn(), session.id, choice_id, at).await?;
    if done {
        work.audit(
            by_organizer::action(
                by,
                match door {
                    Door::In => "session-check-in",
                    Door::Undo => "session-undo",
                },
                "session",
                Some(session.id),
                serde_json::json!({ "choice": choice_id }),
            ),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(done)
}

/// A session's seats and line, for the CSV; the export is audited.
pub async fn export_attendance(
    app: &App,
    by: i64,
    session: &event_session::Model,
    now: DateTime<Utc>,
) -> Result<Vec<(session_choice::Model, registration::Model)>, DomainError> {
    let work = app.begin().await?;
    let rows = summit::attendance(work.conn(), session.id).await?;
    work.audit(
        by_organizer::action(
            by,
            "session-attendance-exported",
            "session",
            Some(session.id),
            serde_json::json!({ "rows": rows.len() }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(rows)
}
