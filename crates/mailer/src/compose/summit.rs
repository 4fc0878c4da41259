//! The emails of the Digital Summit's sessions, in the registrant's language: the agenda after
//! each change of someone's choices (with the agenda file), a session moved or cancelled, and
//! the reminder an hour before an online session with its livestream link. Only the reminder
//! carries the link, and only seat holders are sent one.

use domain::Language;

use super::{Body, Brand, Composed};
use crate::i18n::{t, t_with};

/// What every session email says.
pub struct SessionMail {
    pub lang: Language,
    pub name: String,
    pub event: String,
    pub session: String,
    /// The session's times, in words, in the event's zone.
    pub when: String,
    /// The registration page, where the sessions are chosen.
    pub page_url: String,
}

/// What changed in someone's choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgendaChange {
    Chosen,
    Waitlisted { position: i32 },
    Promoted,
    GivenUp,
}

fn body(m: &SessionMail, subject: String, paragraphs: Vec<String>, after: Vec<String>) -> Body {
    Body {
        lang: m.lang,
        subject,
        greeting: t_with(m.lang, "mail-greeting", &[("name", &m.name)]),
        paragraphs,
        action: None,
        after,
        unsubscribe: None,
    }
}

fn manage(m: &SessionMail) -> String {
    t_with(m.lang, "mail-summit-manage", &[("url", &m.page_url)])
}

/// A change of choices, with the agenda attached by the caller.
pub fn agenda(brand: &Brand, m: &SessionMail, change: AgendaChange) -> Composed {
    let lang = m.lang;
    let args = [("session", m.session.as_str()), ("date", m.when.as_str())];
    let intro = match change {
        AgendaChange::Chosen => t_with(lang, "mail-summit-chosen", &args),
        AgendaChange::Promoted => t_with(lang, "mail-summit-promoted", &args),
        AgendaChange::GivenUp => t_with(lang, "mail-summit-unchosen", &args),
        AgendaChange::Waitlisted { position } => t_with(
            lang,
            "mail-summit-waitlisted",
            &[
                ("session", m.session.as_str()),
                ("position", &position.to_string()),
            ],
        ),
    };
    body(
        m,
        t_with(lang, "mail-summit-agenda-subject", &[("event", &m.event)]),
        vec![intro, t(lang, "mail-summit-agenda-attached")],
        vec![manage(m)],
    )
    .render(brand)
}

/// The organizers moved the session (`when` is its new time).
pub fn moved(brand: &Brand, m: &SessionMail) -> Composed {
    let lang = m.lang;
    let intro = t_with(
        lang,
        "mail-summit-moved-intro",
        &[
            ("session", m.session.as_str()),
            ("event", m.event.as_str()),
            ("date", m.when.as_str()),
        ],
    );
    body(
        m,
        t_with(
            lang,
            "mail-summit-moved-subject",
            &[("session", &m.session)],
        ),
        vec![intro, t(lang, "mail-summit-agenda-attached")],
        vec![manage(m)],
    )
    .render(brand)
}

/// The organizers cancelled the session.
pub fn cancelled(brand: &Brand, m: &SessionMail) -> Composed {
    let lang = m.lang;
    let intro = t_with(
        lang,
        "mail-summit-cancelled-intro",
        &[
            ("session", m.session.as_str()),
            ("event", m.event.as_str()),
            ("date", m.when.as_str()),
        ],
    );
    body(
        m,
        t_with(
            lang,
            "mail-summit-cancelled-subject",
            &[("session", &m.session)],
        ),
        vec![intro, t(lang, "mail-summit-agenda-attached")],
        vec![manage(m)],
    )
    .render(brand)
}

/// An hour before an online or hybrid session, to a seat holder: its livestream link.
pub fn reminder(brand: &Brand, m: &SessionMail, livestream: &str) -> Composed {
    let lang = m.lang;
    let intro = t_with(
        lang,
        "mail-summit-reminder-intro",
        &[("session", m.session.as_str()), ("date", m.when.as_str())],
    );
    body(
        m,
        t_with(
            lang,
            "mail-summit-reminder-subject",
            &[("session", &m.session)],
        ),
        vec![intro],
        vec![
            t_with(lang, "mail-summit-livestream", &[("url", livestream)]),
            manage(m),
        ],
    )
    .render(brand)
}
