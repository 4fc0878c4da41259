//! The OSDI 1.1 resources Réseau serves, as HAL+JSON: people, events and attendances, built
//! from the domain's rows. Identifiers are `reseau:<id>`.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Utc};
use domain::{
    Interest, Language,
    entities::{chapter, event, member, registration},
    events::EventStatus,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::hal::{Curie, Link, PageInfo, PageLinks};

pub const ROOT: &str = app::webhooks::OSDI_ROOT;

pub fn identifier(id: i64) -> String {
    format!("reseau:{id}")
}

/// An email address of a person, with whether they want the newsletter (the consent ledger).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EmailAddress {
    pub primary: bool,
    pub address: String,
    /// `subscribed` or `unsubscribed`.
    pub status: &'static str,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostalAddress {
    pub primary: bool,
    /// The province, territory or state (ISO 3166-2 subdivision, without the country).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PersonLinks {
    #[serde(rename = "self")]
    pub self_: Link,
}

/// A member, as OSDI's person.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Person {
    pub identifiers: Vec<String>,
    pub created_date: DateTime<Utc>,
    pub modified_date: DateTime<Utc>,
    /// The first word of the name; `custom_fields.full_name` has it whole.
    pub given_name: String,
    pub family_name: String,
    /// ISO 639-1: the language of their emails.
    pub languages_spoken: Vec<String>,
    pub email_addresses: Vec<EmailAddress>,
    pub postal_addresses: Vec<PostalAddress>,
    /// `chapter` (slug), `interests` (slugs joined by commas), `full_name`.
    pub custom_fields: BTreeMap<String, String>,
    #[serde(rename = "_links")]
    pub links: PersonLinks,
}

