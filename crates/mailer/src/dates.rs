//! Dates, times and time zones in words, as a reader of each language writes them: the
//! weekday, day and month from CLDR through ICU4X ("samedi 5 décembre 2026", "Saturday,
//! December 5, 2026"), times in the local convention ("18 h 30", "6:30 p.m."), and zones by
//! their localised names ("heure de Terre-Neuve"), never IANA ids. How the pieces join
//! ("à", "to", "del … al …") is a message in the locale files.

use std::sync::LazyLock;

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use domain::{Language, entities::event};
use icu_datetime::{
    DateTimeFormatter, NoCalendarFormatter, fieldsets,
    input::{Date, Time, UtcOffset},
};
use icu_locale_core::{Locale, locale};
use icu_time::zone::{IanaParser, TimeZoneInfo, ZoneNameTimestamp, models::AtTime};

use crate::{calendar, i18n::t_with};

/// The CLDR locale each language is written in: Canadian English and French ("p.m.",
/// "18 h 30"), Spanish, Brazilian Portuguese.
fn cldr_locale(lang: Language) -> Locale {
    // Each language declares its locale in `domain::language`; a typo there falls back to
    // English rather than failing a send.
    lang.cldr().parse().unwrap_or(locale!("en-CA"))
}

/// The formatters of one language, built once: building reads CLDR data, formatting is cheap.
struct Formatters {
    day: DateTimeFormatter<fieldsets::YMDE>,
    time: NoCalendarFormatter<fieldsets::T>,
    zone: NoCalendarFormatter<fieldsets::zone::GenericLong>,
}

impl Formatters {
    fn new(lang: Language) -> Self {
        let prefs = || cldr_locale(lang).into();
        // The data is compiled in for every locale named above, so building cannot fail but
        // for a bug in this module; the tests build each.
        Self {
            day: DateTimeFormatter::try_new(prefs(), fieldsets::YMDE::long())
                .expect("compiled CLDR data has long dates"),
            time: NoCalendarFormatter::try_new(prefs(), fieldsets::T::hm())
                .expect("compiled CLDR data has times"),
            zone: NoCalendarFormatter::try_new(prefs(), fieldsets::zone::GenericLong)
                .expect("compiled CLDR data has zone names"),
        }
    }
}

static FORMATTERS: LazyLock<Vec<(Language, Formatters)>> = LazyLock::new(|| {
    Language::ALL
        .iter()
        .map(|&lang| (lang, Formatters::new(lang)))
        .collect()
});

fn formatters(lang: Language) -> &'static Formatters {
    // Every language is in `Language::ALL`, hence in the list.
    let found = FORMATTERS.iter().find(|(l, _)| *l == lang);
    &found.unwrap_or(&FORMATTERS[0]).1
}

/// "samedi 5 décembre 2026", "Saturday, December 5, 2026".
pub fn day(lang: Language, date: NaiveDate) -> String {
    match Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8) {
        Ok(date) => formatters(lang).day.format(&date).to_string(),
        // Out of ICU's range (it is not, for chrono's dates): the ISO date says it still.
        Err(_) => date.format("%Y-%m-%d").to_string(),
    }
}

/// "18 h 30", "6:30 p.m.".
pub fn time(lang: Language, time: NaiveTime) -> String {
    match Time::try_new(time.hour() as u8, time.minute() as u8, 0, 0) {
        Ok(time) => formatters(lang).time.format(&time).to_string(),
        Err(_) => time.format("%H:%M").to_string(),
    }
}

/// The zone's name at `at` in the reader's language: "heure de Terre-Neuve",
/// "Newfoundland Time"; its offset ("GMT-3:30") where CLDR has no name for it.
pub fn zone(lang: Language, tz: Tz, at: DateTime<Utc>) -> String {
    formatters(lang).zone.format(&zone_info(tz, at)).to_string()
}

fn zone_info(tz: Tz, at: DateTime<Utc>) -> TimeZoneInfo<AtTime> {
    let local = at.with_timezone(&tz);
    let offset = UtcOffset::try_from_seconds(local.offset().fix().local_minus_utc()).ok();
    IanaParser::new()
        .parse(tz.name())
        .with_offset(offset)
        .with_zone_name_timestamp(ZoneNameTimestamp::from_epoch_seconds(at.timestamp()))
}

/// One moment with its day and zone: "samedi 5 décembre 2026 à 18 h 30 (heure de l’Est)".
pub fn moment(lang: Language, at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz).naive_local();
    t_with(
        lang,
        "when-moment",
        &[
            ("day", &day(lang, local.date())),
            ("time", &time(lang, local.time())),
            ("zone", &zone(lang, tz, at)),
        ],
    )
}

