//! Organizers run events: create and edit them (an edit that moves the time or place tells
//! the registrants, and new seats go to the first in line), publish, cancel (telling every
//! registrant), message the registrants, and check people in at the door. Each is one
//! transaction, audited; the scope (which events an organizer may touch) is checked by the
//! caller, which found the event among the organizer's chapters.

use chrono::{DateTime, Utc};
use domain::{
    DomainError, Language,
    entities::{event, registration},
    events::{self, EventError, EventFields, RegistrationStatus},
};
use mailer::{Brand, calendar::Method, compose::events::EventMail};

use crate::{App, Work, by_organizer, mail::email_to, registration::calendar_attachment};

/// Creates an event (`existing` is `None`) or edits one. After an edit, registrants hear of
/// a new time or place and the people promoted by more seats get their seat.
pub async fn save(
    app: &App,
    by: i64,
    existing: Option<&event::Model>,
    fields: EventFields,
    now: DateTime<Utc>,
) -> Result<event::Model, EventError> {
    let mut work = app.begin().await?;
    let (event, promoted, changed) = match existing {
        None => (
            events::create_event(work.conn(), fields, now).await?,
            Vec::new(),
            false,
        ),
        Some(e) => {
            let updated = events::update_event(work.conn(), e.id, fields, now).await?;
            (
                updated.event,
                updated.promoted,
                updated.time_or_place_changed,
            )
        }
    };
    for registration in &promoted {
        crate::registration::promote_mail(&app.brand, work.conn(), &event, registration, now)
            .await?;
        work.mail_queued();
    }
    if changed {
        notify_change(&mut work, &app.brand, &event, now).await?;
    }
    let action = if existing.is_some() {
        "event-updated"
    } else {
        "event-created"
    };
    work.audit(
        by_organizer::action(
            by,
            action,
            "event",
            Some(event.id),
            serde_json::json!({ "slug": event.slug, "promoted": promoted.len() }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(event)
}

/// Tells everyone confirmed or waiting that the event's time or place changed.
async fn notify_change(
    work: &mut Work,
    brand: &Brand,
    event: &event::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let place = [event.venue.as_deref(), event.address.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    for status in [
        RegistrationStatus::Confirmed,
        RegistrationStatus::Waitlisted,
    ] {
        for r in events::registrations_of(work.conn(), event.id, Some(status), None).await? {
            let (lang, mail) = mail_to(brand, event, &r, &format!("events/{}", event.slug));
            let composed = mailer::compose::events::changed(
                brand,
                &mail,
                (!place.is_empty()).then_some(place.as_str()),
            );
            let mut email = email_to("event-changed", &r.email, r.member_id, lang, composed);
            // A seat's entry is in their calendar: the same UID with the event's new
            // SEQUENCE (its `updated_at` moved on save) replaces it.
            if status == RegistrationStatus::Confirmed {
                email.attachment = Some(calendar_attachment(
                    brand,
                    event,
                    lang,
                    &mail.page_url,
                    Method::Publish,
                ));
            }
            work.enqueue(email, now).await?;
        }
    }
    Ok(())
}

/// The email about `event` to a registration, linking to `/{lang}/{page}`; never the online
/// link (these go to the waiting and the cancelled too).
fn mail_to(
    brand: &Brand,
    event: &event::Model,
    r: &registration::Model,
    page: &str,
) -> (Language, EventMail) {
    let lang = r.language;
    let mail = EventMail {
        lang,
        name: r.full_name.clone(),
        title: event.title(lang).to_owned(),
        when: mailer::dates::event_span(lang, event),
        page_url: brand.link(&format!("/{}/{page}", lang.code())),
        online_link: None,
    };
    (lang, mail)
}

/// Publishes a draft; refused (nothing written) while it is incomplete or cancelled.
pub async fn publish(
    app: &App,
    by: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<event::Model, EventError> {
    let work = app.begin().await?;
    // Dropped without commit on refusal: nothing was written.
    let published = events::publish(work.conn(), id, now).await?;
    work.audit(
        by_organizer::action(
            by,
            "event-published",
            "event",
            Some(published.id),
            serde_json::json!({}),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(published)
}

/// Cancels an event and emails every registrant, in their language, once: cancelling a
/// cancelled event tells nobody again.
pub async fn cancel(app: &App, by: i64, id: i64, now: DateTime<Utc>) -> Result<(), EventError> {
    let mut work = app.begin().await?;
    let cancellation = events::cancel_event(work.conn(), id, now).await?;
    if cancellation.newly_cancelled {
        for registration in &cancellation.registrants {
            let (lang, mail) = mail_to(&app.brand, &cancellation.event, registration, "events");
            let composed = mailer::compose::events::called_off(&app.brand, &mail);
            let mut email = email_to(
                "event-cancelled-by-organizers",
                &registration.email,
                registration.member_id,
                lang,
                composed,
            );
            // The rows keep their status: a confirmed one had the file, which now comes out.
            if registration.status == RegistrationStatus::Confirmed {
                email.attachment = Some(calendar_attachment(
                    &app.brand,
                    &cancellation.event,
                    lang,
                    &mail.page_url,
                    Method::Cancel,
                ));
            }
            work.enqueue(email, now).await?;
        }
        work.audit(
            by_organizer::action(
                by,
                "event-cancelled",
                "event",
                Some(id),
                serde_json::json!({ "registrants_told": cancellation.registrants.len() }),
            ),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(())
}

/// Who a message to registrants goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Confirmed,
    Waitlisted,
}

impl Audience {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "confirmed" => Some(Audience::Confirmed),
            "waitlisted" => Some(Audience::Waitlisted),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Audience::Confirmed => "confirmed",
            Audience::Waitlisted => "waitlisted",
        }
    }

    fn status(self) -> RegistrationStatus {
        match self {
            Audience::Confirmed => RegistrationStatus::Confirmed,
            Audience::Waitlisted => RegistrationStatus::Waitlisted,
        }
    }
}

/// Why a message was refused, before anything was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageProblem {
    Empty,
    /// A subject is one header line: a line break or other control character could add
    /// headers.
    SubjectLine,
    TooLong,
}

/// A message from the organizers to everyone confirmed, or everyone waiting, through the
/// outbox. Audited. Returns how many it went to.
pub async fn message_registrants(
    app: &App,
    by: i64,
    event: &event::Model,
    audience: Audience,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<Result<usize, MessageProblem>, DomainError> {
    let (subject, body) = (subject.trim(), body.trim());
    if subject.is_empty() || body.is_empty() {
        return Ok(Err(MessageProblem::Empty));
    } else if subject.chars().any(char::is_control) {
        return Ok(Err(MessageProblem::SubjectLine));
    } else if subject.chars().count() > 200 || body.chars().count() > 10_000 {
        return Ok(Err(MessageProblem::TooLong));
    }
    let mut work = app.begin().await?;
    let recipients =
        events::registrations_of(work.conn(), event.id, Some(audience.status()), None).await?;
    for r in &recipients {
        let (lang, mail) = mail_to(&app.brand, event, r, &format!("events/{}", event.slug));
        let composed = mailer::compose::events::message(&app.brand, &mail, subject, body);
        work.enqueue(
            email_to("event-message", &r.email, r.member_id, lang, composed),
            now,
        )
        .await?;
    }
    work.audit(
        by_organizer::action(
            by,
            "event-message",
            "event",
            Some(event.id),
            serde_json::json!({
                "audience": audience.as_str(),
                "recipients": recipients.len(),
                "subject": subject,
            }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(Ok(recipients.len()))
}

/// At the door: a check-in, or its undo for a slip of the thumb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    CheckIn,
    Undo,
}

impl Door {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "check-in" => Some(Door::CheckIn),
            "undo" => Some(Door::Undo),
            _ => None,
        }
    }

    fn action(self) -> &'static str {
        match self {
            Door::CheckIn => "registration-check-in",
            Door::Undo => "registration-undo",
        }
    }
}

/// Checks a registrant of `event_id` in, or undoes it. Audited either way.
pub async fn check_in(
    app: &App,
    by: i64,
    event_id: i64,
    registration_id: i64,
    door: Door,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let work = app.begin().await?;
    match door {
        Door::CheckIn => {
            events::check_in(work.conn(), event_id, registration_id, now).await?;
        }
        Door::Undo => {
            events::undo_check_in(work.conn(), event_id, registration_id).await?;
        }
    }
    work.audit(
        by_organizer::action(
            by,
            door.action(),
            "registration",
            Some(registration_id),
            serde_json::json!({ "event": event_id }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(())
}

/// The registrations of `event` for the organizers' export, the export audited.
pub async fn export_registrations(
    app: &App,
    by: i64,
    event: &event::Model,
    now: DateTime<Utc>,
) -> Result<Vec<registration::Model>, DomainError> {
    let registrations = events::registrations_of(app.db.reader(), event.id, None, None).await?;
    let work = app.begin().await?;
    work.audit(
        by_organizer::action(
            by,
            "registrations-exported",
            "event",
            Some(event.id),
            serde_json::json!({ "rows": registrations.len() }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(registrations)
}
