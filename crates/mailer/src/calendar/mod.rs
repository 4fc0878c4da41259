//! Calendar files (RFC 5545) for events: one UID per event for its whole life, a SEQUENCE that
//! grows with each change so a later file replaces the entry people already have, times in the
//! event's zone with that zone's VTIMEZONE, and a METHOD exactly when the file is an iTIP
//! message (RFC 5546: PUBLISH a seat, CANCEL one) — the attachment's Content-Type says the same.

mod agenda;
mod ical;
mod vtimezone;

pub use agenda::{AgendaEntry, agenda};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use domain::{Language, entities::event};
use ical::Lines;

use crate::{Brand, i18n::t, markdown};

/// The event's own time zone, UTC if the stored name is not one chrono-tz knows.
pub fn zone(event: &event::Model) -> Tz {
    event.time_zone.parse().unwrap_or(Tz::UTC)
}

/// What a calendar file attached to an email asks of the calendar that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Add or update the entry: a seat was taken, or the event changed.
    Publish,
    /// Remove the entry: the event or the registration was cancelled.
    Cancel,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Cancel => "CANCEL",
        }
    }

    /// The Content-Type of a file written with this method: RFC 5545 §8.1 wants the MIME
    /// `method` parameter exactly when the file has a METHOD, and the same one.
    pub fn content_type(self) -> String {
        format!("text/calendar; charset=utf-8; method={}", self.name())
    }
}

/// The host part of the site's address: the right-hand side of every UID.
pub fn host(brand: &Brand) -> &str {
    let rest = brand
        .base_url
        .split_once("://")
        .map_or(brand.base_url.as_str(), |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or_default();
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next().unwrap_or(authority)
    } else {
        authority.split(':').next().unwrap_or(authority)
    };
    if host.is_empty() { "reseau" } else { host }
}

/// The entry's revision: the event's last change, in seconds since 2020. It grows with every
/// change of the event on every instance without a counter to keep, and stays within the
/// 31 bits calendars store until 2088.
fn sequence(event: &event::Model) -> i64 {
    let epoch = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).single();
    epoch.map_or(0, |epoch| {
        (event.updated_at - epoch)
            .num_seconds()
            .clamp(0, i64::from(i32::MAX))
    })
}

fn write_event(
    lines: &mut Lines,
    event: &event::Model,
    lang: Language,
    page_url: &str,
    brand: &Brand,
    cancelled: bool,
) {
    let tz = zone(event);
    let at = |time: DateTime<Utc>| ical::local(time.with_timezone(&tz).naive_local());
    lines.begin("VEVENT");
    lines.raw("UID", &format!("event-{}@{}", event.id, host(brand)));
    lines.raw("DTSTAMP", &ical::utc(event.updated_at));
    lines.raw("LAST-MODIFIED", &ical::utc(event.updated_at));
    lines.raw("SEQUENCE", &sequence(event).to_string());
    lines.with_param("DTSTART", "TZID", tz.name(), &at(event.starts_at));
    lines.with_param("DTEND", "TZID", tz.name(), &at(event.ends_at));
    lines.text("SUMMARY", event.title(lang));
    // Calendars show DESCRIPTION as plain text: the Markdown is read, not shown.
    let description = markdown::to_text(event.description(lang));
    lines.text(
        "DESCRIPTION",
        &format!("{}\n\n{page_url}", description.trim_end()).replace("\\n", "\n"),
    );
    let location = [event.venue.as_deref(), event.address.as_deref()]
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !location.is_empty() {
        lines.text("LOCATION", &location);
    }
    lines.raw("URL", page_url);
    if !brand.contact_email.is_empty() {
        lines.with_param(
            "ORGANIZER",
            "CN",
            &t(lang, "network-name"),
            &format!("mailto:{}", brand.contact_email),
        );
    }
    let cancelled = cancelled || event.status == domain::events::EventStatus::Cancelled;
    lines.raw("STATUS", if cancelled { "CANCELLED" } else { "CONFIRMED" });
    lines.end("VEVENT");
}

