//! A session of an event's programme: the fields an organizer sets, the checks they pass before
//! anything is written, and the writes (create, edit, move, cancel). Every change calendars
//! must follow bumps `sequence`.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use tracing::instrument;

use crate::{
    DomainError, Language, Localized,
    entities::{event, event_session},
    events::Format,
};

/// A speaker: named, and linked to their Trilateral Expert Network profile where one exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    /// The `expert_profiles` row, when the organizers linked one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expert_id: Option<i64>,
}

/// Everything an organizer sets on a session, parsed from a form.
#[derive(Clone, Debug)]
pub struct SessionFields {
    /// English and French are required; Spanish and Portuguese fall back to English.
    pub title: Localized,
    pub description: Localized,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub track: String,
    pub format: Format,
    pub room: Option<String>,
    pub livestream_url: Option<String>,
    pub languages: Vec<Language>,
    pub interpretation: bool,
    pub speakers: Vec<Speaker>,
    /// `None`: as many as the event has.
    pub capacity: Option<u32>,
}

/// Why session fields were refused, each tied to a field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SessionFieldError {
    #[error("the title in {0:?} is missing")]
    TitleMissing(Language),
    #[error("a title is too long")]
    TitleTooLong,
    #[error("a description is too long")]
    DescriptionTooLong,
    #[error("{field} holds an invisible or direction-changing character")]
    HiddenText { field: &'static str },
    #[error("the session ends before it starts")]
    EndsBeforeStart,
    #[error("the session is not within the event's dates")]
    OutsideEvent,
    #[error("the track or room is too long")]
    TooLong,
    #[error("the livestream link is not an http(s) address")]
    LivestreamInvalid,
    #[error("an online or hybrid session needs its livestream link")]
    LivestreamMissing,
    #[error("a speaker's name is blank or too long")]
    SpeakerInvalid,
    #[error("a capacity is between 1 and 1000000, and not below the seats taken")]
    CapacityInvalid,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("invalid session: {0}")]
    Invalid(SessionFieldError),
    #[error("no such session")]
    NotFound,
    #[error("the session is cancelled")]
    Cancelled,
    #[error(transparent)]
    Domain(#[from] DomainError),
}

impl From<sea_orm::DbErr> for SessionError {
    fn from(err: sea_orm::DbErr) -> Self {
        SessionError::Domain(err.into())
    }
}

const MAX_TITLE_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 10_000;
const MAX_LINE_CHARS: usize = 200;
const MAX_SPEAKERS: usize = 20;

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Normalises the fields and checks them against the event they belong to.
pub fn checked(
    mut f: SessionFields,
    event: &event::Model,
) -> Result<SessionFields, SessionFieldError> {
    use SessionFieldError as E;
    f.room = blank_to_none(f.room);
    f.livestream_url = blank_to_none(f.livestream_url);
    f.track = f.track.trim().to_owned();
    for lang in Language::REQUIRED {
        if f.title.get(lang).is_none() {
            return Err(E::TitleMissing(lang));
        }
    }
    if f.title
        .iter()
        .any(|(_, t)| crate::text::check_line(t).is_err())
    {
        return Err(E::HiddenText { field: "title" });
    }
    if f.description
        .iter()
        .any(|(_, t)| crate::text::check_multiline(t).is_err())
    {
        return Err(E::HiddenText {
            field: "description",
        });
    }
    for (field, text) in [
        ("track", Some(&f.track)),
        ("room", f.room.as_ref()),
        ("livestream_url", f.livestream_url.as_ref()),
    ] {
        if text.is_some_and(|t| crate::text::check_line(t).is_err()) {
            return Err(E::HiddenText { field });
        }
    }
    if f.title.longest_chars() > MAX_TITLE_CHARS {
        return Err(E::TitleTooLong);
    }
    if f.description.longest_chars() > MAX_DESCRIPTION_CHARS {
        return Err(E::DescriptionTooLong);
    }
    if f.track.chars().count() > 80
        || f.room
            .as_ref()
            .is_some_and(|r| r.chars().count() > MAX_LINE_CHARS)
    {
        return Err(E::TooLong);
    }
    if f.ends_at <= f.starts_at {
        return Err(E::EndsBeforeStart);
    }
    if f.starts_at < event.starts_at || f.ends_at > event.ends_at {
        return Err(E::OutsideEvent);
    }
    match &f.livestream_url {
        Some(link) if !crate::events::valid_link(link) => return Err(E::LivestreamInvalid),
        None if f.format != Format::InPerson => return Err(E::LivestreamMissing),
        _ => {}
    }
    if f.speakers.len() > MAX_SPEAKERS {
        return Err(E::SpeakerInvalid);
    }
    for s in &mut f.speakers {
        s.name = s.name.trim().to_owned();
        if s.name.is_empty()
            || s.name.chars().count() > 100
            || crate::text::check_line(&s.name).is_err()
        {
            return Err(E::SpeakerInvalid);
        }
    }
    if f.capacity.is_some_and(|c| c == 0 || c > 1_000_000) {
        return Err(E::CapacityInvalid);
    }
    f.languages.dedup();
    Ok(f)
}

