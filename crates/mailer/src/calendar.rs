//! Calendar files (RFC 5545) for events: a stable UID per event, times in the event's zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::{Language, entities::event};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};

/// The event's own time zone, UTC if the stored name is not one chrono-tz knows.
pub fn zone(event: &event::Model) -> Tz {
    event.time_zone.parse().unwrap_or(Tz::UTC)
}

/// A time as people at the event read it: `2026-12-05 18:00`.
pub fn local(event: &event::Model, at: DateTime<Utc>) -> String {
    at.with_timezone(&zone(event))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// "2026-12-05 18:00–21:00 (America/Toronto)", or with both dates when it spans days.
pub fn when(event: &event::Model) -> String {
    let tz = zone(event);
    let start = event.starts_at.with_timezone(&tz);
    let end = event.ends_at.with_timezone(&tz);
    let end_text = if start.date_naive() == end.date_naive() {
        end.format("%H:%M").to_string()
    } else {
        end.format("%Y-%m-%d %H:%M").to_string()
    };
    format!(
        "{}–{} ({})",
        start.format("%Y-%m-%d %H:%M"),
        end_text,
        event.time_zone
    )
}

/// One event as a calendar entry. The UID is derived from the event, so a later file (a change
/// of time) updates the same entry in people's calendars.
fn entry(event: &event::Model, lang: Language, page_url: &str, host: &str) -> Event {
    let tz = zone(event);
    let local = |at: DateTime<Utc>| CalendarDateTime::WithTimezone {
        date_time: at.with_timezone(&tz).naive_local(),
        tzid: event.time_zone.clone(),
    };
    let location = [event.venue.as_deref(), event.address.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let mut entry = Event::new();
    entry
        .uid(&format!("event-{}@{host}", event.id))
        .summary(event.title(lang))
        .description(event.description(lang))
        .starts(local(event.starts_at))
        .ends(local(event.ends_at))
        .url(page_url)
        .timestamp(event.updated_at);
    if !location.is_empty() {
        entry.location(&location);
    }
    entry.done()
}

/// One event as a calendar file.
pub fn ics(event: &event::Model, lang: Language, page_url: &str, host: &str) -> String {
    Calendar::new()
        .name(event.title(lang))
        .push(entry(event, lang, page_url, host))
        .done()
        .to_string()
}

/// A calendar feed of several events, each with its stable UID.
pub fn feed(events: &[event::Model], lang: Language, base_url: &str, host: &str) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Réseau");
    for e in events {
        let page = format!(
            "{}/{}/events/{}",
            base_url.trim_end_matches('/'),
            lang.code(),
            e.slug
        );
        calendar.push(entry(e, lang, &page, host));
    }
    calendar.done().to_string()
}