/// From `start` to `end` in `tz`, the day said once when both are on the same day:
/// "samedi 5 décembre 2026, 18 h 30 à 20 h 30 (heure de Terre-Neuve)".
pub fn span(lang: Language, start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> String {
    let (from, to): (NaiveDateTime, NaiveDateTime) = (
        start.with_timezone(&tz).naive_local(),
        end.with_timezone(&tz).naive_local(),
    );
    let zone = zone(lang, tz, start);
    if from.date() == to.date() {
        t_with(
            lang,
            "when-same-day",
            &[
                ("day", &day(lang, from.date())),
                ("start", &time(lang, from.time())),
                ("end", &time(lang, to.time())),
                ("zone", &zone),
            ],
        )
    } else {
        t_with(
            lang,
            "when-several-days",
            &[
                ("start_day", &day(lang, from.date())),
                ("start", &time(lang, from.time())),
                ("end_day", &day(lang, to.date())),
                ("end", &time(lang, to.time())),
                ("zone", &zone),
            ],
        )
    }
}

/// The zone of times that are no event's (a member joined, an audit entry, a send): the
/// network's own. The settings name no zone, so it is fixed here.
pub const NETWORK_ZONE: Tz = chrono_tz::America::Toronto;

/// An event's dates in its own zone: "samedi 5 décembre 2026, 18 h 30 à 20 h 30 (heure de
/// l’Est)".
pub fn event_span(lang: Language, event: &event::Model) -> String {
    span(lang, event.starts_at, event.ends_at, calendar::zone(event))
}

/// One moment of an event (doors open, a check-in) in the event's zone.
pub fn event_moment(lang: Language, event: &event::Model, at: DateTime<Utc>) -> String {
    moment(lang, at, calendar::zone(event))
}

/// A moment that belongs to no event, in the network's zone.
pub fn network_moment(lang: Language, at: DateTime<Utc>) -> String {
    moment(lang, at, NETWORK_ZONE)
}

/// A day that belongs to no event, as the network's zone sees it.
pub fn network_day(lang: Language, at: DateTime<Utc>) -> String {
    day(lang, at.with_timezone(&NETWORK_ZONE).date_naive())
}

/// A time for a table or a CSV that a program reads: ISO 8601 with the offset, to the
/// minute, no fractions (`2026-12-05T18:30-03:30`).
pub fn iso(at: DateTime<Utc>, tz: Tz) -> String {
    tz.from_utc_datetime(&at.naive_utc())
        .format("%Y-%m-%dT%H:%M%:z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn an_evening_in_st_johns_in_each_language() {
        let tz: Tz = "America/St_Johns".parse().unwrap();
        // 18:30–20:30 in Newfoundland (UTC−3:30 in December). CLDR puts a narrow no-break
        // space before "p.m.".
        let (start, end) = (at("2026-12-05T22:00:00Z"), at("2026-12-06T00:00:00Z"));
        assert_eq!(
            span(Language::Fr, start, end, tz),
            "samedi 5 décembre 2026, 18 h 30 à 20 h 30 (heure de Terre-Neuve)"
        );
        assert_eq!(
            span(Language::En, start, end, tz),
            "Saturday, December 5, 2026, 6:30\u{202f}p.m. to 8:30\u{202f}p.m. (Newfoundland Time)"
        );
        assert_eq!(
            span(Language::Es, start, end, tz),
            "sábado, 5 de diciembre de 2026, 18:30–20:30 (hora de Terranova)"
        );
    }

    #[test]
    fn several_days_name_both_days() {
        let tz: Tz = "America/Toronto".parse().unwrap();
        let text = span(
            Language::Fr,
            at("2026-12-05T14:00:00Z"),
            at("2026-12-06T22:00:00Z"),
            tz,
        );
        assert_eq!(
            text,
            "du samedi 5 décembre 2026, 09 h 00, au dimanche 6 décembre 2026, 17 h 00 (heure de l’Est)"
        );
    }

    #[test]
    fn a_moment_and_the_iso_form_for_programs() {
        let tz: Tz = "America/Mexico_City".parse().unwrap();
        let when = at("2026-03-01T15:05:00Z");
        assert_eq!(
            moment(Language::Es, when, tz),
            "domingo, 1 de marzo de 2026, 09:05 (hora central)"
        );
        assert_eq!(iso(when, tz), "2026-03-01T09:05-06:00");
    }

    #[test]
    fn every_language_has_its_formatters() {
        for lang in Language::ALL {
            let text = moment(lang, at("2026-07-01T12:00:00Z"), Tz::UTC);
            assert!(text.contains("2026"), "{lang}: {text}");
        }
    }
}