fn languages_column(languages: &[Language]) -> String {
    languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",")
}

fn capacity_column(capacity: Option<u32>) -> Result<Option<i32>, SessionFieldError> {
    capacity
        .map(|c| i32::try_from(c).map_err(|_| SessionFieldError::CapacityInvalid))
        .transpose()
}

/// Adds a session to `event`'s programme.
#[instrument(skip_all, fields(event = event.id))]
pub async fn create_session(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    fields: SessionFields,
    now: DateTime<Utc>,
) -> Result<event_session::Model, SessionError> {
    let f = checked(fields, event).map_err(SessionError::Invalid)?;
    let speakers = serde_json::to_string(&f.speakers)
        .map_err(|_| DomainError::Inconsistent("speakers do not serialise"))?;
    Ok(event_session::ActiveModel {
        event_id: Set(event.id),
        title: Set(f.title),
        description: Set(f.description),
        starts_at: Set(f.starts_at),
        ends_at: Set(f.ends_at),
        track: Set(f.track),
        format: Set(f.format),
        room: Set(f.room),
        livestream_url: Set(f.livestream_url),
        languages: Set(languages_column(&f.languages)),
        interpretation: Set(f.interpretation),
        speakers: Set(speakers),
        capacity: Set(capacity_column(f.capacity).map_err(SessionError::Invalid)?),
        seats_taken: Set(0),
        sequence: Set(0),
        cancelled_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// What an edit did.
#[derive(Debug)]
pub struct SessionUpdated {
    pub session: event_session::Model,
    /// Its time, place or livestream changed: the people who chose it are told.
    pub moved: bool,
    /// Taken from the waitlist by a larger capacity: tell them.
    pub promoted: Vec<crate::entities::session_choice::Model>,
}

/// Edits a session. The row is locked first, so a capacity cannot drop below the seats a
/// racing choice is taking; more seats go to the first in line.
#[instrument(skip_all, fields(session = id))]
pub async fn update_session(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    id: i64,
    fields: SessionFields,
    now: DateTime<Utc>,
) -> Result<SessionUpdated, SessionError> {
    let f = checked(fields, event).map_err(SessionError::Invalid)?;
    let current = super::choices::lock_session(conn, id)
        .await?
        .filter(|s| s.event_id == event.id)
        .ok_or(SessionError::NotFound)?;
    if current.is_cancelled() {
        return Err(SessionError::Cancelled);
    }
    let capacity = capacity_column(f.capacity).map_err(SessionError::Invalid)?;
    if capacity.is_some_and(|c| c < current.seats_taken) {
        return Err(SessionError::Invalid(SessionFieldError::CapacityInvalid));
    }
    let moved = current.starts_at != f.starts_at
        || current.ends_at != f.ends_at
        || current.room != f.room
        || current.livestream_url != f.livestream_url
        || current.format != f.format;
    let speakers = serde_json::to_string(&f.speakers)
        .map_err(|_| DomainError::Inconsistent("speakers do not serialise"))?;
    let mut active = current.clone().into_active_model();
    active.title = Set(f.title);
    active.description = Set(f.description);
    active.starts_at = Set(f.starts_at);
    active.ends_at = Set(f.ends_at);
    active.track = Set(f.track);
    active.format = Set(f.format);
    active.room = Set(f.room);
    active.livestream_url = Set(f.livestream_url);
    active.languages = Set(languages_column(&f.languages));
    active.interpretation = Set(f.interpretation);
    active.speakers = Set(speakers);
    active.capacity = Set(capacity);
    // Any change of what a calendar entry shows is a new revision of it.
    active.sequence = Set(current.sequence + 1);
    active.updated_at = Set(now);
    let session = active.update(conn).await?;
    let promoted = super::choices::fill_from_waitlist(conn, &session, now).await?;
    Ok(SessionUpdated {
        session,
        moved,
        promoted,
    })
}

/// Moves a session to new times inside the event, keeping everything else.
pub async fn move_session(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<event_session::Model, SessionError> {
    let current = super::choices::lock_session(conn, id)
        .await?
        .filter(|s| s.event_id == event.id)
        .ok_or(SessionError::NotFound)?;
    if current.is_cancelled() {
        return Err(SessionError::Cancelled);
    }
    if ends_at <= starts_at {
        return Err(SessionError::Invalid(SessionFieldError::EndsBeforeStart));
    }
    if starts_at < event.starts_at || ends_at > event.ends_at {
        return Err(SessionError::Invalid(SessionFieldError::OutsideEvent));
    }
    let sequence = current.sequence + 1;
    let mut active = current.into_active_model();
    active.starts_at = Set(starts_at);
    active.ends_at = Set(ends_at);
    active.sequence = Set(sequence);
    active.updated_at = Set(now);
    Ok(active.update(conn).await?)
}

/// Cancels a session; its choices keep their status so the agenda shows it cancelled, and
/// its seats are no longer counted on. `None` when it was cancelled already.
pub async fn cancel_session(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<event_session::Model>, SessionError> {
    let current = super::choices::lock_session(conn, id)
        .await?
        .filter(|s| s.event_id == event.id)
        .ok_or(SessionError::NotFound)?;
    if current.is_cancelled() {
        return Ok(None);
    }
    let sequence = current.sequence + 1;
    let mut active = current.into_active_model();
    active.cancelled_at = Set(Some(now));
    active.sequence = Set(sequence);
    active.updated_at = Set(now);
    Ok(Some(active.update(conn).await?))
}

/// The programme of an event, in time order (cancelled sessions included: pages mark them).
pub async fn programme(
    conn: &impl ConnectionTrait,
    event_id: i64,
) -> Result<Vec<event_session::Model>, DomainError> {
    Ok(event_session::Entity::find()
        .filter(event_session::Column::EventId.eq(event_id))
        .order_by_asc(event_session::Column::StartsAt)
        .order_by_asc(event_session::Column::Track)
        .order_by_asc(event_session::Column::Id)
        .all(conn)
        .await?)
}

pub async fn find_session(
    conn: &impl ConnectionTrait,
    event_id: i64,
    id: i64,
) -> Result<Option<event_session::Model>, DomainError> {
    Ok(event_session::Entity::find_by_id(id)
        .filter(event_session::Column::EventId.eq(event_id))
        .one(conn)
        .await?)
}

/// Which of `event_ids` have a programme (at least one session).
pub async fn with_programme(
    conn: &impl ConnectionTrait,
    event_ids: &[i64],
) -> Result<std::collections::HashSet<i64>, DomainError> {
    use sea_orm::QuerySelect;
    if event_ids.is_empty() {
        return Ok(std::collections::HashSet::new());
    }
    let ids: Vec<i64> = event_session::Entity::find()
        .select_only()
        .column(event_session::Column::EventId)
        .distinct()
        .filter(event_session::Column::EventId.is_in(event_ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ids.into_iter().collect())
}
