//! The organizers' password hasher, the one pool of the process: argon2id on blocking
//! threads, a bounded number at once, so a flood of sign-ins cannot take every core from the
//! public site: by default one fewer than the cores. Over the bound, callers wait briefly and
//! are then refused. Each slot keeps its working memory, so a flood does not grow the process.

use std::{
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

use domain::password::{self, HashParams, Memory};
use tokio::sync::Semaphore;

use crate::staff_sign_in::{HashingBusy, PasswordCheck};

#[derive(Clone)]
pub struct Passwords {
    params: HashParams,
    permits: Arc<Semaphore>,
    /// Checked when the address is unknown, so that costs what a wrong password costs.
    dummy: Arc<String>,
    /// Argon2 working memory, one per slot in use at most.
    memories: Arc<Mutex<Vec<Memory>>>,
}

/// Every hashing slot stayed taken: the caller should ask the person to try again.
#[derive(Debug)]
pub struct Busy;

/// Why a new password could not be hashed.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing is saturated")]
    Busy,
    #[error("password hashing closed")]
    Closed,
    #[error("password hashing failed: {0}")]
    Failed(String),
}

const WAIT_FOR_SLOT: Duration = Duration::from_secs(5);

impl Passwords {
    pub fn new(params: HashParams, concurrency: usize) -> Result<Self, password::PasswordError> {
        let concurrency = if concurrency == 0 {
            // Leave a core to the pages: measured, two hashing threads on two cores tripled
            // the home page's p99 during a sign-in flood.
            std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
        } else {
            concurrency
        };
        let dummy = password::hash("not a password anyone has: réseau dummy", params)?;
        Ok(Self {
            params,
            permits: Arc::new(Semaphore::new(concurrency)),
            dummy: Arc::new(dummy),
            memories: Arc::default(),
        })
    }

    /// Whether `candidate` matches `stored`; with no stored hash, the same work and `false`.
    pub async fn verify(&self, candidate: String, stored: Option<String>) -> Result<bool, Busy> {
        let _permit = tokio::time::timeout(WAIT_FOR_SLOT, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)?;
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| self.dummy.as_str().to_owned());
        let mut memory = self
            .memories
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        let (matches, memory) = tokio::task::spawn_blocking(move || {
            let matches = password::verify_in(&candidate, &phc, &mut memory);
            (matches, memory)
        })
        .await
        .map_err(|_| Busy)?;
        self.memories
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(memory);
        Ok(known && matches)
    }

    pub async fn hash(&self, new_password: String) -> Result<String, HashError> {
        let _permit = tokio::time::timeout(WAIT_FOR_SLOT, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| HashError::Busy)?
            .map_err(|_| HashError::Closed)?;
        let params = self.params;
        tokio::task::spawn_blocking(move || password::hash(&new_password, params))
            .await
            .map_err(|e| HashError::Failed(e.to_string()))?
            .map_err(|e| HashError::Failed(e.to_string()))
    }
}

impl PasswordCheck for Passwords {
    async fn verify(&self, candidate: String, stored: Option<String>) -> Result<bool, HashingBusy> {
        Passwords::verify(self, candidate, stored)
            .await
            .map_err(|Busy| HashingBusy)
    }
}
