//! The VTIMEZONE a calendar file must carry for every TZID it uses (RFC 5545 §3.6.5), written
//! from chrono-tz's rules: the observance in effect when the window opens, then each change of
//! offset inside it, as dated onsets (no RRULE), so a reader needs no rules of its own.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

use super::ical::{self, Lines};

/// One stretch of a zone's time: from `onset`, clocks read `to` (they read `from` before).
#[derive(Debug, PartialEq, Eq)]
struct Observance {
    onset: DateTime<Utc>,
    from: FixedOffset,
    to: FixedOffset,
    name: String,
    daylight: bool,
}

fn observance_at(tz: Tz, at: DateTime<Utc>, from: FixedOffset) -> Observance {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    Observance {
        onset: at,
        from,
        to: offset.fix(),
        name: offset.to_string(),
        daylight: !offset.dst_offset().is_zero(),
    }
}

fn fixed(tz: Tz, at: DateTime<Utc>) -> FixedOffset {
    tz.offset_from_utc_datetime(&at.naive_utc()).fix()
}

/// The first second after `before` whose offset differs from `before`'s, knowing that
/// `after` already does: halves the interval, in whole seconds, down to one.
fn change_between(tz: Tz, before: DateTime<Utc>, after: DateTime<Utc>) -> DateTime<Utc> {
    let old = fixed(tz, before);
    let (mut low, mut high) = (before.timestamp(), after.timestamp());
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        let same = DateTime::from_timestamp(middle, 0).is_some_and(|at| fixed(tz, at) == old);
        if same {
            low = middle;
        } else {
            high = middle;
        }
    }
    DateTime::from_timestamp(high, 0).unwrap_or(after)
}

/// The observances of `tz` from 1 January of `first_year` to the end of `last_year` (UTC).
fn observances(tz: Tz, first_year: i32, last_year: i32) -> Vec<Observance> {
    let start_of = |year: i32| {
        NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
    };
    let (Some(start), Some(end)) = (start_of(first_year), start_of(last_year + 1)) else {
        return Vec::new();
    };
    let opening = fixed(tz, start);
    let mut found = vec![observance_at(tz, start, opening)];
    // Offsets change a few times a year at most, and never twice within a day.
    let step = Duration::hours(12);
    let mut at = start;
    while at < end {
        let next = at + step;
        if fixed(tz, next) != fixed(tz, at) {
            let onset = change_between(tz, at, next);
            found.push(observance_at(tz, onset, fixed(tz, at)));
        }
        at = next;
    }
    found
}

/// Writes the VTIMEZONE of `tz` covering the years from `first` to `last`.
pub fn write(lines: &mut Lines, tz: Tz, first: DateTime<Utc>, last: DateTime<Utc>) {
    lines.begin("VTIMEZONE");
    lines.raw("TZID", tz.name());
    for observance in observances(tz, first.year(), last.year().max(first.year())) {
        let kind = if observance.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        lines.begin(kind);
        // The onset in the local time in force just before it (§3.6.5).
        let local = observance
            .onset
            .with_timezone(&observance.from)
            .naive_local();
        lines.raw("DTSTART", &ical::local(local));
        lines.raw("TZOFFSETFROM", &ical::offset(observance.from));
        lines.raw("TZOFFSETTO", &ical::offset(observance.to));
        lines.text("TZNAME", &observance.name);
        lines.end(kind);
    }
    lines.end("VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn st_johns_changes_twice_in_2026() {
        let tz: Tz = "America/St_Johns".parse().unwrap();
        let found = observances(tz, 2026, 2026);
        let summary: Vec<_> = found
            .iter()
            .map(|o| {
                (
                    o.onset.to_rfc3339(),
                    ical::offset(o.from),
                    ical::offset(o.to),
                    o.name.as_str(),
                    o.daylight,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "2026-01-01T00:00:00+00:00".into(),
                    "-0330".into(),
                    "-0330".into(),
                    "NST",
                    false
                ),
                // 8 March, 2:00 local standard time = 05:30 UTC.
                (
                    "2026-03-08T05:30:00+00:00".into(),
                    "-0330".into(),
                    "-0230".into(),
                    "NDT",
                    true
                ),
                // 1 November, 2:00 local daylight time = 04:30 UTC.
                (
                    "2026-11-01T04:30:00+00:00".into(),
                    "-0230".into(),
                    "-0330".into(),
                    "NST",
                    false
                ),
            ]
        );
    }

    #[test]
    fn a_zone_without_summer_time_has_one_observance() {
        let tz: Tz = "America/Regina".parse().unwrap();
        let mut lines = Lines::default();
        let at = "2026-12-05T18:00:00Z".parse().unwrap();
        write(&mut lines, tz, at, at);
        assert_eq!(
            lines.finish(),
            "BEGIN:VTIMEZONE\r\nTZID:America/Regina\r\nBEGIN:STANDARD\r\n\
             DTSTART:20251231T180000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0600\r\n\
             TZNAME:CST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        );
    }
}
