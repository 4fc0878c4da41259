//! A registrant's personal agenda: one calendar file with one VEVENT per chosen session. Each
//! entry's UID is the session's for its whole life; its SEQUENCE is the session's plus the
//! choice's revision, both of which only grow, so every change (a move, a cancellation, a
//! choice given up) replaces what calendars hold. A session given up or cancelled stays in
//! the file as STATUS:CANCELLED, so a calendar that imported it removes it.

use chrono::{DateTime, Utc};
use domain::{
    Language,
    entities::{event, event_session, session_choice},
    summit::ChoiceStatus,
};

use super::{Method, begin_calendar, host, ical, vtimezone, zone};
use crate::{Brand, markdown};

/// One session in someone's agenda.
pub struct AgendaEntry<'a> {
    pub session: &'a event_session::Model,
    pub choice: &'a session_choice::Model,
}

impl AgendaEntry<'_> {
    /// Holds a seat in a session that takes place: the only entries that say CONFIRMED, and
    /// the only ones that carry the livestream link.
    fn holds_seat(&self) -> bool {
        self.choice.status == ChoiceStatus::Chosen && !self.session.is_cancelled()
    }

    /// In the file at all: a seat, or one that was a seat (the calendar may hold it). A place
    /// in line never went in, so it does not come out either.
    fn in_file(&self) -> bool {
        self.choice.status != ChoiceStatus::Waitlisted
    }
}

/// The agenda of one registration for `event`, in `lang`, each entry linking to `page_url`.
pub fn agenda(
    event: &event::Model,
    entries: &[AgendaEntry<'_>],
    lang: Language,
    page_url: &str,
    brand: &Brand,
) -> String {
    let mut lines = ical::Lines::default();
    begin_calendar(&mut lines, lang, Some(Method::Publish));
    let tz = zone(event);
    let shown: Vec<&AgendaEntry<'_>> = entries.iter().filter(|e| e.in_file()).collect();
    if let (Some(first), Some(last)) = (
        shown.iter().map(|e| e.session.starts_at).min(),
        shown.iter().map(|e| e.session.ends_at).max(),
    ) {
        vtimezone::write(&mut lines, tz, first, last);
    }
    let at = |time: DateTime<Utc>| ical::local(time.with_timezone(&tz).naive_local());
    for entry in shown {
        let s = entry.session;
        let changed = s.updated_at.max(entry.choice.updated_at);
        lines.begin("VEVENT");
        lines.raw("UID", &format!("session-{}@{}", s.id, host(brand)));
        lines.raw("DTSTAMP", &ical::utc(changed));
        lines.raw("LAST-MODIFIED", &ical::utc(changed));
        lines.raw(
            "SEQUENCE",
            &(i64::from(s.sequence) + i64::from(entry.choice.revision)).to_string(),
        );
        lines.with_param("DTSTART", "TZID", tz.name(), &at(s.starts_at));
        lines.with_param("DTEND", "TZID", tz.name(), &at(s.ends_at));
        lines.text("SUMMARY", s.title(lang));
        let mut description = markdown::to_text(s.description(lang)).trim_end().to_owned();
        if entry.holds_seat()
            && let Some(link) = &s.livestream_url
        {
            description = format!("{description}\n\n{link}");
        }
        lines.text(
            "DESCRIPTION",
            format!("{}\n\n{page_url}", description.trim()).trim(),
        );
        if let Some(room) = s.room.as_deref().filter(|r| !r.trim().is_empty()) {
            lines.text("LOCATION", room);
        }
        lines.raw("URL", page_url);
        lines.raw(
            "STATUS",
            if entry.holds_seat() {
                "CONFIRMED"
            } else {
                "CANCELLED"
            },
        );
        lines.end("VEVENT");
    }
    lines.end("VCALENDAR");
    lines.finish()
}
