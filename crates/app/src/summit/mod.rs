//! The Digital Summit's use cases. `programme`: organizers create, edit, move and cancel
//! sessions (everyone who chose one is told in their language, with their agenda updated),
//! check people in per session and export a session's attendance — all audited. `choices`:
//! a confirmed registrant (by their registration link, or signed in) chooses and gives up
//! sessions, downloads their agenda, and is reminded an hour before each online session.

mod choices;
mod programme;

pub use choices::{agenda_file, choose, send_reminders, unchoose};
pub use programme::{Door, cancel, check_in, export_attendance, move_session, promoted_mail, save};

use chrono::{DateTime, Utc};
use domain::{
    DomainError, Language,
    entities::{event, event_session, registration, session_choice},
    events,
    outbox::{Attachment, NewEmail},
    summit,
};
use mailer::{Brand, calendar, compose::summit::SessionMail};
use sea_orm::ConnectionTrait;

/// A registration's agenda as a file: one entry per session chosen (or once chosen).
pub(crate) async fn agenda_attachment(
    brand: &Brand,
    conn: &impl ConnectionTrait,
    event: &event::Model,
    registration: &registration::Model,
    page_url: &str,
) -> Result<Attachment, DomainError> {
    let choices = summit::choices_of(conn, registration.id).await?;
    Ok(agenda_of(brand, event, registration, &choices, page_url))
}

/// The agenda file of `choices` (a registration's, with their sessions).
pub(crate) fn agenda_of(
    brand: &Brand,
    event: &event::Model,
    registration: &registration::Model,
    choices: &[(session_choice::Model, event_session::Model)],
    page_url: &str,
) -> Attachment {
    let entries: Vec<calendar::AgendaEntry<'_>> = choices
        .iter()
        .map(|(choice, session)| calendar::AgendaEntry { session, choice })
        .collect();
    Attachment {
        filename: format!("{}-agenda.ics", event.slug),
        content_type: calendar::Method::Publish.content_type(),
        content: calendar::agenda(event, &entries, registration.language, page_url, brand),
    }
}

/// The registration page's address: with the caller's token when it has one (the person is on
/// that page), else with a fresh link (every earlier link keeps working).
pub(crate) async fn page_url(
    brand: &Brand,
    conn: &impl ConnectionTrait,
    registration: &registration::Model,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let token = match token {
        Some(token) => token.to_owned(),
        None => events::add_link(conn, registration.id, now)
            .await?
            .as_str()
            .to_owned(),
    };
    Ok(crate::registration::page_url(brand, registration, &token))
}

/// What a session email says, in the registration's language. Never the livestream link:
/// only the reminder carries it, and only to a seat.
pub(crate) fn session_mail(
    event: &event::Model,
    session: &event_session::Model,
    registration: &registration::Model,
    page_url: String,
) -> SessionMail {
    let lang: Language = registration.language;
    SessionMail {
        lang,
        name: registration.full_name.clone(),
        event: event.title(lang).to_owned(),
        session: session.title(lang).to_owned(),
        when: mailer::dates::span(
            lang,
            session.starts_at,
            session.ends_at,
            calendar::zone(event),
        ),
        page_url,
    }
}

pub(crate) fn email(
    kind: &'static str,
    registration: &registration::Model,
    mail: mailer::Composed,
    attachment: Option<Attachment>,
) -> NewEmail {
    let mut email = crate::mail::email_to(
        kind,
        &registration.email,
        registration.member_id,
        registration.language,
        mail,
    );
    email.attachment = attachment;
    email
}
