//! The chapters, kept in memory for a few seconds: every public page shows them, and a
//! database round trip per page was the largest cost the benchmark found (on SQLite each
//! statement is two thread hand-offs). Organizers' edits clear the cache at once in their own
//! instance; other instances catch up within the time-to-live.

use std::{
    sync::{Arc, PoisonError, RwLock},
    time::{Duration, Instant},
};

use domain::{Db, DomainError, entities::chapter};

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
