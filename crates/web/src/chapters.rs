//! The chapters, kept in memory for a few seconds: every public page shows them, and a
//! database round trip per page was the largest cost the benchmark found (on SQLite each
//! statement is two thread hand-offs). Organizers' edits clear the cache at once in their own
//! instance; other instances catch up within the time-to-live.

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

pub struct ChapterCache {
    ttl: Duration,
    slot: RwLock<Option<(Instant, Arc<Vec<chapter::Model>>)>>,
}

impl ChapterCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slot: RwLock::new(None),
        }
    }

    pub async fn get(&self, db: &Db) -> Result<Arc<Vec<chapter::Model>>, DomainError> {
        if let Some((at, list)) = &*self.slot.read().unwrap_or_else(PoisonError::into_inner)
            && at.elapsed() < self.ttl
        {
            return Ok(list.clone());
        }
        let list = Arc::new(domain::chapter::all(db.reader()).await?);
        *self.slot.write().unwrap_or_else(PoisonError::into_inner) =
            Some((Instant::now(), list.clone()));
        Ok(list)
    }

    pub fn invalidate(&self) {
        *self.slot.write().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// The upcoming published events, kept a couple of seconds: the events page, the calendar
/// feed and the API read them on every request, and the benchmark found that query (rows
/// handed over between threads on SQLite) the events page's largest cost. Seats left may be
/// that much behind on the list; the event page itself reads them fresh.
pub struct UpcomingCache {
    ttl: Duration,
    slot: RwLock<Option<(Instant, Arc<Vec<event::Model>>)>>,
}

impl UpcomingCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slot: RwLock::new(None),
        }
    }

    /// Published events not ended at `now`, soonest first, of a chapter and a format if given.
    pub async fn get(
        &self,
        db: &Db,
        filter: &UpcomingFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<event::Model>, DomainError> {
        let cached = self
            .slot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, list)| list.clone());
        let all = match cached {
            Some(list) => list,
            None => {
                let list = Arc::new(
                    events::list_upcoming(db.reader(), &UpcomingFilter::default(), now).await?,
                );
                *self.slot.write().unwrap_or_else(PoisonError::into_inner) =
                    Some((Instant::now(), list.clone()));
                list
            }
        };
        Ok(all
            .iter()
            .filter(|e| e.ends_at > now)
            .filter(|e| filter.chapter_id.is_none_or(|id| e.chapter_id == id))
            .filter(|e| filter.format.is_none_or(|f| e.format == f.as_str()))
            .cloned()
            .collect())
    }

    /// An organizer changed an event: this instance shows it at once.
    pub fn invalidate(&self) {
        *self.slot.write().unwrap_or_else(PoisonError::into_inner) = None;
    }
}
