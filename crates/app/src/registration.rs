//! Registering for an event: the public form, the signed-in member's one click, the button of
//! the emailed link, cancelling, and the promotion of the first in line that a freed seat
//! causes. Every door (the event page, the account page, the back office, erasure) goes
//! through these.
//!
//! Two rules hold here for every door:
//! - a registration answers to every link its emails ever carried, for its whole life
//!   (`events::add_link`): a resent confirmation, a promotion or someone typing the same
//!   address never turns an earlier email's link into a 404;
//! - an address typed in a form is sent at most `limits.mails_per_address_per_hour`
//!   registration emails an hour, counted in the outbox, and the form's answer is the same
//!   whether or not mail went.

use chrono::{DateTime, Utc};
use domain::{
    DomainError, Language,
    entities::{event, member, registration},
    events::{
        self, Accommodations, CancelOutcome, ConfirmOutcome, RegistrationRequest, RequestOutcome,
    },
    outbox::{self, Attachment, NewEmail},
    token::Secret,
    webhooks::Topic,
};
use mailer::{Brand, calendar, compose::events::EventMail};
use sea_orm::ConnectionTrait;

use crate::{App, Work};

/// What a registration form caused. The form answers the same to all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// A pending registration (new, or an earlier one): a link to confirm was mailed.
    ConfirmationMailed,
    /// They already hold a seat or a place in line: a link to their page was mailed.
    ReminderMailed,
    /// The address had its share of registration mail this hour: nothing was done.
    Throttled,
    /// The event takes no registrations now.
    Refused,
}

/// The public form: records the request and mails the link, within the per-address limit.
/// An existing registration of that address is never changed by it, nor are its links.
pub async fn request(
    app: &App,
    event: &event::Model,
    request: RegistrationRequest,
    now: DateTime<Utc>,
) -> Result<Requested, DomainError> {
    let mut work = app.begin().await?;
    let requested = request_in(app, &mut work, event, request, now).await?;
    work.commit().await?;
    Ok(requested)
}

/// `request` within `work`, for a door that writes more in the same transaction (the
/// partners' API audits it with it).
pub(crate) async fn request_in(
    app: &App,
    work: &mut Work,
    event: &event::Model,
    request: RegistrationRequest,
    now: DateTime<Utc>,
) -> Result<Requested, DomainError> {
    if !events::form_mail_allowed(work.conn(), &request.email, app.limits.throttle(), now).await? {
        return Ok(Requested::Throttled);
    }
    let requested = match events::request_registration(work.conn(), event, request, now).await? {
        RequestOutcome::Pending {
            registration,
            token,
        } => {
            let mail = event_mail(&app.brand, event, &registration, token.as_str());
            let composed = mailer::compose::events::request(&app.brand, &mail);
            work.enqueue(
                email_for(&registration, events::REQUEST_MAIL, composed, None),
                now,
            )
            .await?;
            Requested::ConfirmationMailed
        }
        // Already holding a seat or a place: one more link to their page, by email only, so
        // the answer on screen says nothing about who is registered. Their earlier links
        // keep working.
        RequestOutcome::AlreadyRegistered(registration) => {
            let token = events::add_link(work.conn(), registration.id, now).await?;
            let mail = event_mail(&app.brand, event, &registration, token.as_str());
            let composed = if registration.status == events::RegistrationStatus::Waitlisted {
                mailer::compose::events::waitlisted(
                    &app.brand,
                    &mail,
                    registration.waitlist_position.unwrap_or_default(),
                )
            } else {
                mailer::compose::events::confirmed(&app.brand, &mail)
            };
            work.enqueue(
                email_for(
                    &registration,
                    events::REMINDER_OF_REGISTRATION_MAIL,
                    composed,
                    None,
                ),
                now,
            )
            .await?;
            Requested::ReminderMailed
        }
        RequestOutcome::Refused(_) => Requested::Refused,
    };
    Ok(requested)
}