pub(crate) fn begin_calendar(lines: &mut Lines, lang: Language, method: Option<Method>) {
    lines.begin("VCALENDAR");
    lines.raw("VERSION", "2.0");
    lines.raw("PRODID", "-//Reseau//Events//EN");
    lines.raw("CALSCALE", "GREGORIAN");
    if let Some(method) = method {
        lines.raw("METHOD", method.name());
    }
    lines.text("X-WR-CALNAME", &t(lang, "site-name"));
}

/// One event as a file for one person, to attach to an email (with `method`'s
/// Content-Type) or to download: `Publish` adds or updates their entry, `Cancel` removes it.
pub fn ics(
    event: &event::Model,
    lang: Language,
    page_url: &str,
    brand: &Brand,
    method: Method,
) -> String {
    let mut lines = Lines::default();
    begin_calendar(&mut lines, lang, Some(method));
    vtimezone::write(&mut lines, zone(event), event.starts_at, event.ends_at);
    write_event(
        &mut lines,
        event,
        lang,
        page_url,
        brand,
        method == Method::Cancel,
    );
    lines.end("VCALENDAR");
    lines.finish()
}

/// A calendar feed of several events, each with its stable UID, and one VTIMEZONE per zone
/// they use. A feed is subscribed to, not an iTIP message: it has no METHOD.
pub fn feed(events: &[event::Model], lang: Language, brand: &Brand) -> String {
    let mut lines = Lines::default();
    begin_calendar(&mut lines, lang, None);
    let mut zones: Vec<(Tz, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for e in events {
        let tz = zone(e);
        match zones.iter_mut().find(|(z, _, _)| *z == tz) {
            Some((_, first, last)) => {
                *first = (*first).min(e.starts_at);
                *last = (*last).max(e.ends_at);
            }
            None => zones.push((tz, e.starts_at, e.ends_at)),
        }
    }
    for (tz, first, last) in zones {
        vtimezone::write(&mut lines, tz, first, last);
    }
    for e in events {
        let page = format!(
            "{}/{}/events/{}",
            brand.base_url.trim_end_matches('/'),
            lang.code(),
            e.slug
        );
        write_event(&mut lines, e, lang, &page, brand, false);
    }
    lines.end("VCALENDAR");
    lines.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brand(base_url: &str) -> Brand {
        Brand {
            base_url: base_url.into(),
            postal_address: String::new(),
            contact_email: "bonjour@reseau.example".into(),
            unsubscribe_mailto: None,
        }
    }

    #[test]
    fn the_uid_host_is_the_host_of_the_site() {
        assert_eq!(host(&brand("http://127.0.0.1:8080")), "127.0.0.1");
        assert_eq!(host(&brand("https://reseau.org/")), "reseau.org");
        assert_eq!(host(&brand("http://[::1]:80")), "[::1]");
        assert_eq!(host(&brand("")), "reseau");
    }

    fn event() -> event::Model {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        event::Model {
            id: 7,
            chapter_id: 1,
            slug: "summit".into(),
            title: domain::Localized::new()
                .with(Language::En, "Equity summit, day one")
                .with(Language::Fr, "Sommet de l’équité"),
            description: domain::Localized::new()
                .with(
                    Language::En,
                    "Talks and **workshops**; see [the plan](https://example.org/plan).",
                )
                .with(Language::Fr, "Des ateliers."),
            format: domain::events::Format::InPerson,
            venue: Some("Hall A".into()),
            address: Some("1 Water St, St. John’s".into()),
            online_link: None,
            starts_at: at("2026-12-05T22:00:00Z"),
            ends_at: at("2026-12-06T00:00:00Z"),
            time_zone: "America/St_Johns".into(),
            capacity: Some(10),
            seats_taken: 0,
            waitlist_enabled: true,
            registration_opens_at: None,
            registration_closes_at: None,
            status: domain::events::EventStatus::Published,
            reminder_sent_at: None,
            accommodations_purged_at: None,
            created_at: at("2026-11-01T00:00:00Z"),
            updated_at: at("2026-11-02T00:00:00Z"),
        }
    }

    fn unfolded(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_seat_file_says_publish_carries_its_zone_and_reads_as_text() {
        let file = ics(
            &event(),
            Language::En,
            "https://r.example/en/registrations/x",
            &brand("https://r.example"),
            Method::Publish,
        );
        let lines = unfolded(&file);
        let has = |line: &str| lines.iter().any(|l| l == line);
        assert!(has("METHOD:PUBLISH"), "{file}");
        assert!(
            has("BEGIN:VTIMEZONE") && has("TZID:America/St_Johns"),
            "{file}"
        );
        assert!(
            has("DTSTART;TZID=America/St_Johns:20261205T183000"),
            "{file}"
        );
        assert!(has("UID:event-7@r.example"), "{file}");
        assert!(
            has("STATUS:CONFIRMED") && has("SEQUENCE:215740800"),
            "{file}"
        );
        assert!(has("SUMMARY:Equity summit\\, day one"), "{file}");
        assert!(
            has(
                "DESCRIPTION:Talks and workshops\\; see the plan <https://example.org/plan>.\\n\\nhttps://r.example/en/registrations/x"
            ),
            "{file}"
        );
        assert!(
            has(
                "ORGANIZER;CN=North American Network for Equity and Racial Justice:mailto:bonjour@reseau.example"
            ),
            "{file}"
        );
        // It parses, and the VTIMEZONE has no UID or DTSTAMP of its own.
        let text = icalendar::parser::unfold(&file);
        let parsed = icalendar::parser::read_calendar(&text).unwrap();
        let zone = parsed
            .components
            .iter()
            .find(|c| c.name.as_str() == "VTIMEZONE")
            .unwrap();
        assert!(
            zone.properties
                .iter()
                .all(|p| p.name.as_str() != "UID" && p.name.as_str() != "DTSTAMP")
        );
        assert_eq!(
            Method::Publish.content_type(),
            "text/calendar; charset=utf-8; method=PUBLISH"
        );
    }

    #[test]
    fn a_cancellation_keeps_the_uid_and_says_cancelled() {
        let later = event::Model {
            updated_at: "2026-11-03T00:00:00Z".parse().unwrap(),
            ..event()
        };
        let file = ics(
            &later,
            Language::Fr,
            "https://r.example/fr/x",
            &brand("https://r.example"),
            Method::Cancel,
        );
        let lines = unfolded(&file);
        let has = |line: &str| lines.iter().any(|l| l == line);
        assert!(
            has("METHOD:CANCEL") && has("STATUS:CANCELLED") && has("UID:event-7@r.example"),
            "{file}"
        );
        // A later change has a higher SEQUENCE, so it replaces what calendars hold.
        assert!(has("SEQUENCE:215827200"), "{file}");
        assert!(has("SUMMARY:Sommet de l’équité"), "{file}");
    }

    #[test]
    fn a_feed_has_no_method_and_one_zone_per_zone_used() {
        let toronto = event::Model {
            id: 8,
            time_zone: "America/Toronto".into(),
            ..event()
        };
        let file = feed(
            &[event(), toronto, event::Model { id: 9, ..event() }],
            Language::Es,
            &brand("https://r.example"),
        );
        assert!(!file.contains("METHOD:"));
        assert_eq!(file.matches("BEGIN:VTIMEZONE").count(), 2);
        assert_eq!(file.matches("BEGIN:VEVENT").count(), 3);
        // No Spanish title: the English one.
        assert!(file.contains("SUMMARY:Equity summit\\, day one"));
    }
}
