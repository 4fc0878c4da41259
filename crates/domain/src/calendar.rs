//! Dates a calendar can hold. chrono reads `+99999-06-01` and `-4713-01-01` as years, SQLite
//! stores them, PostgreSQL refuses them with a 500, lists and the API then lose the event while
//! its page takes registrations. Every date Réseau takes for an event or a newsletter schedule
//! is read by this module and lies between 2000 and 2100.

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};

/// The first year an event or a schedule may fall in.
pub const EARLIEST_YEAR: i32 = 2000;
/// The last.
pub const LATEST_YEAR: i32 = 2100;

#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone, Copy)]
pub enum DateError {
    #[error("not a date and time")]
    Invalid,
    #[error("the year is not between {EARLIEST_YEAR} and {LATEST_YEAR}")]
    OutOfRange,
}

/// Whether `year` is one Réseau schedules things in.
pub fn year_in_range(year: i32) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&year)
}

/// `at`, if it falls between 2000 and 2100 (in UTC).
pub fn in_range(at: DateTime<Utc>) -> Result<DateTime<Utc>, DateError> {
    if year_in_range(at.year()) {
        Ok(at)
    } else {
        Err(DateError::OutOfRange)
    }
}

/// A `datetime-local` value as a browser sends it: `YYYY-MM-DDTHH:MM`, optionally `:SS`, a
/// four-digit year with no sign, in range. A year with a sign, more digits or out of range is
/// `OutOfRange` (the person typed a year, just not one we take); anything else is `Invalid`.
pub fn parse_local(raw: &str) -> Result<NaiveDateTime, DateError> {
    let raw = raw.trim();
    let (year, rest) = match raw.strip_prefix(['+', '-']) {
        Some(unsigned) => {
            let digits = unsigned.split('-').next().unwrap_or("");
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::OutOfRange);
            }
            return Err(DateError::Invalid);
        }
        None => raw.split_once('-').ok_or(DateError::Invalid)?,
    };
    if year.is_empty() || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Invalid);
    }
    let in_year = |naive: NaiveDateTime| {
        if year.len() == 4 && year_in_range(naive.year()) {
            Ok(naive)
        } else {
            Err(DateError::OutOfRange)
        }
    };
    if year.len() != 4 {
        // Check the rest is a date before saying the year is the problem.
        let sample = format!("2000-{rest}");
        return parse_fixed(&sample).and(Err(DateError::OutOfRange));
    }
    in_year(parse_fixed(raw)?)
}

fn parse_fixed(raw: &str) -> Result<NaiveDateTime, DateError> {
    let shape_ok = raw.len() == 16 || raw.len() == 19;
    if !shape_ok || !raw.is_ascii() {
        return Err(DateError::Invalid);
    }
    let format = if raw.len() == 16 {
        "%Y-%m-%dT%H:%M"
    } else {
        "%Y-%m-%dT%H:%M:%S"
    };
    NaiveDateTime::parse_from_str(raw, format).map_err(|_| DateError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_values_in_range_are_read() {
        let at = parse_local("2027-06-01T19:00").expect("valid");
        assert_eq!(at.to_string(), "2027-06-01 19:00:00");
        assert!(parse_local("2027-06-01T19:00:30").is_ok());
        assert!(parse_local(" 2100-12-31T23:59 ").is_ok());
        assert!(parse_local("2000-01-01T00:00").is_ok());
    }

    #[test]
    fn years_off_the_calendar_are_out_of_range() {
        for raw in [
            "-200000-06-01T19:00",
            "-4713-01-01T00:00",
            "+99999-06-01T19:00",
            "+2027-06-01T19:00",
            "0000-06-01T19:00",
            "1999-12-31T23:59",
            "2101-01-01T00:00",
            "20270-06-01T19:00",
        ] {
            assert_eq!(parse_local(raw), Err(DateError::OutOfRange), "{raw:?}");
        }
    }

    #[test]
    fn garbage_is_invalid() {
        for raw in [
            "",
            "tomorrow",
            "2027-13-01T19:00",
            "2027-02-30T19:00",
            "2027-06-01",
            "2027-06-01T25:00",
            "-x-06-01T19:00",
            "２０２７-06-01T19:00",
        ] {
            assert_eq!(parse_local(raw), Err(DateError::Invalid), "{raw:?}");
        }
    }
}
