//! The event itself: how people attend it (`Format`), where it is in its life (`EventStatus`), the
//! parsed fields an organizer sets (`EventFields`) and the checks they pass before anything is
//! written, and what publishing needs.

use chrono::{DateTime, Utc};
use sea_orm::{DbErr, DeriveActiveEnum, EnumIter};

use crate::{DomainError, Language, Localized, entities::event};

/// How people attend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Format {
    #[sea_orm(string_value = "in-person")]
    InPerson,
    #[sea_orm(string_value = "online")]
    Online,
    #[sea_orm(string_value = "hybrid")]
    Hybrid,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::InPerson, Format::Online, Format::Hybrid];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::InPerson => "in-person",
            Format::Online => "online",
            Format::Hybrid => "hybrid",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// Where an event is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum EventStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl EventStatus {
    pub const ALL: [EventStatus; 3] = [
        EventStatus::Draft,
        EventStatus::Published,
        EventStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// An event's address in URLs: lower-case ASCII letters, digits and single hyphens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventSlug(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SlugError {
    #[error("the slug is empty")]
    Empty,
    #[error("the slug is too long")]
    TooLong,
    #[error("a slug has only letters a to z, digits and single hyphens")]
    Invalid,
}

impl EventSlug {
    pub const MAX_LEN: usize = 80;

    /// Trims and lower-cases, then checks.
    pub fn parse(raw: &str) -> Result<Self, SlugError> {
        let slug = raw.trim().to_ascii_lowercase();
        if slug.is_empty() {
            return Err(SlugError::Empty);
        }
        if slug.len() > Self::MAX_LEN {
            return Err(SlugError::TooLong);
        }
        let allowed = slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !allowed || slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
            return Err(SlugError::Invalid);
        }
        Ok(Self(slug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many seats an event has: at least one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Capacity(pub(super) i32);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("a capacity is between 1 and {max}", max = Capacity::MAX)]
pub struct CapacityError;

impl Capacity {
    pub const MAX: u32 = 1_000_000;

    pub fn new(seats: u32) -> Result<Self, CapacityError> {
        if seats == 0 || seats > Self::MAX {
            return Err(CapacityError);
        }
        i32::try_from(seats).map(Self).map_err(|_| CapacityError)
    }

    pub fn get(self) -> u32 {
        u32::try_from(self.0).unwrap_or(0)
    }
}

/// Everything an organizer sets on an event, from a form that has been parsed.
#[derive(Clone, Debug)]
pub struct EventFields {
    pub chapter_id: i64,
    pub slug: EventSlug,
    /// By language; English and French are needed to publish, the others fall back to
    /// English.
    pub title: Localized,
    /// Markdown, by language.
    pub description: Localized,
    pub format: Format,
    pub venue: Option<String>,
    pub address: Option<String>,
    /// An `https://` (or `http://`) address, shown to confirmed registrants only.
    pub online_link: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// IANA name, such as `America/Toronto`. Only its shape is checked here; the web layer
    /// checks it against the zone database it renders times with.
    pub time_zone: String,
    /// `None` is unlimited.
    pub capacity: Option<Capacity>,
    pub waitlist_enabled: bool,
    /// Registration opens at once when `None`.
    pub registration_opens_at: Option<DateTime<Utc>>,
    /// Registration closes when the event ends when `None`.
    pub registration_closes_at: Option<DateTime<Utc>>,
}

/// Why event fields were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EventFieldError {
    #[error("no such chapter")]
    UnknownChapter,
    #[error("the event ends before it starts")]
    EndsBeforeStart,
    #[error("registration closes before it opens")]
    ClosesBeforeOpens,
    #[error("registration opens after the event ends")]
    OpensAfterEnd,
    #[error("a title is too long")]
    TitleTooLong,
    #[error("a description is too long")]
    DescriptionTooLong,
    #[error("the venue or address is too long")]
    PlaceTooLong,
    #[error("the online link is not an http(s) address")]
    OnlineLinkInvalid,
    #[error("the time zone is not an IANA zone name")]
    TimeZoneInvalid,
    #[error("the capacity is below the seats already taken")]
    CapacityBelowConfirmed,
    #[error("a date is not between 2000 and 2100")]
    DateOutOfRange(DateField),
    #[error("{field} holds an invisible or direction-changing character")]
    HiddenText {
        /// The field (`title`, `description`, `venue`, `address`, `online_link`) …
        field: &'static str,
        /// … and, for a text written per language, the language.
        lang: Option<Language>,
    },
}

/// Which of an event's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateField {
    Starts,
    Ends,
    Opens,
    Closes,
}

/// A text publishing needs: the title or description in a required language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Missing {
    Title(Language),
    Description(Language),
}

/// What refuses an organizer's change to an event.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error("invalid event: {0}")]
    Invalid(EventFieldError),
    #[error("another event has this slug")]
    SlugTaken,
    /// Publishing needs the English and French title and description.
    #[error("publishing needs {missing:?}")]
    Incomplete { missing: Vec<Missing> },
    #[error("no such event")]
    NotFound,
    #[error("the event is cancelled")]
    EventCancelled,
    #[error(transparent)]
    Domain(#[from] DomainError),
}

impl From<DbErr> for EventError {
    fn from(err: DbErr) -> Self {
        EventError::Domain(err.into())
    }
}

const MAX_TITLE_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 20_000;
const MAX_PLACE_CHARS: usize = 200;
const MAX_ADDRESS_CHARS: usize = 300;
const MAX_LINK_LEN: usize = 500;

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

pub(crate) fn valid_link(link: &str) -> bool {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"));
    link.len() <= MAX_LINK_LEN
        && rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !link.chars().any(|c| c.is_whitespace() || c.is_control())
        && !link.contains(['"', '<', '>', '\\', '`'])
}

