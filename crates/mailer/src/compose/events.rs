//! The emails of event registration, in the registrant's language.

use domain::Language;

use super::{Action, Body, Brand, Composed};
use crate::i18n::{t, t_with};

/// What every event email says about the event.
pub struct EventMail {
    pub lang: Language,
    pub name: String,
    pub title: String,
    pub when: String,
    /// The registration page: status, calendar file, cancel.
    pub page_url: String,
    /// Given to confirmed registrants only.
    pub online_link: Option<String>,
}

fn body(
    m: &EventMail,
    subject_key: &str,
    paragraphs: Vec<String>,
    action: Option<Action>,
    after: Vec<String>,
) -> Body {
    Body {
        lang: m.lang,
        subject: t_with(m.lang, subject_key, &[("event", &m.title)]),
        greeting: t_with(m.lang, "mail-greeting", &[("name", &m.name)]),
        paragraphs,
        action,
        after,
        unsubscribe: None,
    }
}

pub fn request(brand: &Brand, m: &EventMail) -> Composed {
    let lang = m.lang;
    body(
        m,
        "mail-event-request-subject",
        vec![
            t_with(
                lang,
                "mail-event-request-intro",
                &[("event", &m.title), ("date", &m.when)],
            ),
            t(lang, "mail-event-request-action"),
        ],
        Some(Action {
            label: t(lang, "registration-confirm-button"),
            url: m.page_url.clone(),
        }),
        vec![],
    )
    .render(brand)
}

fn seat_details(m: &EventMail) -> Vec<String> {
    let mut after = vec![t_with(m.lang, "mail-event-manage", &[("url", &m.page_url)])];
    if let Some(link) = &m.online_link {
        after.insert(0, t_with(m.lang, "mail-event-online", &[("url", link)]));
    }
    after
}

pub fn confirmed(brand: &Brand, m: &EventMail) -> Composed {
    let intro = t_with(
        m.lang,
        "mail-event-confirmed-intro",
        &[("event", &m.title), ("date", &m.when)],
    );
    body(
        m,
        "mail-event-confirmed-subject",
        vec![intro],
        None,
        seat_details(m),
    )
    .render(brand)
}

pub fn promoted(brand: &Brand, m: &EventMail) -> Composed {
    let intro = t_with(
        m.lang,
        "mail-event-promoted-intro",
        &[("event", &m.title), ("date", &m.when)],
    );
    body(
        m,
        "mail-event-promoted-subject",
        vec![intro],
        None,
        seat_details(m),
    )
    .render(brand)
}

pub fn waitlisted(brand: &Brand, m: &EventMail, position: i32) -> Composed {
    waitlisted_at(brand, m, &position.to_string())
}

/// Stands for the place in line in `waitlisted_unplaced`: a private-use character, which no
/// title, name or link of the email can hold and no escaping changes.
const POSITION_MARK: &str = "\u{E000}";

/// The waitlisted email composed before the place in line is known (so not while the event
/// row is locked); `place` writes the place in.
pub fn waitlisted_unplaced(brand: &Brand, m: &EventMail) -> Composed {
    waitlisted_at(brand, m, POSITION_MARK)
}

/// Writes the place in line into an email from `waitlisted_unplaced`.
pub fn place(mut mail: Composed, position: i32) -> Composed {
    let position = position.to_string();
    for part in [&mut mail.subject, &mut mail.text, &mut mail.html] {
        if part.contains(POSITION_MARK) {
            *part = part.replace(POSITION_MARK, &position);
        }
    }
    mail
}

fn waitlisted_at(brand: &Brand, m: &EventMail, position: &str) -> Composed {
    let intro = t_with(
        m.lang,
        "mail-event-waitlisted-intro",
        &[("event", &m.title), ("position", position)],
    );
    let manage = t_with(m.lang, "mail-event-manage", &[("url", &m.page_url)]);
    body(
        m,
        "mail-event-waitlisted-subject",
        vec![intro],
        None,
        vec![manage],
    )
    .render(brand)
}

pub fn cancelled(brand: &Brand, m: &EventMail) -> Composed {
    let intro = t_with(m.lang, "mail-event-cancelled-intro", &[("event", &m.title)]);
    body(m, "mail-event-cancelled-subject", vec![intro], None, vec![]).render(brand)
}

/// The organizers cancelled the whole event.
pub fn called_off(brand: &Brand, m: &EventMail) -> Composed {
    let intro = t_with(
        m.lang,
        "mail-event-called-off-intro",
        &[("event", &m.title), ("date", &m.when)],
    );
    body(
        m,
        "mail-event-called-off-subject",
        vec![intro],
        None,
        vec![],
    )
    .render(brand)
}

/// The reminder a day before, to confirmed registrants. `page_url` is the public event page.
pub fn reminder(brand: &Brand, m: &EventMail) -> Composed {
    let mut after = vec![t_with(
        m.lang,
        "mail-event-reminder-page",
        &[("url", &m.page_url)],
    )];
    if let Some(link) = &m.online_link {
        after.insert(0, t_with(m.lang, "mail-event-online", &[("url", link)]));
    }
    let intro = t_with(
        m.lang,
        "mail-event-reminder-intro",
        &[("event", &m.title), ("date", &m.when)],
    );
    body(m, "mail-event-reminder-subject", vec![intro], None, after).render(brand)
}

/// The time or the place changed; `page_url` is the public event page.
pub fn changed(brand: &Brand, m: &EventMail, place: Option<&str>) -> Composed {
    let mut paragraphs = vec![t_with(
        m.lang,
        "mail-event-changed-intro",
        &[("event", &m.title), ("date", &m.when)],
    )];
    if let Some(place) = place {
        paragraphs.push(t_with(
            m.lang,
            "mail-event-changed-where",
            &[("place", place)],
        ));
    }
    let after = vec![t_with(
        m.lang,
        "mail-event-reminder-page",
        &[("url", &m.page_url)],
    )];
    body(m, "mail-event-changed-subject", paragraphs, None, after).render(brand)
}

/// A message an organizer writes to the registrants of an event, in their own words.
pub fn message(brand: &Brand, m: &EventMail, subject: &str, text: &str) -> Composed {
    let paragraphs = text
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    let after = vec![t_with(
        m.lang,
        "mail-event-reminder-page",
        &[("url", &m.page_url)],
    )];
    let mut body = body(m, "mail-event-reminder-subject", paragraphs, None, after);
    // Control characters could break out of the Subject header.
    body.subject = subject.chars().filter(|c| !c.is_control()).collect();
    body.render(brand)
}
