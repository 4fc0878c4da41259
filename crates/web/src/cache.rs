//! What every public page reads, kept in memory for a few seconds: the chapters and the
//! upcoming events. A database round trip per page was the largest cost the benchmark found
//! (on SQLite each statement is two thread hand-offs). Organizers' edits clear a cache at once
//! in their own instance; other instances catch up within its time-to-live.

use std::{
    sync::{Arc, PoisonError, RwLock},
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use domain::{
    Db, DomainError,
    entities::{chapter, event},
    events::{self, UpcomingFilter},
};

/// One value and when it was read, fresh for `ttl`.
struct Slot<T> {
    ttl: Duration,
    value: RwLock<Option<(Instant, Arc<T>)>>,
}

impl<T> Slot<T> {
    fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            value: RwLock::new(None),
        }
    }

    /// The value if still fresh, else `load`'s, kept.
    async fn get<F>(&self, load: F) -> Result<Arc<T>, DomainError>
    where
        F: Future<Output = Result<T, DomainError>>,
    {
        let fresh = self
            .value
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, value)| value.clone());
        if let Some(value) = fresh {
            return Ok(value);
        }
        let value = Arc::new(load.await?);
        *self.value.write().unwrap_or_else(PoisonError::into_inner) =
            Some((Instant::now(), value.clone()));
        Ok(value)
    }

    fn clear(&self) {
        *self.value.write().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

pub struct ChapterCache(Slot<Vec<chapter::Model>>);

impl ChapterCache {
    pub fn new(ttl: Duration) -> Self {
        Self(Slot::new(ttl))
    }

    pub async fn get(&self, db: &Db) -> Result<Arc<Vec<chapter::Model>>, DomainError> {
        self.0.get(domain::chapter::all(db.reader())).await
    }

    pub fn invalidate(&self) {
        self.0.clear();
    }
}

/// The upcoming published events. Seats left may be a couple of seconds behind on the list;
/// the event page itself reads them fresh.
pub struct UpcomingCache(Slot<Vec<event::Model>>);

impl UpcomingCache {
    pub fn new(ttl: Duration) -> Self {
        Self(Slot::new(ttl))
    }

    /// Published events not ended at `now`, soonest first, of a chapter and a format if given.
    pub async fn get(
        &self,
        db: &Db,
        filter: &UpcomingFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<event::Model>, DomainError> {
        let all = self
            .0
            .get(events::list_upcoming(
                db.reader(),
                &UpcomingFilter::default(),
                now,
            ))
            .await?;
        Ok(all
            .iter()
            .filter(|e| e.ends_at > now)
            .filter(|e| filter.chapter_id.is_none_or(|id| e.chapter_id == id))
            .filter(|e| filter.format.is_none_or(|f| e.format == f))
            .cloned()
            .collect())
    }

    /// An organizer changed an event: this instance shows it at once.
    pub fn invalidate(&self) {
        self.0.clear();
    }
}
