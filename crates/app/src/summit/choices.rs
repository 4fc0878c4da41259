//! A confirmed registrant's sessions: choosing one (a seat or a place in its line, atomically,
//! overlaps refused), giving one up (the seat goes to the first in line, who is told), the
//! agenda file, and the reminder an hour before each online or hybrid session with its
//! livestream link — claimed and queued in one transaction, so sent once.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::{
    DomainError,
    entities::{event, registration},
    events,
    outbox::Attachment,
    summit::{self, ChoiceOutcome},
};
use mailer::compose::summit::{self as compose, AgendaChange};
use sea_orm::EntityTrait;

use super::{
    agenda_attachment, agenda_of, email, page_url, programme::promoted_mail, session_mail,
};
use crate::{App, Work};

/// Chooses a session for a registration of `event`. `token` is the registration link the
/// person came with (a signed-in member has none: their email gets a fresh one). A seat or a
/// place in line sends the agenda.
pub async fn choose(
    app: &App,
    event: &event::Model,
    registration: &registration::Model,
    session_id: i64,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ChoiceOutcome, DomainError> {
    let mut work = app.begin().await?;
    // What the email needs is read before the seat is claimed: the claim holds the session's
    // row (PostgreSQL) until commit, and every other choice of the session waits for it.
    let Some(session) = summit::find_session(work.conn(), event.id, session_id).await? else {
        return Ok(ChoiceOutcome::Refused(
            summit::ChoiceRefusal::UnknownSession,
        ));
    };
    let mut choices = summit::choices_of(work.conn(), registration.id).await?;
    let url = page_url(&app.brand, work.conn(), registration, token, now).await?;
    let outcome = summit::choose(work.conn(), registration.id, session_id, now).await?;
    let (choice, change) = match &outcome {
        ChoiceOutcome::Chosen(choice) => (choice, AgendaChange::Chosen),
        ChoiceOutcome::Waitlisted(choice) => (
            choice,
            AgendaChange::Waitlisted {
                position: choice.waitlist_position.unwrap_or_default(),
            },
        ),
        ChoiceOutcome::AlreadyDone(_) | ChoiceOutcome::Refused(_) => {
            // Nothing changed: nothing to write (a link made for the email is dropped with
            // the transaction).
            return Ok(outcome);
        }
    };
    choices.retain(|(c, _)| c.session_id != session_id);
    choices.push((choice.clone(), session.clone()));
    let composed = compose::agenda(
        &app.brand,
        &session_mail(event, &session, registration, url.clone()),
        change,
    );
    let file = agenda_of(&app.brand, event, registration, &choices, &url);
    work.enqueue(
        email("session-agenda", registration, composed, Some(file)),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(outcome)
}

/// Gives up a session: the person gets their agenda without it, the first in line the seat.
/// False when there was nothing to give up.
pub async fn unchoose(
    app: &App,
    event: &event::Model,
    registration: &registration::Model,
    session_id: i64,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let mut work = app.begin().await?;
    let Some(done) = summit::unchoose(work.conn(), registration.id, session_id, now).await? else {
        return Ok(false);
    };
    for promoted in &done.promoted {
        promoted_mail(&app.brand, work.conn(), event, promoted, now).await?;
        work.mail_queued();
    }
    tell(
        &mut work,
        app,
        event,
        registration,
        session_id,
        token,
        AgendaChange::GivenUp,
        now,
    )
    .await?;
    work.commit().await?;
    Ok(true)
}

#[allow(clippy::too_many_arguments)]
async fn tell(
    work: &mut Work,
    app: &App,
    event: &event::Model,
    registration: &registration::Model,
    session_id: i64,
    token: Option<&str>,
    change: AgendaChange,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let session = summit::find_session(work.conn(), event.id, session_id)
        .await?
        .ok_or(DomainError::Inconsistent("choice of a missing session"))?;
    let url = page_url(&app.brand, work.conn(), registration, token, now).await?;
    let composed = compose::agenda(
        &app.brand,
        &session_mail(event, &session, registration, url.clone()),
        change,
    );
    let file = agenda_attachment(&app.brand, work.conn(), event, registration, &url).await?;
    work.enqueue(
        email("session-agenda", registration, composed, Some(file)),
        now,
    )
    .await
}

/// The agenda a registration page offers for download.
pub async fn agenda_file(
    app: &App,
    event: &event::Model,
    registration: &registration::Model,
    token: &str,
) -> Result<Attachment, DomainError> {
    let url = crate::registration::page_url(&app.brand, registration, token);
    agenda_attachment(&app.brand, app.db.reader(), event, registration, &url).await
}

/// Queues the reminders of the seats in online or hybrid sessions starting within the hour,
/// each claimed in this transaction: a failure gives the claims back, a second worker finds
/// them taken. Returns how many were queued.
pub async fn send_reminders(
    work: &mut Work,
    app: &App,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let due = summit::claim_due_reminders(work.conn(), now, 1_000).await?;
    let mut events_by_id: HashMap<i64, Option<event::Model>> = HashMap::new();
    let mut sent = 0;
    for d in &due {
        if let std::collections::hash_map::Entry::Vacant(slot) =
            events_by_id.entry(d.session.event_id)
        {
            slot.insert(
                event::Entity::find_by_id(d.session.event_id)
                    .one(work.conn())
                    .await?,
            );
        }
        let Some(Some(event)) = events_by_id.get(&d.session.event_id) else {
            continue;
        };
        // A cancelled event reminds nobody (the claim stays: nothing is owed).
        let (events::EventStatus::Published, Some(link)) =
            (event.status, d.session.livestream_url.as_deref())
        else {
            continue;
        };
        let url = page_url(&app.brand, work.conn(), &d.registration, None, now).await?;
        let composed = compose::reminder(
            &app.brand,
            &session_mail(event, &d.session, &d.registration, url),
            link,
        );
        work.enqueue(
            email("session-reminder", &d.registration, composed, None),
            now,
        )
        .await?;
        sent += 1;
    }
    Ok(sent)
}