fn valid_time_zone(zone: &str) -> bool {
    (1..=64).contains(&zone.len())
        && zone
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'))
        && zone.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && !zone.contains("//")
        && !zone.ends_with('/')
}

/// Normalises the fields (trims texts, empties to `None`) and checks what does not need the
/// database.
pub(super) fn checked(mut fields: EventFields) -> Result<EventFields, EventFieldError> {
    // Titles and descriptions are trimmed and blanks dropped by `Localized` itself.
    fields.venue = blank_to_none(fields.venue);
    fields.address = blank_to_none(fields.address);
    fields.online_link = blank_to_none(fields.online_link);
    fields.time_zone = fields.time_zone.trim().to_owned();

    let dates = [
        (Some(fields.starts_at), DateField::Starts),
        (Some(fields.ends_at), DateField::Ends),
        (fields.registration_opens_at, DateField::Opens),
        (fields.registration_closes_at, DateField::Closes),
    ];
    for (at, field) in dates {
        if at.is_some_and(|at| crate::calendar::in_range(at).is_err()) {
            return Err(EventFieldError::DateOutOfRange(field));
        }
    }
    for (lang, title) in fields.title.iter() {
        if crate::text::check_line(title).is_err() {
            return Err(EventFieldError::HiddenText {
                field: "title",
                lang: Some(lang),
            });
        }
    }
    let lines = [
        ("venue", fields.venue.as_ref()),
        ("address", fields.address.as_ref()),
        ("online_link", fields.online_link.as_ref()),
    ];
    for (field, text) in lines {
        if text.is_some_and(|t| crate::text::check_line(t).is_err()) {
            return Err(EventFieldError::HiddenText { field, lang: None });
        }
    }
    for (lang, text) in fields.description.iter() {
        if crate::text::check_multiline(text).is_err() {
            return Err(EventFieldError::HiddenText {
                field: "description",
                lang: Some(lang),
            });
        }
    }
    if fields.ends_at <= fields.starts_at {
        return Err(EventFieldError::EndsBeforeStart);
    }
    if let (Some(opens), Some(closes)) =
        (fields.registration_opens_at, fields.registration_closes_at)
        && closes <= opens
    {
        return Err(EventFieldError::ClosesBeforeOpens);
    }
    if fields
        .registration_opens_at
        .is_some_and(|opens| opens >= fields.ends_at)
    {
        return Err(EventFieldError::OpensAfterEnd);
    }
    if fields.title.longest_chars() > MAX_TITLE_CHARS {
        return Err(EventFieldError::TitleTooLong);
    }
    if fields.description.longest_chars() > MAX_DESCRIPTION_CHARS {
        return Err(EventFieldError::DescriptionTooLong);
    }
    if fields
        .venue
        .as_ref()
        .is_some_and(|v| v.chars().count() > MAX_PLACE_CHARS)
        || fields
            .address
            .as_ref()
            .is_some_and(|a| a.chars().count() > MAX_ADDRESS_CHARS)
    {
        return Err(EventFieldError::PlaceTooLong);
    }
    if fields
        .online_link
        .as_deref()
        .is_some_and(|l| !valid_link(l))
    {
        return Err(EventFieldError::OnlineLinkInvalid);
    }
    if !valid_time_zone(&fields.time_zone) {
        return Err(EventFieldError::TimeZoneInvalid);
    }
    Ok(fields)
}

/// What an event still lacks to be published: the title and description in every required
/// language (English and French).
pub fn missing_for_publication(event: &event::Model) -> Vec<Missing> {
    missing_texts(&event.title, &event.description)
}

pub(super) fn missing_texts(title: &Localized, description: &Localized) -> Vec<Missing> {
    let titles = title
        .missing(&Language::REQUIRED)
        .into_iter()
        .map(Missing::Title);
    let descriptions = description
        .missing(&Language::REQUIRED)
        .into_iter()
        .map(Missing::Description);
    titles.chain(descriptions).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_and_hyphens() {
        assert_eq!(
            EventSlug::parse(" Digital-Summit-2026 ").map(|s| s.0),
            Ok("digital-summit-2026".to_owned())
        );
        for bad in ["-a", "a-", "a--b", "a b", "é", "a/b", "a_b", "<x>"] {
            assert_eq!(EventSlug::parse(bad), Err(SlugError::Invalid), "{bad:?}");
        }
        assert_eq!(EventSlug::parse("  "), Err(SlugError::Empty));
        assert_eq!(EventSlug::parse(&"a".repeat(81)), Err(SlugError::TooLong));
    }

    #[test]
    fn capacities_are_positive() {
        assert!(Capacity::new(0).is_err());
        assert!(Capacity::new(Capacity::MAX + 1).is_err());
        assert_eq!(Capacity::new(100).map(Capacity::get), Ok(100));
    }

    #[test]
    fn links_must_be_web_addresses() {
        assert!(valid_link("https://meet.example.org/j/123?pwd=x"));
        assert!(valid_link("http://example.org"));
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "ftp://x.org",
            "https://a b.org",
            "https://x.org/\"onclick",
        ] {
            assert!(!valid_link(bad), "{bad:?}");
        }
    }

    #[test]
    fn time_zones_have_the_shape_of_iana_names() {
        for good in [
            "America/Toronto",
            "UTC",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+5",
        ] {
            assert!(valid_time_zone(good), "{good:?}");
        }
        for bad in [
            "",
            "/UTC",
            "America/",
            "America//Toronto",
            "Toronto time",
            "<x>",
        ] {
            assert!(!valid_time_zone(bad), "{bad:?}");
        }
    }
}