impl Person {
    pub fn of(
        base: &str,
        member: &member::Model,
        chapter: Option<&chapter::Model>,
        subscribed: bool,
    ) -> Self {
        let name = member.full_name.trim();
        let (given, family) = name.split_once(char::is_whitespace).unwrap_or((name, ""));
        let country = chapter.map(|c| c.country.clone()).unwrap_or_default();
        let region = member
            .region
            .as_deref()
            .map(|code| code.split_once('-').map_or(code, |(_, sub)| sub).to_owned());
        let mut custom_fields = BTreeMap::new();
        if let Some(chapter) = chapter {
            custom_fields.insert("chapter".to_owned(), chapter.slug.clone());
        }
        let interests: Vec<&str> = Interest::parse_stored(&member.interests)
            .into_iter()
            .map(Interest::slug)
            .collect();
        custom_fields.insert("interests".to_owned(), interests.join(","));
        custom_fields.insert("full_name".to_owned(), name.to_owned());
        Self {
            identifiers: vec![identifier(member.id)],
            created_date: member.created_at,
            modified_date: member.updated_at,
            given_name: given.to_owned(),
            family_name: family.trim().to_owned(),
            languages_spoken: vec![member.language.code().to_owned()],
            email_addresses: vec![EmailAddress {
                primary: true,
                address: member.email.clone(),
                status: if subscribed {
                    "subscribed"
                } else {
                    "unsubscribed"
                },
            }],
            postal_addresses: vec![PostalAddress {
                primary: true,
                region,
                country,
            }],
            custom_fields,
            links: PersonLinks {
                self_: Link::to(format!("{base}{ROOT}/people/{}", member.id)),
            },
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PeopleEmbedded {
    #[serde(rename = "osdi:people")]
    pub people: Vec<Person>,
}

/// A page of people.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PeoplePage {
    #[serde(flatten)]
    pub page: PageInfo,
    #[serde(rename = "_links")]
    pub links: PageLinks,
    #[serde(rename = "_embedded")]
    pub embedded: PeopleEmbedded,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    pub address_lines: Vec<String>,
    pub country: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventLinks {
    #[serde(rename = "self")]
    pub self_: Link,
    #[serde(rename = "osdi:attendances")]
    pub attendances: Link,
    #[serde(rename = "osdi:record_attendance_helper")]
    pub record_attendance_helper: Link,
}

/// An event, as OSDI's event.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Event {
    pub identifiers: Vec<String>,
    pub created_date: DateTime<Utc>,
    pub modified_date: DateTime<Utc>,
    /// In English; `browser_url` shows it in every language.
    pub title: String,
    pub name: String,
    /// Markdown, in English.
    pub description: String,
    pub browser_url: String,
    /// `confirmed` or `cancelled`.
    pub status: &'static str,
    /// `in-person`, `online` or `hybrid`.
    pub format: String,
    /// With the offset of the event's own time zone.
    pub start_date: DateTime<FixedOffset>,
    pub end_date: DateTime<FixedOffset>,
    /// The IANA time zone of the event, such as `America/Toronto`.
    pub time_zone: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Seats; absent when unlimited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<i32>,
    /// Registrations holding a seat.
    pub total_accepted: i32,
    #[serde(rename = "_links")]
    pub links: EventLinks,
}

fn in_zone(at: DateTime<Utc>, zone: &str) -> DateTime<FixedOffset> {
    match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => at.with_timezone(&tz).fixed_offset(),
        Err(_) => at.fixed_offset(),
    }
}

impl Event {
    pub fn of(base: &str, event: &event::Model, chapter: Option<&chapter::Model>) -> Self {
        let own = format!("{base}{ROOT}/events/{}", event.id);
        let title = event.title(Language::En).to_owned();
        let location = (event.venue.is_some() || event.address.is_some()).then(|| Location {
            venue: event.venue.clone(),
            address_lines: event.address.iter().cloned().collect(),
            country: chapter.map(|c| c.country.clone()).unwrap_or_default(),
        });
        Self {
            identifiers: vec![identifier(event.id)],
            created_date: event.created_at,
            modified_date: event.updated_at,
            name: title.clone(),
            title,
            description: event.description(Language::En).to_owned(),
            browser_url: format!("{base}/en/events/{}", event.slug),
            status: if event.status == EventStatus::Cancelled {
                "cancelled"
            } else {
                "confirmed"
            },
            format: event.format.as_str().to_owned(),
            start_date: in_zone(event.starts_at, &event.time_zone),
            end_date: in_zone(event.ends_at, &event.time_zone),
            time_zone: event.time_zone.clone(),
            location,
            capacity: event.capacity,
            total_accepted: event.seats_taken,
            links: EventLinks {
                attendances: Link::to(format!("{own}/attendances")),
                record_attendance_helper: Link::to(format!("{own}/record_attendance_helper")),
                self_: Link::to(own),
            },
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventsEmbedded {
    #[serde(rename = "osdi:events")]
    pub events: Vec<Event>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventsPage {
    #[serde(flatten)]
    pub page: PageInfo,
    #[serde(rename = "_links")]
    pub links: PageLinks,
    #[serde(rename = "_embedded")]
    pub embedded: EventsEmbedded,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AttendanceLinks {
    #[serde(rename = "self")]
    pub self_: Link,
    #[serde(rename = "osdi:event")]
    pub event: Link,
    /// Only when the registration is a member's.
    #[serde(rename = "osdi:person", skip_serializing_if = "Option::is_none")]
    pub person: Option<Link>,
}

/// A registration, as OSDI's attendance. It names no one: a member's is linked to their
/// person.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Attendance {
    pub identifiers: Vec<String>,
    pub created_date: DateTime<Utc>,
    pub modified_date: DateTime<Utc>,
    /// `accepted` (a seat), `waitlisted` or `cancelled`.
    pub status: &'static str,
    /// Checked in at the door.
    pub attended: bool,
    #[serde(rename = "_links")]
    pub links: AttendanceLinks,
}

impl Attendance {
    pub fn of(base: &str, r: &registration::Model) -> Self {
        let event = format!("{base}{ROOT}/events/{}", r.event_id);
        let modified = [r.confirmed_at, r.cancelled_at, r.checked_in_at]
            .into_iter()
            .flatten()
            .fold(r.created_at, Ord::max);
        Self {
            identifiers: vec![identifier(r.id)],
            created_date: r.created_at,
            modified_date: modified,
            status: app::webhooks::attendance_status(r),
            attended: r.checked_in_at.is_some(),
            links: AttendanceLinks {
                self_: Link::to(format!("{event}/attendances/{}", r.id)),
                person: r
                    .member_id
                    .map(|id| Link::to(format!("{base}{ROOT}/people/{id}"))),
                event: Link::to(event),
            },
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AttendancesEmbedded {
    #[serde(rename = "osdi:attendances")]
    pub attendances: Vec<Attendance>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AttendancesPage {
    #[serde(flatten)]
    pub page: PageInfo,
    #[serde(rename = "_links")]
    pub links: PageLinks,
    #[serde(rename = "_embedded")]
    pub embedded: AttendancesEmbedded,
}

/// The links of the entry point.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EntryLinks {
    #[serde(rename = "self")]
    pub self_: Link,
    #[serde(rename = "osdi:people")]
    pub people: Link,
    #[serde(rename = "osdi:events")]
    pub events: Link,
    #[serde(rename = "osdi:person_signup_helper")]
    pub person_signup_helper: Link,
    pub docs: Link,
    pub curies: Vec<Curie>,
}

/// The entry point: what this system offers.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Entry {
    pub motd: String,
    pub vendor_name: &'static str,
    pub product_name: &'static str,
    pub osdi_version: &'static str,
    pub max_pagesize: u64,
    #[serde(rename = "_links")]
    pub links: EntryLinks,
}

/// What a helper answers: the request is taken, and what follows is up to the person.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Accepted {
    pub notice: &'static str,
}

/// A person as a helper takes them.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct PersonInput {
    pub given_name: String,
    pub family_name: String,
    pub email_addresses: Vec<EmailInput>,
    pub postal_addresses: Vec<PostalInput>,
    /// ISO 639-1: the language of their emails (en, fr, es or pt; English otherwise).
    pub languages_spoken: Vec<String>,
    /// `chapter` (a slug; needed when the key sees several chapters) and `interests` (slugs
    /// joined by commas).
    pub custom_fields: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct EmailInput {
    pub address: String,
    /// `subscribed` asks for the newsletter, which the person confirms themself.
    pub status: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct PostalInput {
    /// The province, territory or state, with or without the country (`QC` or `CA-QC`).
    pub region: Option<String>,
}

/// The person sign-up helper's body.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct SignupInput {
    pub person: PersonInput,
    /// What the partner holds as proof of the consent it collected (wording, time, page…),
    /// kept in Réseau's consent ledger beside the person's own confirmation. At most 4 KiB.
    #[schema(value_type = Option<Object>)]
    pub consent: Option<serde_json::Value>,
}

/// The record-attendance helper's body.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct AttendanceInput {
    pub person: PersonInput,
}
