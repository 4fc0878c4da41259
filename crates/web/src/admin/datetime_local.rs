//! The back office's `datetime-local` fields (an event's times, a newsletter's schedule): read
//! as a time in a zone, and shown back in it.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use domain::calendar::{self, DateError};

/// How a `datetime-local` field writes a time.
const LOCAL: &str = "%Y-%m-%dT%H:%M";

/// A `datetime-local` value read as a time in `zone` (the earlier, if a clock change makes it
/// twice), through the domain's one reading of such fields, which keeps years in range.
pub fn local_time(raw: &str, zone: Tz) -> Result<DateTime<Utc>, DateError> {
    let naive = calendar::parse_local(raw)?;
    let at = zone
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(DateError::Invalid)?;
    calendar::in_range(at)
}

/// The message for a date field that was refused: `invalid` when it is not a date at all.
pub fn date_error(error: DateError, invalid: &'static str) -> &'static str {
    match error {
        DateError::Invalid => invalid,
        DateError::OutOfRange => "error-date-range",
    }
}

/// `at` in `zone`, as a `datetime-local` field shows it.
pub fn local_field(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format(LOCAL).to_string()
}
