//! Events and registrations: organizers create and publish events; people register, confirm by
//! emailed link (or at once when signed in), wait in line when the event is full, cancel, and
//! are checked in at the door.
//!
//! # Seats and the waitlist under concurrency
//!
//! A seat is taken by one conditional UPDATE on the event row,
//! `UPDATE events SET seats_taken = seats_taken + 1 WHERE id = ? AND (capacity IS NULL OR
//! seats_taken < capacity)`: one row affected is a seat, none is a full event. Both backends run
//! that statement atomically, so `seats_taken` never passes `capacity` whatever the concurrency.
//!
//! The waitlist needs more than one statement (read the last position, write the next; on a
//! cancellation, promote the first and close the gap), so every function that changes seats or
//! the waitlist first locks the event row and then re-reads what it decides on:
//!
//! - on PostgreSQL with `SELECT … FOR NO KEY UPDATE`: the row lock an `UPDATE` of a non-key
//!   column takes anyway, held to the end of the transaction. It serialises seat and waitlist
//!   changes per event, and — unlike `FOR UPDATE` — does not conflict with the `FOR KEY SHARE`
//!   lock that inserting a registration (its foreign key) takes on the same row, so a request
//!   followed by a confirmation in one transaction cannot deadlock with another;
//! - on SQLite the lock clause is dropped (sea-query leaves it out): the write transaction
//!   (`Db::begin_write`, `BEGIN IMMEDIATE`) already holds the database's single write lock.
//!
//! So these functions must run inside a write transaction (`Db::begin_write`), and the emails
//! their outcomes call for are queued in that same transaction.
//!
//! Waitlist positions are kept 1..N without gaps: whoever leaves the list (promoted or
//! cancelled) closes the gap behind them, so a position is always the person's place in line.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, Order,
    QueryFilter, QueryOrder, QuerySelect, SqlErr,
    sea_query::{Expr, ExprTrait, Func, LikeExpr, LockType},
};
use serde::{Deserialize, Serialize};
use tracing::instrument;

use crate::{
    DomainError, EmailAddress, FullName, Language,
    entities::{chapter, event, member, outbox, registration, registration_link},
    membership::Throttle,
    token::{Secret, hash},
};

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/// How people attend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    InPerson,
    Online,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventStatus {
    Draft,
    Published,
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

/// Where a registration is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegistrationStatus {
    /// Asked, address not yet confirmed: no seat taken.
    Pending,
    /// Holds a seat.
    Confirmed,
    /// Confirmed address, no seat yet: in line at `waitlist_position`.
    Waitlisted,
    Cancelled,
}