/// The button of an emailed link: a seat or a place in line, atomically, and its email.
/// `None` when the link is unknown.
///
/// The registration and its event are read, and both possible emails composed, before the
/// write transaction: under it (the event row locked on PostgreSQL, the database on SQLite)
/// only the seat or the place, the registration, the outbox row and the webhook rows are
/// written.
pub async fn confirm(
    app: &App,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<ConfirmOutcome>, DomainError> {
    let reader = app.db.reader();
    let Some(found) = events::find_by_token(reader, token).await? else {
        return Ok(None);
    };
    match found.status {
        events::RegistrationStatus::Confirmed | events::RegistrationStatus::Waitlisted => {
            return Ok(Some(ConfirmOutcome::AlreadyDone(found)));
        }
        events::RegistrationStatus::Cancelled => {
            return Ok(Some(ConfirmOutcome::Cancelled(found)));
        }
        events::RegistrationStatus::Pending => {}
    }
    let event = events::find(reader, found.event_id)
        .await?
        .ok_or(DomainError::Inconsistent("registration of a missing event"))?;
    if let Some(refused) = events::confirmation_refusal(&event, now) {
        return Ok(Some(ConfirmOutcome::Refused(refused)));
    }
    // Only the email the outcome will most likely need: a full event's is the waitlist's.
    let looked_full = event.is_full();
    let mut composed = Composed::new(&app.brand, &event, &found, token, looked_full);

    let mut work = app.begin().await?;
    let (outcome, written) = events::confirm_pending(work.conn(), &found, looked_full, now).await?;
    // An organizer's edit between the read and the lock: compose again from the event as it
    // is now, so the email never carries the old time or place.
    if written.updated_at != event.updated_at {
        composed = Composed::new(&app.brand, &written, &found, token, looked_full);
    }
    let email = match &outcome {
        ConfirmOutcome::Confirmed(registration) => {
            let (mail, file) = composed
                .seated
                .unwrap_or_else(|| Composed::seated(&app.brand, &written, &found, token));
            Some(email_for(registration, "event-confirmed", mail, Some(file)))
        }
        ConfirmOutcome::Waitlisted(registration) => {
            let mail = composed
                .waitlisted
                .unwrap_or_else(|| Composed::waitlisted(&app.brand, &written, &found, token));
            Some(email_for(
                registration,
                "event-waitlisted",
                mailer::compose::events::place(
                    mail,
                    registration.waitlist_position.unwrap_or_default(),
                ),
                None,
            ))
        }
        _ => None,
    };
    if let Some(email) = email {
        work.enqueue(email, now).await?;
    }
    if let ConfirmOutcome::Confirmed(registration) = &outcome {
        work.emit(
            Topic::RegistrationConfirmed,
            crate::webhooks::registration_data(&app.brand, registration),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(Some(outcome))
}

/// The email a confirmation will most likely send, composed before its write transaction;
/// the other one is composed under it in the rare case it is needed.
struct Composed {
    seated: Option<(mailer::Composed, Attachment)>,
    waitlisted: Option<mailer::Composed>,
}

impl Composed {
    fn new(
        brand: &Brand,
        event: &event::Model,
        pending: &registration::Model,
        token: &str,
        looked_full: bool,
    ) -> Self {
        if looked_full {
            Self {
                seated: None,
                waitlisted: Some(Self::waitlisted(brand, event, pending, token)),
            }
        } else {
            Self {
                seated: Some(Self::seated(brand, event, pending, token)),
                waitlisted: None,
            }
        }
    }

    /// The seat's email and calendar file, as the registration will be once seated (the
    /// join link goes to seats only).
    fn seated(
        brand: &Brand,
        event: &event::Model,
        pending: &registration::Model,
        token: &str,
    ) -> (mailer::Composed, Attachment) {
        let seated = registration::Model {
            status: events::RegistrationStatus::Confirmed,
            ..pending.clone()
        };
        (
            mailer::compose::events::confirmed(brand, &event_mail(brand, event, &seated, token)),
            calendar_file(brand, event, &seated, token),
        )
    }

    /// The waitlist's email, its place in line left to `place`.
    fn waitlisted(
        brand: &Brand,
        event: &event::Model,
        pending: &registration::Model,
        token: &str,
    ) -> mailer::Composed {
        let waiting = registration::Model {
            status: events::RegistrationStatus::Waitlisted,
            ..pending.clone()
        };
        mailer::compose::events::waitlisted_unplaced(
            brand,
            &event_mail(brand, event, &waiting, token),
        )
    }
}

/// The cancel button of a registration's page. `false` when the link is unknown.
pub async fn cancel(app: &App, token: &str, now: DateTime<Utc>) -> Result<bool, DomainError> {
    let mut work = app.begin().await?;
    let Some(registration) = events::find_by_token(work.conn(), token).await? else {
        return Ok(false);
    };
    let event = events::find(work.conn(), registration.event_id)
        .await?
        .ok_or(DomainError::Inconsistent("registration of a missing event"))?;
    if let Some(Cancelled {
        registration,
        had_seat,
    }) = cancel_and_promote(&app.brand, work.conn(), &event, &registration, now).await?
    {
        let mail = mailer::compose::events::cancelled(
            &app.brand,
            &event_mail(&app.brand, &event, &registration, token),
        );
        // Only a seat was ever in their calendar: the file takes it out again.
        let file = had_seat.then(|| {
            calendar_attachment(
                &app.brand,
                &event,
                language_of(&registration),
                &page_url(&app.brand, &registration, token),
                calendar::Method::Cancel,
            )
        });
        work.enqueue(email_for(&registration, "event-cancelled", mail, file), now)
            .await?;
    }
    // A promotion's email, if any, was queued by `cancel_and_promote`.
    work.mail_queued();
    work.commit().await?;
    Ok(true)
}

/// A signed-in member registers in one click: their address is known to be theirs, so the
/// seat (or a place in line) is taken at once and the email confirms it. Returns the new
/// link of their page, when one was issued.
pub async fn register_member(
    app: &App,
    event: &event::Model,
    member: &member::Model,
    accommodations: Option<Accommodations>,
    now: DateTime<Utc>,
) -> Result<Option<Secret>, DomainError> {
    let mut work = app.begin().await?;
    let direct =
        events::register_member_directly(work.conn(), event, member, accommodations, now).await?;
    let email = match (&direct.outcome, &direct.token) {
        (ConfirmOutcome::Confirmed(r), Some(token)) => {
            let mail = mailer::compose::events::confirmed(
                &app.brand,
                &event_mail(&app.brand, event, r, token.as_str()),
            );
            Some(email_for(
                r,
                "event-confirmed",
                mail,
                Some(calendar_file(&app.brand, event, r, token.as_str())),
            ))
        }
        (ConfirmOutcome::Waitlisted(r), Some(token)) => {
            let position = r.waitlist_position.unwrap_or_default();
            let mail = mailer::compose::events::waitlisted(
                &app.brand,
                &event_mail(&app.brand, event, r, token.as_str()),
                position,
            );
            Some(email_for(r, "event-waitlisted", mail, None))
        }
        _ => None,
    };
    if let Some(email) = email {
        work.enqueue(email, now).await?;
    }
    if let ConfirmOutcome::Confirmed(registration) = &direct.outcome {
        work.emit(
            Topic::RegistrationConfirmed,
            crate::webhooks::registration_data(&app.brand, registration),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(direct.token)
}

/// A registration just cancelled.
#[derive(Debug)]
pub struct Cancelled {
    pub registration: registration::Model,
    /// It held a seat (was confirmed), so its calendar file went out and is to be withdrawn.
    pub had_seat: bool,
}

/// Cancels a registration in the caller's transaction and, if that freed a seat for someone
/// on the waitlist, emails them their seat. Returns the cancelled registration (`None` if it
/// was cancelled already). The caller wakes the worker after its commit.
pub async fn cancel_and_promote(
    brand: &Brand,
    conn: &impl ConnectionTrait,
    event: &event::Model,
    registration: &registration::Model,
    now: DateTime<Utc>,
) -> Result<Option<Cancelled>, DomainError> {
    let CancelOutcome::Cancelled {
        registration,
        was,
        promoted,
    } = events::cancel_registration(conn, registration, now).await?
    else {
        return Ok(None);
    };
    if let Some(promoted) = promoted {
        promote_mail(brand, conn, event, &promoted, now).await?;
    }
    // Without a seat in the event, no seat in its sessions: each goes to the first in line.
    for choice in domain::summit::release_all(conn, registration.id, now).await? {
        crate::summit::promoted_mail(brand, conn, event, &choice, now).await?;
    }
    crate::webhooks::emit_in(
        conn,
        Topic::RegistrationCancelled,
        crate::webhooks::registration_data(brand, &registration),
        now,
    )
    .await?;
    Ok(Some(Cancelled {
        registration,
        had_seat: was == events::RegistrationStatus::Confirmed,
    }))
}

/// Emails a registration just promoted from the waitlist its seat: one more link to its page
/// (the link of its waitlist email keeps working) and the calendar file. In the caller's
/// transaction; the caller wakes the worker after its commit.
pub async fn promote_mail(
    brand: &Brand,
    conn: &impl ConnectionTrait,
    event: &event::Model,
    promoted: &registration::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let fresh = events::add_link(conn, promoted.id, now).await?;
    let mail = mailer::compose::events::promoted(
        brand,
        &event_mail(brand, event, promoted, fresh.as_str()),
    );
    let file = calendar_file(brand, event, promoted, fresh.as_str());
    outbox::enqueue(
        conn,
        email_for(promoted, "event-promoted", mail, Some(file)),
        now,
    )
    .await?;
    crate::webhooks::emit_in(
        conn,
        Topic::RegistrationConfirmed,
        crate::webhooks::registration_data(brand, promoted),
        now,
    )
    .await
}

fn language_of(registration: &registration::Model) -> Language {
    registration.language
}

/// The address of a registration's page for one of its links.
pub fn page_url(brand: &Brand, registration: &registration::Model, token: &str) -> String {
    brand.link(&format!(
        "/{}/registrations/{token}",
        language_of(registration).code()
    ))
}

fn event_mail(
    brand: &Brand,
    event: &event::Model,
    registration: &registration::Model,
    token: &str,
) -> EventMail {
    let lang = language_of(registration);
    EventMail {
        lang,
        name: registration.full_name.clone(),
        title: event.title(lang).to_owned(),
        when: mailer::dates::event_span(lang, event),
        page_url: page_url(brand, registration, token),
        // The join link goes to confirmed registrants only.
        online_link: (registration.status == events::RegistrationStatus::Confirmed)
            .then(|| event.online_link.clone())
            .flatten(),
    }
}

fn email_for(
    registration: &registration::Model,
    kind: &'static str,
    mail: mailer::Composed,
    attachment: Option<Attachment>,
) -> NewEmail {
    NewEmail {
        kind,
        recipient: registration.email.clone(),
        language: language_of(registration),
        member_id: registration.member_id,
        subject: mail.subject,
        body_text: mail.text,
        body_html: mail.html,
        headers: mail.headers,
        attachment,
    }
}

/// The calendar file of a registration, attached to a seat's email and downloaded from its
/// page.
pub fn calendar_file(
    brand: &Brand,
    event: &event::Model,
    registration: &registration::Model,
    token: &str,
) -> Attachment {
    calendar_attachment(
        brand,
        event,
        language_of(registration),
        &page_url(brand, registration, token),
        calendar::Method::Publish,
    )
}

/// The file a registration's page offers: only a seat goes in a calendar, so a pending,
/// waitlisted or cancelled registration has none (`None`).
pub fn downloadable_calendar(
    brand: &Brand,
    event: &event::Model,
    registration: &registration::Model,
    token: &str,
) -> Option<Attachment> {
    (registration.status == events::RegistrationStatus::Confirmed)
        .then(|| calendar_file(brand, event, registration, token))
}

/// `event` as a calendar file in `lang` linking to `page_url`, with the Content-Type that
/// matches `method`.
pub(crate) fn calendar_attachment(
    brand: &Brand,
    event: &event::Model,
    lang: Language,
    page_url: &str,
    method: calendar::Method,
) -> Attachment {
    Attachment {
        filename: format!("{}.ics", event.slug),
        content_type: method.content_type(),
        content: calendar::ics(event, lang, page_url, brand, method),
    }
}
