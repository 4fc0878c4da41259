//! The parts of a member's profile that come from a form: a name, a region, interests.

use std::{fmt, str::FromStr};

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// A person's name as they write it: any script's letters, with the punctuation names use.
/// Digits, symbols, `@`, `:` and `/` are refused, so a name cannot carry a link or markup into
/// the emails that greet it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FullName(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is too long")]
    TooLong,
    #[error("the name has characters a name does not use")]
    InvalidCharacters,
}

impl FullName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, NameError> {
        let normalised: String = raw.nfc().collect();
        let collapsed = normalised.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(NameError::Empty);
        }
        if collapsed.chars().count() > Self::MAX_CHARS {
            return Err(NameError::TooLong);
        }
        let allowed = |c: char| {
            (c.is_alphabetic() && !crate::text::is_hidden(c))
                || is_combining_mark(c)
                || matches!(c, ' ' | '-' | '\'' | '’' | '.' | ',' | '\u{2010}')
        };
        if !collapsed.chars().all(allowed) || !collapsed.chars().any(char::is_alphabetic) {
            return Err(NameError::InvalidCharacters);
        }
        Ok(Self(collapsed))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a member cares about; the newsletter audience can be cut by these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Interest {
    HealthEquity,
    EconomicInclusion,
    Education,
    VotingRights,
    JusticeReform,
    ArtsCulture,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown interest")]
pub struct UnknownInterest;

impl Interest {
    pub const ALL: [Interest; 6] = [
        Interest::HealthEquity,
        Interest::EconomicInclusion,
        Interest::Education,
        Interest::VotingRights,
        Interest::JusticeReform,
        Interest::ArtsCulture,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Interest::HealthEquity => "health-equity",
            Interest::EconomicInclusion => "economic-inclusion",
            Interest::Education => "education",
            Interest::VotingRights => "voting-rights",
            Interest::JusticeReform => "justice-reform",
            Interest::ArtsCulture => "arts-culture",
        }
    }

    /// Parses the comma-joined form stored on a member, skipping anything unknown.
    pub fn parse_stored(stored: &str) -> Vec<Interest> {
        stored.split(',').filter_map(|s| s.parse().ok()).collect()
    }

    /// The stored form: sorted, de-duplicated slugs joined by commas.
    pub fn to_stored(interests: &[Interest]) -> String {
        let mut sorted = interests.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted
            .iter()
            .map(|i| i.slug())
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl FromStr for Interest {
    type Err = UnknownInterest;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Interest::ALL
            .into_iter()
            .find(|i| i.slug() == s)
            .ok_or(UnknownInterest)
    }
}

/// Provinces and territories of Canada, states of the United States and of Mexico, as
/// ISO 3166-2 codes keyed by the chapter's country.
pub mod regions {
    pub const CA: &[&str] = &[
        "CA-AB", "CA-BC", "CA-MB", "CA-NB", "CA-NL", "CA-NS", "CA-NT", "CA-NU", "CA-ON", "CA-PE",
        "CA-QC", "CA-SK", "CA-YT",
    ];
    pub const US: &[&str] = &[
        "US-AL", "US-AK", "US-AZ", "US-AR", "US-CA", "US-CO", "US-CT", "US-DE", "US-DC", "US-FL",
        "US-GA", "US-HI", "US-ID", "US-IL", "US-IN", "US-IA", "US-KS", "US-KY", "US-LA", "US-ME",
        "US-MD", "US-MA", "US-MI", "US-MN", "US-MS", "US-MO", "US-MT", "US-NE", "US-NV", "US-NH",
        "US-NJ", "US-NM", "US-NY", "US-NC", "US-ND", "US-OH", "US-OK", "US-OR", "US-PA", "US-PR",
        "US-RI", "US-SC", "US-SD", "US-TN", "US-TX", "US-UT", "US-VT", "US-VA", "US-WA", "US-WV",
        "US-WI", "US-WY",
    ];
    pub const MX: &[&str] = &[
        "MX-AGU", "MX-BCN", "MX-BCS", "MX-CAM", "MX-CHP", "MX-CHH", "MX-CMX", "MX-COA", "MX-COL",
        "MX-DUR", "MX-GUA", "MX-GRO", "MX-HID", "MX-JAL", "MX-MEX", "MX-MIC", "MX-MOR", "MX-NAY",
        "MX-NLE", "MX-OAX", "MX-PUE", "MX-QUE", "MX-ROO", "MX-SLP", "MX-SIN", "MX-SON", "MX-TAB",
        "MX-TAM", "MX-TLA", "MX-VER", "MX-YUC", "MX-ZAC",
    ];

    /// The regions of a country (by its ISO 3166-1 code); empty for one we do not list.
    pub fn of_country(country: &str) -> &'static [&'static str] {
        match country {
            "CA" => CA,
            "US" => US,
            "MX" => MX,
            _ => &[],
        }
    }

    /// Whether `code` is a region of `country`.
    pub fn belongs(country: &str, code: &str) -> bool {
        of_country(country).contains(&code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_every_script() {
        for name in [
            "Amara Diallo",
            "Françoise Côté-Lévesque",
            "José Ñúñez",
            "ᐊᓂᕐᓂᖅ ᑭᓪᓗᓯᒃᑐᖅ",
            "O’Brien",
            "Nguyễn Thị Minh Khai",
        ] {
            assert_eq!(FullName::parse(name).expect(name).as_str(), name);
        }
    }

    #[test]
    fn names_are_trimmed_and_collapsed() {
        assert_eq!(
            FullName::parse("  Ana   María ").expect("valid").as_str(),
            "Ana María"
        );
    }

    #[test]
    fn names_refuse_links_markup_and_controls() {
        for bad in [
            "<script>alert(1)</script>",
            "Win at http://spam.example",
            "a@b.c",
            "Line\r\nBcc: x",
            "Name\u{202E}",
            "\u{3164}\u{3164}",
            "Ana\u{115F}\u{1160}",
            "12345",
            "---",
        ] {
            assert_eq!(
                FullName::parse(bad),
                Err(NameError::InvalidCharacters),
                "{bad:?}"
            );
        }
        assert_eq!(FullName::parse(" \t"), Err(NameError::Empty));
        assert_eq!(FullName::parse(&"a".repeat(101)), Err(NameError::TooLong));
    }

    #[test]
    fn interests_round_trip() {
        let stored = Interest::to_stored(&[
            Interest::ArtsCulture,
            Interest::Education,
            Interest::ArtsCulture,
        ]);
        assert_eq!(stored, "education,arts-culture");
        assert_eq!(
            Interest::parse_stored(&stored),
            vec![Interest::Education, Interest::ArtsCulture]
        );
        assert_eq!(Interest::parse_stored(""), vec![]);
    }

    #[test]
    fn regions_belong_to_their_country() {
        assert!(regions::belongs("CA", "CA-QC"));
        assert!(!regions::belongs("CA", "US-NY"));
        assert_eq!(regions::CA.len(), 13);
        assert_eq!(regions::MX.len(), 32);
    }
}