impl RegistrationStatus {
    pub const ALL: [RegistrationStatus; 4] = [
        RegistrationStatus::Pending,
        RegistrationStatus::Confirmed,
        RegistrationStatus::Waitlisted,
        RegistrationStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Pending => "pending",
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The status of a stored registration.
    pub fn of(registration: &registration::Model) -> Result<Self, DomainError> {
        Self::parse(&registration.status).ok_or(DomainError::Inconsistent(
            "registration has an unknown status",
        ))
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
pub struct Capacity(i32);

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

/// A text in each language. English and French must be complete before publishing; Spanish
/// may stay empty (pages fall back to English).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    pub en: String,
    pub fr: String,
    pub es: String,
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/// Everything an organizer sets on an event, from a form that has been parsed.
#[derive(Clone, Debug)]
pub struct EventFields {
    pub chapter_id: i64,
    pub slug: EventSlug,
    pub title: Texts,
    /// Markdown.
    pub description: Texts,
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
pub enum Problem {
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
        /// The field, named as the event form names it (`title_en`, `venue`, …).
        field: &'static str,
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

/// A text publishing needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Missing {
    TitleEn,
    TitleFr,
    DescriptionEn,
    DescriptionFr,
}

/// What refuses an organizer's change to an event.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error("invalid event: {0}")]
    Invalid(Problem),
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

fn trimmed(texts: &Texts) -> Texts {
    Texts {
        en: texts.en.trim().to_owned(),
        fr: texts.fr.trim().to_owned(),
        es: texts.es.trim().to_owned(),
    }
}

fn too_long(texts: &Texts, max: usize) -> bool {
    [&texts.en, &texts.fr, &texts.es]
        .iter()
        .any(|t| t.chars().count() > max)
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn valid_link(link: &str) -> bool {
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
fn checked(mut fields: EventFields) -> Result<EventFields, Problem> {
    fields.title = trimmed(&fields.title);
    fields.description = Texts {
        en: fields.description.en.trim_end().to_owned(),
        fr: fields.description.fr.trim_end().to_owned(),
        es: fields.description.es.trim_end().to_owned(),
    };
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
            return Err(Problem::DateOutOfRange(field));
        }
    }
    let lines = [
        ("title_en", Some(&fields.title.en)),
        ("title_fr", Some(&fields.title.fr)),
        ("title_es", Some(&fields.title.es)),
        ("venue", fields.venue.as_ref()),
        ("address", fields.address.as_ref()),
        ("online_link", fields.online_link.as_ref()),
    ];
    for (field, text) in lines {
        if text.is_some_and(|t| crate::text::check_line(t).is_err()) {
            return Err(Problem::HiddenText { field });
        }
    }
    let bodies = [
        ("description_en", &fields.description.en),
        ("description_fr", &fields.description.fr),
        ("description_es", &fields.description.es),
    ];
    for (field, text) in bodies {
        if crate::text::check_multiline(text).is_err() {
            return Err(Problem::HiddenText { field });
        }
    }
    if fields.ends_at <= fields.starts_at {
        return Err(Problem::EndsBeforeStart);
    }
    if let (Some(opens), Some(closes)) =
        (fields.registration_opens_at, fields.registration_closes_at)
        && closes <= opens
    {
        return Err(Problem::ClosesBeforeOpens);
    }
    if fields
        .registration_opens_at
        .is_some_and(|opens| opens >= fields.ends_at)
    {
        return Err(Problem::OpensAfterEnd);
    }
    if too_long(&fields.title, MAX_TITLE_CHARS) {
        return Err(Problem::TitleTooLong);
    }
    if too_long(&fields.description, MAX_DESCRIPTION_CHARS) {
        return Err(Problem::DescriptionTooLong);
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
        return Err(Problem::PlaceTooLong);
    }
    if fields
        .online_link
        .as_deref()
        .is_some_and(|l| !valid_link(l))
    {
        return Err(Problem::OnlineLinkInvalid);
    }
    if !valid_time_zone(&fields.time_zone) {
        return Err(Problem::TimeZoneInvalid);
    }
    Ok(fields)
}

/// What an event still lacks to be published: the English and French title and description.
pub fn missing_for_publication(event: &event::Model) -> Vec<Missing> {
    missing_texts(
        &Texts {
            en: event.title_en.clone(),
            fr: event.title_fr.clone(),
            es: String::new(),
        },
        &Texts {
            en: event.description_en.clone(),
            fr: event.description_fr.clone(),
            es: String::new(),
        },
    )
}

fn missing_texts(title: &Texts, description: &Texts) -> Vec<Missing> {
    [
        (Missing::TitleEn, &title.en),
        (Missing::TitleFr, &title.fr),
        (Missing::DescriptionEn, &description.en),
        (Missing::DescriptionFr, &description.fr),
    ]
    .into_iter()
    .filter(|(_, text)| text.trim().is_empty())
    .map(|(missing, _)| missing)
    .collect()
}

fn status_of(event: &event::Model) -> Result<EventStatus, DomainError> {
    EventStatus::parse(&event.status)
        .ok_or(DomainError::Inconsistent("event has an unknown status"))
}

async fn chapter_exists(conn: &impl ConnectionTrait, id: i64) -> Result<bool, DomainError> {
    Ok(chapter::Entity::find_by_id(id).one(conn).await?.is_some())
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Locks the event row for the rest of the transaction (PostgreSQL) and reads it. On SQLite
/// the lock clause is left out: the write transaction holds the database's one write lock.
async fn lock_event(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<event::Model>, DomainError> {
    Ok(event::Entity::find_by_id(id)
        .lock(LockType::NoKeyUpdate)
        .one(conn)
        .await?)
}

/// Creates a draft event.
#[instrument(skip_all, fields(slug = %fields.slug.as_str()))]
pub async fn create_event(
    conn: &impl ConnectionTrait,
    fields: EventFields,
    now: DateTime<Utc>,
) -> Result<event::Model, EventError> {
    let fields = checked(fields).map_err(EventError::Invalid)?;
    if !chapter_exists(conn, fields.chapter_id).await? {
        return Err(EventError::Invalid(Problem::UnknownChapter));
    }
    let row = event::ActiveModel {
        chapter_id: Set(fields.chapter_id),
        slug: Set(fields.slug.as_str().to_owned()),
        title_en: Set(fields.title.en),
        title_fr: Set(fields.title.fr),
        title_es: Set(fields.title.es),
        description_en: Set(fields.description.en),
        description_fr: Set(fields.description.fr),
        description_es: Set(fields.description.es),
        format: Set(fields.format.as_str().to_owned()),
        venue: Set(fields.venue),
        address: Set(fields.address),
        online_link: Set(fields.online_link),
        starts_at: Set(fields.starts_at),
        ends_at: Set(fields.ends_at),
        time_zone: Set(fields.time_zone),
        capacity: Set(fields.capacity.map(|c| c.0)),
        seats_taken: Set(0),
        waitlist_enabled: Set(fields.waitlist_enabled),
        registration_opens_at: Set(fields.registration_opens_at),
        registration_closes_at: Set(fields.registration_closes_at),
        status: Set(EventStatus::Draft.as_str().to_owned()),
        reminder_sent_at: Set(None),
        accommodations_purged_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    // Insert-or-ignore on the slug: a taken slug is an answer, and on PostgreSQL it does not
    // abort the caller's transaction as a unique violation would.
    let inserted = event::Entity::insert(row)
        .on_conflict_do_nothing_on([event::Column::Slug])
        .exec_without_returning(conn)
        .await?;
    if !matches!(inserted, sea_orm::TryInsertResult::Inserted(1)) {
        return Err(EventError::SlugTaken);
    }
    find_by_slug(conn, fields.slug.as_str())
        .await?
        .ok_or_else(|| DomainError::Inconsistent("event vanished after insert").into())
}

/// An edited event, and what the caller should tell people about.
#[derive(Debug)]
pub struct EventUpdated {
    pub event: event::Model,
    /// The time, zone, format, venue, address or link changed: registrants get the
    /// "event changed" email (when the event is published).
    pub time_or_place_changed: bool,
    /// Waitlisted registrants who got a seat because the capacity grew: email them.
    pub promoted: Vec<registration::Model>,
}

/// Edits an event. A published event must stay complete in English and French; the capacity
/// cannot go below the seats already taken; more seats go to the waitlist first, in order.
/// When the start moves more than a day ahead, the reminder is due again.
/// Turning the waitlist off keeps those already in line; it only stops new arrivals joining.
#[instrument(skip_all, fields(event = event_id))]
pub async fn update_event(
    conn: &impl ConnectionTrait,
    event_id: i64,
    fields: EventFields,
    now: DateTime<Utc>,
) -> Result<EventUpdated, EventError> {
    let fields = checked(fields).map_err(EventError::Invalid)?;
    let current = lock_event(conn, event_id)
        .await?
        .ok_or(EventError::NotFound)?;
    let status = status_of(&current)?;
    if status == EventStatus::Cancelled {
        return Err(EventError::EventCancelled);
    }
    if fields.capacity.is_some_and(|c| c.0 < current.seats_taken) {
        return Err(EventError::Invalid(Problem::CapacityBelowConfirmed));
    }
    if fields.chapter_id != current.chapter_id && !chapter_exists(conn, fields.chapter_id).await? {
        return Err(EventError::Invalid(Problem::UnknownChapter));
    }
    if fields.slug.as_str() != current.slug
        && find_by_slug(conn, fields.slug.as_str()).await?.is_some()
    {
        return Err(EventError::SlugTaken);
    }

    let time_or_place_changed = fields.starts_at != current.starts_at
        || fields.ends_at != current.ends_at
        || fields.time_zone != current.time_zone
        || fields.format.as_str() != current.format
        || fields.venue != current.venue
        || fields.address != current.address
        || fields.online_link != current.online_link;
    let more_seats = match (current.capacity, fields.capacity) {
        (Some(old), Some(new)) => new.0 > old,
        (Some(_), None) => true,
        (None, _) => false,
    };
    let reminder_due_again =
        fields.starts_at != current.starts_at && fields.starts_at > now + Duration::hours(24);

    // A published event stays complete; checked before anything is written.
    if status == EventStatus::Published {
        let missing = missing_texts(&fields.title, &fields.description);
        if !missing.is_empty() {
            return Err(EventError::Incomplete { missing });
        }
    }

    let mut active = current.clone().into_active_model();
    active.chapter_id = Set(fields.chapter_id);
    active.slug = Set(fields.slug.as_str().to_owned());
    active.title_en = Set(fields.title.en);
    active.title_fr = Set(fields.title.fr);
    active.title_es = Set(fields.title.es);
    active.description_en = Set(fields.description.en);
    active.description_fr = Set(fields.description.fr);
    active.description_es = Set(fields.description.es);
    active.format = Set(fields.format.as_str().to_owned());
    active.venue = Set(fields.venue);
    active.address = Set(fields.address);
    active.online_link = Set(fields.online_link);
    active.starts_at = Set(fields.starts_at);
    active.ends_at = Set(fields.ends_at);
    active.time_zone = Set(fields.time_zone);
    active.capacity = Set(fields.capacity.map(|c| c.0));
    active.waitlist_enabled = Set(fields.waitlist_enabled);
    active.registration_opens_at = Set(fields.registration_opens_at);
    active.registration_closes_at = Set(fields.registration_closes_at);
    if reminder_due_again {
        active.reminder_sent_at = Set(None);
    }
    active.updated_at = Set(now);

    let event = match active.update(conn).await {
        Ok(event) => event,
        // Another edit took the slug since the check above.
        Err(err) if is_unique_violation(&err) => return Err(EventError::SlugTaken),
        Err(err) => return Err(err.into()),
    };
    let promoted = if more_seats && status == EventStatus::Published {
        fill_from_waitlist(conn, &event, now).await?
    } else {
        Vec::new()
    };
    let event = if promoted.is_empty() {
        event
    } else {
        event::Entity::find_by_id(event_id)
            .one(conn)
            .await?
            .ok_or(DomainError::Inconsistent("event vanished"))?
    };
    Ok(EventUpdated {
        event,
        time_or_place_changed,
        promoted,
    })
}

/// Publishes a draft. Refused until the English and French title and description are there.
/// Publishing a published event changes nothing.
#[instrument(skip_all, fields(event = event_id))]
pub async fn publish(
    conn: &impl ConnectionTrait,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<event::Model, EventError> {
    let event = lock_event(conn, event_id)
        .await?
        .ok_or(EventError::NotFound)?;
    match status_of(&event)? {
        EventStatus::Published => return Ok(event),
        EventStatus::Cancelled => return Err(EventError::EventCancelled),
        EventStatus::Draft => {}
    }
    let missing = missing_for_publication(&event);
    if !missing.is_empty() {
        return Err(EventError::Incomplete { missing });
    }
    let mut active = event.into_active_model();
    active.status = Set(EventStatus::Published.as_str().to_owned());
    active.updated_at = Set(now);
    Ok(active.update(conn).await?)
}

/// A cancelled event and the people to tell.
#[derive(Debug)]
pub struct EventCancellation {
    pub event: event::Model,
    /// Every registration that was not cancelled (pending, confirmed, waitlisted), for the
    /// "event cancelled" email. Their rows are kept as they were, as a record.
    pub registrants: Vec<registration::Model>,
    /// False when the event was already cancelled: nobody is to be told twice.
    pub newly_cancelled: bool,
}

/// Cancels an event. Nothing about it changes afterwards: no registration, no promotion.
#[instrument(skip_all, fields(event = event_id))]
pub async fn cancel_event(
    conn: &impl ConnectionTrait,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<EventCancellation, EventError> {
    let event = lock_event(conn, event_id)
        .await?
        .ok_or(EventError::NotFound)?;
    if status_of(&event)? == EventStatus::Cancelled {
        return Ok(EventCancellation {
            event,
            registrants: Vec::new(),
            newly_cancelled: false,
        });
    }
    let mut active = event.into_active_model();
    active.status = Set(EventStatus::Cancelled.as_str().to_owned());
    active.updated_at = Set(now);
    let event = active.update(conn).await?;
    let registrants = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.ne(RegistrationStatus::Cancelled.as_str()))
        .order_by_asc(registration::Column::Id)
        .all(conn)
        .await?;
    Ok(EventCancellation {
        event,
        registrants,
        newly_cancelled: true,
    })
}

/// Filters of the public list.
#[derive(Clone, Debug, Default)]
pub struct UpcomingFilter {
    pub chapter_id: Option<i64>,
    pub format: Option<Format>,
}

/// Published events that have not ended, soonest first.
pub async fn list_upcoming(
    conn: &impl ConnectionTrait,
    filter: &UpcomingFilter,
    now: DateTime<Utc>,
) -> Result<Vec<event::Model>, DomainError> {
    let mut query = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published.as_str()))
        .filter(event::Column::EndsAt.gt(now));
    if let Some(chapter_id) = filter.chapter_id {
        query = query.filter(event::Column::ChapterId.eq(chapter_id));
    }
    if let Some(format) = filter.format {
        query = query.filter(event::Column::Format.eq(format.as_str()));
    }
    Ok(query
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(conn)
        .await?)
}

/// Every event of the given chapters (all chapters when `None`), drafts and past ones
/// included, latest first: the back office's list.
pub async fn list_for_chapters(
    conn: &impl ConnectionTrait,
    chapter_ids: Option<&[i64]>,
) -> Result<Vec<event::Model>, DomainError> {
    let mut query = event::Entity::find();
    if let Some(ids) = chapter_ids {
        query = query.filter(event::Column::ChapterId.is_in(ids.iter().copied()));
    }
    Ok(query
        .order_by_desc(event::Column::StartsAt)
        .order_by_desc(event::Column::Id)
        .all(conn)
        .await?)
}

pub async fn find_by_slug(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<event::Model>, DomainError> {
    Ok(event::Entity::find()
        .filter(event::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<event::Model>, DomainError> {
    Ok(event::Entity::find_by_id(id).one(conn).await?)
}

// ---------------------------------------------------------------------------------------------
// Registrations
// ---------------------------------------------------------------------------------------------

/// Sign-language interpretation asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignLanguage {
    #[default]
    None,
    /// American Sign Language.
    Asl,
    /// Langue des signes québécoise.
    Lsq,
}

/// Structured accommodation needs, stored as JSON on the registration and erased some days
/// after the event. Seen only by organizers of the event's chapter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Accommodations {
    pub sign_language: SignLanguage,
    pub captions: bool,
    /// Interpretation into these languages.
    pub interpretation: Vec<Language>,
    pub mobility: bool,
    pub dietary: String,
    pub other: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("an accommodation text is longer than {max} characters", max = Accommodations::MAX_TEXT_CHARS)]
pub struct AccommodationsTooLong;

impl Accommodations {
    pub const MAX_TEXT_CHARS: usize = 1000;

    /// For the form: whether the free texts fit.
    pub fn check(&self) -> Result<(), AccommodationsTooLong> {
        if [&self.dietary, &self.other]
            .iter()
            .any(|t| t.trim().chars().count() > Self::MAX_TEXT_CHARS)
        {
            return Err(AccommodationsTooLong);
        }
        Ok(())
    }

    /// Nothing asked for.
    pub fn is_empty(&self) -> bool {
        self.sign_language == SignLanguage::None
            && !self.captions
            && self.interpretation.is_empty()
            && !self.mobility
            && self.dietary.trim().is_empty()
            && self.other.trim().is_empty()
    }

    /// Texts trimmed (and cut to the limit, should a caller not have checked), languages
    /// de-duplicated in a fixed order.
    fn normalised(mut self) -> Self {
        let cut = |t: &str| {
            t.trim()
                .chars()
                .take(Self::MAX_TEXT_CHARS)
                .collect::<String>()
        };
        self.dietary = cut(&self.dietary);
        self.other = cut(&self.other);
        self.interpretation = Language::ALL
            .into_iter()
            .filter(|l| self.interpretation.contains(l))
            .collect();
        self
    }

    /// The stored form: JSON, or `None` when nothing is asked for.
    pub fn to_stored(&self) -> Result<Option<String>, DomainError> {
        let normalised = self.clone().normalised();
        if normalised.is_empty() {
            return Ok(None);
        }
        serde_json::to_string(&normalised)
            .map(Some)
            .map_err(|_| DomainError::Inconsistent("accommodations do not serialise"))
    }

    /// Reads a registration's accommodations; `None` when there are none (or they were erased).
    pub fn of(registration: &registration::Model) -> Result<Option<Self>, DomainError> {
        registration
            .accommodations
            .as_deref()
            .map(|json| {
                serde_json::from_str(json)
                    .map_err(|_| DomainError::Inconsistent("stored accommodations do not parse"))
            })
            .transpose()
    }
}

/// A registration form that passed validation.
#[derive(Clone, Debug)]
pub struct RegistrationRequest {
    pub email: EmailAddress,
    pub full_name: FullName,
    /// The language of their emails.
    pub language: Language,
    /// The signed-in member registering, if any. Registering never creates a member.
    pub member_id: Option<i64>,
    pub accommodations: Option<Accommodations>,
}

/// Why an event does not take a registration now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A draft.
    NotPublished,
    EventCancelled,
    NotOpenYet {
        opens_at: DateTime<Utc>,
    },
    /// Registration has closed, or the event is over.
    Closed,
    /// Every seat is taken and there is no waitlist.
    Full,
}

/// Whether an event takes registration requests at `now`. `Full` is advisory here (the seat is
/// taken only at confirmation, atomically).
pub fn refusal(event: &event::Model, now: DateTime<Utc>) -> Option<Refusal> {
    match EventStatus::parse(&event.status) {
        Some(EventStatus::Published) => {}
        Some(EventStatus::Cancelled) => return Some(Refusal::EventCancelled),
        Some(EventStatus::Draft) | None => return Some(Refusal::NotPublished),
    }
    if let Some(opens_at) = event.registration_opens_at
        && now < opens_at
    {
        return Some(Refusal::NotOpenYet { opens_at });
    }
    let closes_at = event
        .registration_closes_at
        .map_or(event.ends_at, |c| std::cmp::min(c, event.ends_at));
    if now >= closes_at {
        return Some(Refusal::Closed);
    }
    if event.is_full() && !event.waitlist_enabled {
        return Some(Refusal::Full);
    }
    None
}

/// Whether a confirmation can take a seat at `now`: the event is published and not over. The
/// registration window is not checked again, so a request made in time can be confirmed after
/// registration closes.
fn confirmation_refusal(event: &event::Model, now: DateTime<Utc>) -> Option<Refusal> {
    match EventStatus::parse(&event.status) {
        Some(EventStatus::Published) => {}
        Some(EventStatus::Cancelled) => return Some(Refusal::EventCancelled),
        Some(EventStatus::Draft) | None => return Some(Refusal::NotPublished),
    }
    (now >= event.ends_at).then_some(Refusal::Closed)
}

#[derive(Debug)]
pub enum RequestOutcome {
    /// A pending registration: email this token so they confirm (the page of the link has a
    /// button that POSTs). It is a new registration, a still-pending one with a fresh link
    /// (the earlier link stops working), or a cancelled one reopened.
    Pending {
        registration: registration::Model,
        token: Secret,
    },
    /// They already hold a seat or a place in line: this is their registration, unchanged.
    AlreadyRegistered(registration::Model),
    /// The event does not take registrations now.
    Refused(Refusal),
}

/// Records a registration request; the seat is not taken until `confirm_registration`. One
/// registration per person per event: a second request returns the first one.
#[instrument(skip_all, fields(event = event.id, email = %request.email.masked()))]
pub async fn request_registration(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    request: RegistrationRequest,
    now: DateTime<Utc>,
) -> Result<RequestOutcome, DomainError> {
    let accommodations = match &request.accommodations {
        Some(a) => a.to_stored()?,
        None => None,
    };
    let existing = by_event_and_email(conn, event.id, &request.email).await?;
    if let Some(existing) = &existing {
        match RegistrationStatus::of(existing)? {
            RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted => {
                return Ok(RequestOutcome::AlreadyRegistered(existing.clone()));
            }
            RegistrationStatus::Pending | RegistrationStatus::Cancelled => {}
        }
    }
    if let Some(refused) = refusal(event, now) {
        return Ok(RequestOutcome::Refused(refused));
    }

    let token = Secret::random();
    if existing.is_none() {
        // Insert-or-ignore, then read: two racing requests for one address make one row.
        let inserted = registration::Entity::insert(registration::ActiveModel {
            event_id: Set(event.id),
            member_id: Set(request.member_id),
            email: Set(request.email.as_str().to_owned()),
            full_name: Set(request.full_name.as_str().to_owned()),
            language: Set(request.language.code().to_owned()),
            status: Set(RegistrationStatus::Pending.as_str().to_owned()),
            waitlist_position: Set(None),
            accommodations: Set(accommodations.clone()),
            token_hash: Set(hash(token.as_str())),
            checked_in_at: Set(None),
            created_at: Set(now),
            confirmed_at: Set(None),
            cancelled_at: Set(None),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([registration::Column::EventId, registration::Column::Email])
        .exec_without_returning(conn)
        .await?;
        if matches!(inserted, sea_orm::TryInsertResult::Inserted(1)) {
            let registration = by_event_and_email(conn, event.id, &request.email)
                .await?
                .ok_or(DomainError::Inconsistent(
                    "registration vanished after insert",
                ))?;
            return Ok(RequestOutcome::Pending {
                registration,
                token,
            });
        }
    }

    // An earlier request exists (or another won the race). Its links keep working: the email
    // this request causes carries one more. An anonymous form changes nothing of an existing
    // registration (anyone can type anyone's address); a cancelled one is only reopened as
    // pending, which holds nothing until the address's owner presses the emailed link. A
    // signed-in member's own request, whose address is proven theirs, brings their latest
    // details.
    let current = by_event_and_email(conn, event.id, &request.email)
        .await?
        .ok_or(DomainError::Inconsistent("registration vanished"))?;
    let status = RegistrationStatus::of(&current)?;
    if matches!(
        status,
        RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted
    ) {
        return Ok(RequestOutcome::AlreadyRegistered(current));
    }
    let mut update = registration::Entity::update_many()
        .col_expr(
            registration::Column::Status,
            Expr::value(RegistrationStatus::Pending.as_str()),
        )
        .col_expr(
            registration::Column::WaitlistPosition,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            registration::Column::CheckedInAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            registration::Column::ConfirmedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            registration::Column::CancelledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    if let Some(member_id) = request.member_id {
        update = update
            .col_expr(
                registration::Column::FullName,
                Expr::value(request.full_name.as_str()),
            )
            .col_expr(
                registration::Column::Language,
                Expr::value(request.language.code()),
            )
            .col_expr(
                registration::Column::Accommodations,
                Expr::value(accommodations),
            )
            .col_expr(registration::Column::MemberId, Expr::value(member_id));
    }
    let refreshed = update
        .filter(registration::Column::Id.eq(current.id))
        .filter(registration::Column::Status.eq(status.as_str()))
        .exec_with_returning(conn)
        .await?;
    match refreshed.into_iter().next() {
        Some(registration) => {
            let token = add_link(conn, registration.id, now).await?;
            Ok(RequestOutcome::Pending {
                registration,
                token,
            })
        }
        // Confirmed by its link in the meantime.
        None => Ok(RequestOutcome::AlreadyRegistered(
            registration::Entity::find_by_id(current.id)
                .one(conn)
                .await?
                .ok_or(DomainError::Inconsistent("registration vanished"))?,
        )),
    }
}

/// The kinds of registration email a form sent with an address can cause; the per-address
/// throttle counts them together, over every event.
pub const REQUEST_MAIL: &str = "event-request";
pub const REMINDER_OF_REGISTRATION_MAIL: &str = "event-reminder-of-registration";

/// Whether an address given in a registration form may be sent one more registration email
/// now: fewer than the throttle's limit in the last hour, counted in the outbox (so across
/// instances), whichever event and whoever asked.
pub async fn form_mail_allowed(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    use sea_orm::PaginatorTrait;
    let sent = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(email.as_str()))
        .filter(outbox::Column::Kind.is_in([REQUEST_MAIL, REMINDER_OF_REGISTRATION_MAIL]))
        .filter(outbox::Column::CreatedAt.gt(now - Duration::hours(1)))
        .count(conn)
        .await?;
    Ok(sent < throttle.per_address_per_hour)
}

#[derive(Debug)]
pub enum ConfirmOutcome {
    /// A seat was taken now: send the confirmation (with the calendar file).
    Confirmed(registration::Model),
    /// The event is full: now in line at `waitlist_position`. Send the waitlisted email.
    Waitlisted(registration::Model),
    /// The event is full and has no waitlist: the registration stays pending, holding nothing.
    Full(registration::Model),
    /// Confirmed or waitlisted before: nothing changed (a second click, a second tab).
    AlreadyDone(registration::Model),
    /// The registration was cancelled; nothing changed.
    Cancelled(registration::Model),
    /// The event does not take confirmations (draft, cancelled, over); nothing changed.
    Refused(Refusal),
    /// No such link.
    Unknown,
}

/// The registration a registration-page token opens, if any.
pub async fn find_by_token(
    conn: &impl ConnectionTrait,
    clear: &str,
) -> Result<Option<registration::Model>, DomainError> {
    let Some(secret) = Secret::parse(clear) else {
        return Ok(None);
    };
    let hashed = hash(secret.as_str());
    if let Some(found) = registration::Entity::find()
        .filter(registration::Column::TokenHash.eq(hashed.as_str()))
        .one(conn)
        .await?
    {
        return Ok(Some(found));
    }
    let Some(link) = registration_link::Entity::find()
        .filter(registration_link::Column::TokenHash.eq(hashed))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    Ok(registration::Entity::find_by_id(link.registration_id)
        .one(conn)
        .await?)
}

/// Confirms a registration from its emailed link: takes a seat, or a place on the waitlist,
/// atomically. Idempotent: a registration is never given a second seat.
#[instrument(skip_all)]
pub async fn confirm_registration(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<ConfirmOutcome, DomainError> {
    Ok(confirm_registration_of_event(conn, clear, now).await?.0)
}

/// `confirm_registration`, with the event as read under its lock: the caller composes its
/// email from it without reading it again while the lock is held.
pub async fn confirm_registration_of_event(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<(ConfirmOutcome, Option<event::Model>), DomainError> {
    match find_by_token(conn, clear).await? {
        Some(found) => {
            let (outcome, event) = take_seat(conn, found.id, found.event_id, now).await?;
            Ok((outcome, Some(event)))
        }
        None => Ok((ConfirmOutcome::Unknown, None)),
    }
}

/// The seat rule, once the event row is locked.
async fn take_seat(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(ConfirmOutcome, event::Model), DomainError> {
    let event = lock_event(conn, event_id)
        .await?
        .ok_or(DomainError::Inconsistent("registration of a missing event"))?;
    // Read again under the lock: another transaction may have confirmed it meanwhile.
    let current = registration::Entity::find_by_id(registration_id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent("registration vanished"))?;
    match RegistrationStatus::of(&current)? {
        RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted => {
            return Ok((ConfirmOutcome::AlreadyDone(current), event));
        }
        RegistrationStatus::Cancelled => {
            return Ok((ConfirmOutcome::Cancelled(current), event));
        }
        RegistrationStatus::Pending => {}
    }
    if let Some(refused) = confirmation_refusal(&event, now) {
        return Ok((ConfirmOutcome::Refused(refused), event));
    }

    if claim_seat(conn, event.id).await? {
        let confirmed = set_status(
            conn,
            current.id,
            RegistrationStatus::Pending,
            RegistrationStatus::Confirmed,
            None,
            now,
        )
        .await?;
        return Ok((ConfirmOutcome::Confirmed(confirmed), event));
    }
    if !event.waitlist_enabled {
        return Ok((ConfirmOutcome::Full(current), event));
    }
    // Safe: the event row is locked (PostgreSQL) or the database is (SQLite), so no other
    // transaction reads the same last position before this one commits.
    let last: Option<Option<i32>> = registration::Entity::find()
        .select_only()
        .expr(Func::max(Expr::col(registration::Column::WaitlistPosition)))
        .filter(registration::Column::EventId.eq(event.id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted.as_str()))
        .into_tuple()
        .one(conn)
        .await?;
    let position = last.flatten().unwrap_or(0) + 1;
    let waitlisted = set_status(
        conn,
        current.id,
        RegistrationStatus::Pending,
        RegistrationStatus::Waitlisted,
        Some(position),
        now,
    )
    .await?;
    Ok((ConfirmOutcome::Waitlisted(waitlisted), event))
}

/// The one statement that takes a seat: true when there was one.
async fn claim_seat(conn: &impl ConnectionTrait, event_id: i64) -> Result<bool, DomainError> {
    let result = event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).add(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(
            Condition::any()
                .add(event::Column::Capacity.is_null())
                .add(Expr::col(event::Column::SeatsTaken).lt(Expr::col(event::Column::Capacity))),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Gives a seat back.
async fn release_seat(conn: &impl ConnectionTrait, event_id: i64) -> Result<(), DomainError> {
    event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).sub(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::SeatsTaken.gt(0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Moves a registration from one status to another, only if it is still in the first.
async fn set_status(
    conn: &impl ConnectionTrait,
    id: i64,
    from: RegistrationStatus,
    to: RegistrationStatus,
    waitlist_position: Option<i32>,
    now: DateTime<Utc>,
) -> Result<registration::Model, DomainError> {
    let mut update = registration::Entity::update_many()
        .col_expr(registration::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            registration::Column::WaitlistPosition,
            Expr::value(waitlist_position),
        );
    match to {
        RegistrationStatus::Confirmed => {
            update = update.col_expr(registration::Column::ConfirmedAt, Expr::value(now));
        }
        RegistrationStatus::Cancelled => {
            update = update.col_expr(registration::Column::CancelledAt, Expr::value(now));
        }
        RegistrationStatus::Pending | RegistrationStatus::Waitlisted => {}
    }
    update
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::Status.eq(from.as_str()))
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next()
        .ok_or(DomainError::Inconsistent(
            "registration changed under the event lock",
        ))
}

/// Closes the gap a registration left at `position`: everyone behind moves up by `by`.
async fn close_gap(
    conn: &impl ConnectionTrait,
    event_id: i64,
    position: i32,
    by: i32,
) -> Result<(), DomainError> {
    registration::Entity::update_many()
        .col_expr(
            registration::Column::WaitlistPosition,
            Expr::col(registration::Column::WaitlistPosition).sub(by),
        )
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted.as_str()))
        .filter(registration::Column::WaitlistPosition.gt(position))
        .exec(conn)
        .await?;
    Ok(())
}

/// Gives free seats to the waitlist, first in line first, while there are seats and people
/// waiting. The event row must be locked. Returns the promoted, to be emailed.
async fn fill_from_waitlist(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    now: DateTime<Utc>,
) -> Result<Vec<registration::Model>, DomainError> {
    let mut promoted = Vec::new();
    let mut last_position = 0;
    loop {
        let Some(first) = registration::Entity::find()
            .filter(registration::Column::EventId.eq(event.id))
            .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted.as_str()))
            .order_by(registration::Column::WaitlistPosition, Order::Asc)
            .order_by(registration::Column::Id, Order::Asc)
            .one(conn)
            .await?
        else {
            break;
        };
        if !claim_seat(conn, event.id).await? {
            break;
        }
        last_position = first.waitlist_position.unwrap_or(last_position);
        promoted.push(
            set_status(
                conn,
                first.id,
                RegistrationStatus::Waitlisted,
                RegistrationStatus::Confirmed,
                None,
                now,
            )
            .await?,
        );
    }
    if !promoted.is_empty() {
        let by = i32::try_from(promoted.len())
            .map_err(|_| DomainError::Inconsistent("waitlist longer than i32"))?;
        close_gap(conn, event.id, last_position, by).await?;
    }
    Ok(promoted)
}

/// What a signed-in member's one-click registration did.
#[derive(Debug)]
pub struct DirectRegistration {
    pub outcome: ConfirmOutcome,
    /// The registration page's token, when one was issued now (for the confirmation email).
    pub token: Option<Secret>,
}

/// A signed-in member registers in one go: the request and its confirmation in the caller's
/// transaction, with the member's address, name and language.
#[instrument(skip_all, fields(event = event.id, member = member.id))]
pub async fn register_member_directly(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    member: &member::Model,
    accommodations: Option<Accommodations>,
    now: DateTime<Utc>,
) -> Result<DirectRegistration, DomainError> {
    let request = RegistrationRequest {
        email: EmailAddress::parse(&member.email)
            .map_err(|_| DomainError::Inconsistent("stored address does not parse"))?,
        full_name: FullName::parse(&member.full_name)
            .map_err(|_| DomainError::Inconsistent("stored name does not parse"))?,
        language: member
            .language
            .parse()
            .map_err(|_| DomainError::Inconsistent("stored language does not parse"))?,
        member_id: Some(member.id),
        accommodations,
    };
    Ok(
        match request_registration(conn, event, request, now).await? {
            RequestOutcome::Pending {
                registration,
                token,
            } => DirectRegistration {
                outcome: take_seat(conn, registration.id, registration.event_id, now)
                    .await?
                    .0,
                token: Some(token),
            },
            RequestOutcome::AlreadyRegistered(registration) => DirectRegistration {
                outcome: ConfirmOutcome::AlreadyDone(registration),
                token: None,
            },
            RequestOutcome::Refused(refused) => DirectRegistration {
                outcome: ConfirmOutcome::Refused(refused),
                token: None,
            },
        },
    )
}

/// One more link to a registration's page, for an email that must carry one. Every earlier
/// link keeps working: a registration answers to all its links for its whole life.
pub async fn add_link(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<Secret, DomainError> {
    let token = Secret::random();
    registration_link::Entity::insert(registration_link::ActiveModel {
        registration_id: Set(registration_id),
        token_hash: Set(hash(token.as_str())),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(token)
}

#[derive(Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per cancellation; boxing would only burden the callers"
)]
pub enum CancelOutcome {
    Cancelled {
        registration: registration::Model,
        /// What it was before.
        was: RegistrationStatus,
        /// Who got the freed seat, first in line: email them.
        promoted: Option<registration::Model>,
    },
    AlreadyCancelled(registration::Model),
}

/// Cancels a registration. A confirmed one hands its seat to the first in line, in this
/// transaction (`seats_taken` ends unchanged); with nobody waiting the seat is freed. A
/// waitlisted one leaves the line and everyone behind moves up. Once the event is over or
/// cancelled a freed seat goes to nobody.
#[instrument(skip_all, fields(registration = registration.id))]
pub async fn cancel_registration(
    conn: &impl ConnectionTrait,
    registration: &registration::Model,
    now: DateTime<Utc>,
) -> Result<CancelOutcome, DomainError> {
    let event = lock_event(conn, registration.event_id)
        .await?
        .ok_or(DomainError::Inconsistent("registration of a missing event"))?;
    let current = registration::Entity::find_by_id(registration.id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent("registration vanished"))?;
    let was = RegistrationStatus::of(&current)?;
    if was == RegistrationStatus::Cancelled {
        return Ok(CancelOutcome::AlreadyCancelled(current));
    }
    let cancelled = set_status(
        conn,
        current.id,
        was,
        RegistrationStatus::Cancelled,
        None,
        now,
    )
    .await?;
    let mut promoted = None;
    match was {
        RegistrationStatus::Confirmed => {
            release_seat(conn, event.id).await?;
            if confirmation_refusal(&event, now).is_none() {
                let event = event::Entity::find_by_id(event.id)
                    .one(conn)
                    .await?
                    .ok_or(DomainError::Inconsistent("event vanished"))?;
                promoted = fill_from_waitlist(conn, &event, now)
                    .await?
                    .into_iter()
                    .next();
            }
        }
        RegistrationStatus::Waitlisted => {
            if let Some(position) = current.waitlist_position {
                close_gap(conn, event.id, position, 1).await?;
            }
        }
        RegistrationStatus::Pending | RegistrationStatus::Cancelled => {}
    }
    Ok(CancelOutcome::Cancelled {
        registration: cancelled,
        was,
        promoted,
    })
}

// ---------------------------------------------------------------------------------------------
// At the door, in the back office, and the jobs
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
pub enum CheckIn {
    CheckedIn(registration::Model),
    /// Checked in before: the earlier time stands.
    AlreadyCheckedIn(registration::Model),
    /// Only a confirmed registration is checked in.
    NotConfirmed(registration::Model),
    /// No such registration for this event.
    Unknown,
}

/// Marks a confirmed registrant arrived. The event id guards against a registration of
/// another event.
pub async fn check_in(
    conn: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<CheckIn, DomainError> {
    let updated = registration::Entity::update_many()
        .col_expr(registration::Column::CheckedInAt, Expr::value(now))
        .filter(registration::Column::Id.eq(registration_id))
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed.as_str()))
        .filter(registration::Column::CheckedInAt.is_null())
        .exec_with_returning(conn)
        .await?;
    if let Some(registration) = updated.into_iter().next() {
        return Ok(CheckIn::CheckedIn(registration));
    }
    Ok(match of_event(conn, event_id, registration_id).await? {
        None => CheckIn::Unknown,
        Some(r) if r.status != RegistrationStatus::Confirmed.as_str() => CheckIn::NotConfirmed(r),
        Some(r) => CheckIn::AlreadyCheckedIn(r),
    })
}

/// Undoes a check-in (a wrong tap at the door). `None` for no such registration of the event.
pub async fn undo_check_in(
    conn: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
) -> Result<Option<registration::Model>, DomainError> {
    let updated = registration::Entity::update_many()
        .col_expr(
            registration::Column::CheckedInAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(registration::Column::Id.eq(registration_id))
        .filter(registration::Column::EventId.eq(event_id))
        .exec_with_returning(conn)
        .await?;
    Ok(updated.into_iter().next())
}

async fn of_event(
    conn: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
) -> Result<Option<registration::Model>, DomainError> {
    Ok(registration::Entity::find_by_id(registration_id)
        .filter(registration::Column::EventId.eq(event_id))
        .one(conn)
        .await?)
}

async fn by_event_and_email(
    conn: &impl ConnectionTrait,
    event_id: i64,
    email: &EmailAddress,
) -> Result<Option<registration::Model>, DomainError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?)
}

/// Registrations of an event per status, and how many are checked in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: u64,
    pub confirmed: u64,
    pub waitlisted: u64,
    pub cancelled: u64,
    pub checked_in: u64,
}

pub async fn counts(conn: &impl ConnectionTrait, event_id: i64) -> Result<Counts, DomainError> {
    let rows: Vec<(String, i64)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::Status)
        .column_as(registration::Column::Id.count(), "n")
        .filter(registration::Column::EventId.eq(event_id))
        .group_by(registration::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    let mut counts = Counts::default();
    for (status, n) in rows {
        let n = u64::try_from(n).unwrap_or(0);
        match RegistrationStatus::parse(&status) {
            Some(RegistrationStatus::Pending) => counts.pending = n,
            Some(RegistrationStatus::Confirmed) => counts.confirmed = n,
            Some(RegistrationStatus::Waitlisted) => counts.waitlisted = n,
            Some(RegistrationStatus::Cancelled) => counts.cancelled = n,
            None => {
                return Err(DomainError::Inconsistent(
                    "registration has an unknown status",
                ));
            }
        }
    }
    let checked_in: Option<i64> = registration::Entity::find()
        .select_only()
        .column_as(registration::Column::Id.count(), "n")
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::CheckedInAt.is_not_null())
        .into_tuple()
        .one(conn)
        .await?;
    counts.checked_in = checked_in.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
    Ok(counts)
}

/// An event's registrations, optionally of one status and matching a search on name or
/// address (case-insensitive for ASCII on SQLite, fully on PostgreSQL). The waitlist comes in
/// line order, the rest in order of registration.
pub async fn registrations_of(
    conn: &impl ConnectionTrait,
    event_id: i64,
    status: Option<RegistrationStatus>,
    search: Option<&str>,
) -> Result<Vec<registration::Model>, DomainError> {
    let mut query = registration::Entity::find().filter(registration::Column::EventId.eq(event_id));
    if let Some(status) = status {
        query = query.filter(registration::Column::Status.eq(status.as_str()));
    }
    if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
        let escaped: String = search
            .to_lowercase()
            .chars()
            .flat_map(|c| match c {
                '\\' | '%' | '_' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let pattern = format!("%{escaped}%");
        let like = |column: registration::Column| {
            Expr::expr(Func::lower(Expr::col(column)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(like(registration::Column::Email))
                .add(like(registration::Column::FullName)),
        );
    }
    if status == Some(RegistrationStatus::Waitlisted) {
        query = query.order_by_asc(registration::Column::WaitlistPosition);
    }
    Ok(query
        .order_by_asc(registration::Column::Id)
        .all(conn)
        .await?)
}

/// A member's registrations with their events, latest event first (account page, data
/// download).
pub async fn registrations_of_member(
    conn: &impl ConnectionTrait,
    member_id: i64,
) -> Result<Vec<(registration::Model, event::Model)>, DomainError> {
    let rows = registration::Entity::find()
        .filter(registration::Column::MemberId.eq(member_id))
        .find_also_related(event::Entity)
        .order_by_desc(event::Column::StartsAt)
        .order_by_desc(registration::Column::Id)
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|(r, e)| {
            e.map(|e| (r, e))
                .ok_or(DomainError::Inconsistent("registration of a missing event"))
        })
        .collect()
}

/// One event whose accommodation requests were erased.
#[derive(Debug)]
pub struct Purged {
    pub event: event::Model,
    /// How many registrations had requests.
    pub registrations: u64,
}

/// Erases the accommodation requests of events that ended more than `older_than_days` ago.
/// Each event is claimed once (`accommodations_purged_at`), so concurrent runs purge and
/// report it once; write the audit entries in the same transaction.
#[instrument(skip_all, fields(older_than_days))]
pub async fn purge_accommodations(
    conn: &impl ConnectionTrait,
    older_than_days: u32,
    now: DateTime<Utc>,
) -> Result<Vec<Purged>, DomainError> {
    let cutoff = now - Duration::days(i64::from(older_than_days));
    let candidates = event::Entity::find()
        .filter(event::Column::EndsAt.lt(cutoff))
        .filter(event::Column::AccommodationsPurgedAt.is_null())
        .order_by_asc(event::Column::Id)
        .all(conn)
        .await?;
    let mut purged = Vec::new();
    for candidate in candidates {
        let claimed = event::Entity::update_many()
            .col_expr(event::Column::AccommodationsPurgedAt, Expr::value(now))
            .filter(event::Column::Id.eq(candidate.id))
            .filter(event::Column::AccommodationsPurgedAt.is_null())
            .exec_with_returning(conn)
            .await?;
        let Some(event) = claimed.into_iter().next() else {
            continue;
        };
        let erased = registration::Entity::update_many()
            .col_expr(
                registration::Column::Accommodations,
                Expr::value(Option::<String>::None),
            )
            .filter(registration::Column::EventId.eq(event.id))
            .filter(registration::Column::Accommodations.is_not_null())
            .exec(conn)
            .await?;
        purged.push(Purged {
            event,
            registrations: erased.rows_affected,
        });
    }
    Ok(purged)
}

/// Published events starting within 24 hours whose reminder has not gone, each claimed by
/// this caller only (`reminder_sent_at` set where it was empty): with several workers, each
/// reminder goes once. Queue the reminders in the same transaction, so that a failure gives
/// the claim back.
#[instrument(skip_all)]
pub async fn due_reminders(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<event::Model>, DomainError> {
    let candidates = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published.as_str()))
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(now + Duration::hours(24)))
        .filter(event::Column::ReminderSentAt.is_null())
        .order_by_asc(event::Column::StartsAt)
        .all(conn)
        .await?;
    let mut claimed = Vec::new();
    for candidate in candidates {
        let won = event::Entity::update_many()
            .col_expr(event::Column::ReminderSentAt, Expr::value(now))
            .filter(event::Column::Id.eq(candidate.id))
            .filter(event::Column::ReminderSentAt.is_null())
            .exec_with_returning(conn)
            .await?;
        claimed.extend(won);
    }
    Ok(claimed)
}

/// Every registration of a person: those made while signed in, and those made with the same
/// address without signing in.
pub async fn registrations_of_person(
    conn: &impl ConnectionTrait,
    member_id: i64,
    email: &str,
) -> Result<Vec<(registration::Model, event::Model)>, DomainError> {
    let rows = registration::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(registration::Column::MemberId.eq(member_id))
                .add(registration::Column::Email.eq(email)),
        )
        .find_also_related(event::Entity)
        .order_by_desc(event::Column::StartsAt)
        .order_by_desc(registration::Column::Id)
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|(r, e)| {
            e.map(|e| (r, e))
                .ok_or(DomainError::Inconsistent("registration of a missing event"))
        })
        .collect()
}

/// Forgets the person behind registrations (erasure): address, name and accommodations go;
/// the rows stay so that counts and the waitlist stay true.
pub async fn forget_registrations(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<(), DomainError> {
    for id in ids {
        registration::Entity::update_many()
            .col_expr(
                registration::Column::Email,
                Expr::value(format!("erased-r{id}@erased.invalid")),
            )
            .col_expr(registration::Column::FullName, Expr::value(""))
            .col_expr(
                registration::Column::Accommodations,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                registration::Column::MemberId,
                Expr::value(Option::<i64>::None),
            )
            .filter(registration::Column::Id.eq(*id))
            .exec(conn)
            .await?;
    }
    Ok(())
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

    #[test]
    fn accommodations_store_as_json_and_nothing_when_empty() {
        assert_eq!(Accommodations::default().to_stored().ok(), Some(None));
        let needs = Accommodations {
            sign_language: SignLanguage::Lsq,
            captions: true,
            interpretation: vec![Language::Es, Language::Fr, Language::Es],
            mobility: false,
            dietary: "  halal ".into(),
            other: String::new(),
        };
        let stored = needs.to_stored().ok().flatten().unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&stored).unwrap_or_default();
        assert_eq!(value["sign_language"], "lsq");
        assert_eq!(value["interpretation"], serde_json::json!(["fr", "es"]));
        assert_eq!(value["dietary"], "halal");
        assert_eq!(value["captions"], true);
        let too_long = Accommodations {
            other: "x".repeat(1001),
            ..Default::default()
        };
        assert_eq!(too_long.check(), Err(AccommodationsTooLong));
    }
}
