//! An event's life in the back office: created as a draft, edited (with the seats a larger
//! capacity frees going to the waitlist), published, cancelled.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, SqlErr,
};
use tracing::instrument;

use crate::{
    DomainError,
    entities::{chapter, event, registration},
};

use super::{
    catalogue::find_by_slug,
    event::{
        EventError, EventFieldError, EventFields, EventStatus, checked, missing_for_publication,
        missing_texts,
    },
    registration::RegistrationStatus,
    seats::{fill_from_waitlist, lock_event},
};

async fn chapter_exists(conn: &impl ConnectionTrait, id: i64) -> Result<bool, DomainError> {
    Ok(chapter::Entity::find_by_id(id).one(conn).await?.is_some())
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
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
        return Err(EventError::Invalid(EventFieldError::UnknownChapter));
    }
    let row = event::ActiveModel {
        chapter_id: Set(fields.chapter_id),
        slug: Set(fields.slug.as_str().to_owned()),
        title: Set(fields.title),
        description: Set(fields.description),
        format: Set(fields.format),
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
        status: Set(EventStatus::Draft),
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
    let status = current.status;
    if status == EventStatus::Cancelled {
        return Err(EventError::EventCancelled);
    }
    if fields.capacity.is_some_and(|c| c.0 < current.seats_taken) {
        return Err(EventError::Invalid(EventFieldError::CapacityBelowConfirmed));
    }
    if fields.chapter_id != current.chapter_id && !chapter_exists(conn, fields.chapter_id).await? {
        return Err(EventError::Invalid(EventFieldError::UnknownChapter));
    }
    if fields.slug.as_str() != current.slug
        && find_by_slug(conn, fields.slug.as_str()).await?.is_some()
    {
        return Err(EventError::SlugTaken);
    }

    let time_or_place_changed = fields.starts_at != current.starts_at
        || fields.ends_at != current.ends_at
        || fields.time_zone != current.time_zone
        || fields.format != current.format
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
    active.title = Set(fields.title);
    active.description = Set(fields.description);
    active.format = Set(fields.format);
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
    match event.status {
        EventStatus::Published => return Ok(event),
        EventStatus::Cancelled => return Err(EventError::EventCancelled),
        EventStatus::Draft => {}
    }
    let missing = missing_for_publication(&event);
    if !missing.is_empty() {
        return Err(EventError::Incomplete { missing });
    }
    let mut active = event.into_active_model();
    active.status = Set(EventStatus::Published);
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
    if event.status == EventStatus::Cancelled {
        return Ok(EventCancellation {
            event,
            registrants: Vec::new(),
            newly_cancelled: false,
        });
    }
    let mut active = event.into_active_model();
    active.status = Set(EventStatus::Cancelled);
    active.updated_at = Set(now);
    let event = active.update(conn).await?;
    let registrants = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.ne(RegistrationStatus::Cancelled))
        .order_by_asc(registration::Column::Id)
        .all(conn)
        .await?;
    Ok(EventCancellation {
        event,
        registrants,
        newly_cancelled: true,
    })
}
