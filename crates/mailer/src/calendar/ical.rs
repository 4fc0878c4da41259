//! The few pieces of RFC 5545's text format a calendar file needs: content lines folded at
//! 75 octets, TEXT values and parameter values escaped, local and UTC date-times. Written here
//! because the `icalendar` crate adds a UID and DTSTAMP to every component it writes, which a
//! VTIMEZONE and its STANDARD and DAYLIGHT parts must not carry.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

/// A calendar file being written, line by line, with CRLF endings.
#[derive(Default)]
pub struct Lines(String);

impl Lines {
    /// A property whose value is already in its type's syntax (dates, offsets, integers,
    /// keywords, URIs).
    pub fn raw(&mut self, name: &str, value: &str) {
        self.fold(&format!("{name}:{value}"));
    }

    /// A TEXT property: backslashes, semicolons, commas and newlines escaped (§3.3.11).
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }

    /// A property with one parameter: `DTSTART;TZID=America/Toronto:20261205T183000`.
    pub fn with_param(&mut self, name: &str, param: &str, param_value: &str, value: &str) {
        self.fold(&format!(
            "{name};{param}={}:{value}",
            param_value_of(param_value)
        ));
    }

    pub fn begin(&mut self, component: &str) {
        self.raw("BEGIN", component);
    }

    pub fn end(&mut self, component: &str) {
        self.raw("END", component);
    }

    pub fn finish(self) -> String {
        self.0
    }

    /// Folds a content line longer than 75 octets (§3.1): CRLF and a space before the 76th
    /// octet, never inside a UTF-8 character.
    fn fold(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += len;
        }
        self.0.push_str("\r\n");
    }
}

fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (§3.2): quoted when it holds `:`, `;` or `,`; a double quote, which no
/// parameter value may hold, and control characters are dropped.
fn param_value_of(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// `20261205T183000`: a local ("floating") date-time, read with a TZID or an observance.
pub fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// `20261205T220000Z`.
pub fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `-0330`, or `+053328` for the odd historical offset with seconds (§3.3.14).
pub fn offset(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let mut out = format!("{sign}{:02}{:02}", seconds / 3600, seconds / 60 % 60);
    if !seconds.is_multiple_of(60) {
        let _ = write!(out, "{:02}", seconds % 60);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut lines = Lines::default();
        lines.text("DESCRIPTION", &"é".repeat(100));
        let out = lines.finish();
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{}\r\n", "é".repeat(100)));
    }

    #[test]
    fn text_and_parameters_are_escaped() {
        let mut lines = Lines::default();
        lines.text("SUMMARY", "Hall A, 2nd floor; bring ID\\badge\nthanks");
        lines.with_param("ORGANIZER", "CN", "Réseau: \"Canada\"", "mailto:a@b.ca");
        assert_eq!(
            lines.finish(),
            "SUMMARY:Hall A\\, 2nd floor\\; bring ID\\\\badge\\nthanks\r\n\
             ORGANIZER;CN=\"Réseau: Canada\":mailto:a@b.ca\r\n"
        );
    }

    #[test]
    fn offsets_in_the_rfc_form() {
        let o = |s| FixedOffset::east_opt(s).unwrap();
        assert_eq!(offset(o(-12_600)), "-0330");
        assert_eq!(offset(o(3_600)), "+0100");
        assert_eq!(offset(o(0)), "+0000");
        assert_eq!(offset(o(-(4 * 3600 + 56 * 60 + 2))), "-045602");
    }
}
