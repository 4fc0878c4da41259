//! argon2id on blocking threads, a bounded number at once, so a flood of sign-ins cannot take
//! every core from the public site. Over the bound, callers wait briefly and are then refused.

use std::{sync::Arc, time::Duration};

use domain::password::{self, HashParams};
use tokio::sync::Semaphore;

use crate::error::AppError;

#[derive(Clone)]
pub struct Passwords {
    params: HashParams,
    permits: Arc<Semaphore>,
    /// Checked when the address is unknown, so that costs what a wrong password costs.
    dummy: Arc<String>,
}

/// Every hashing slot stayed taken: the caller should ask the person to try again.
#[derive(Debug)]
pub struct Busy;

const WAIT_FOR_SLOT: Duration = Duration::from_secs(5);

impl Passwords {
    pub fn new(params: HashParams, concurrency: usize) -> Result<Self, password::PasswordError> {
        let concurrency = if concurrency == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            concurrency
        };
        let dummy = password::hash("not a password anyone has: réseau dummy", params)?;
        Ok(Self {
            params,
            permits: Arc::new(Semaphore::new(concurrency)),
            dummy: Arc::new(dummy),
        })
    }

    /// Whether `candidate` matches `stored`; with no stored hash, the same work and `false`.
    pub async fn verify(&self, candidate: String, stored: Option<String>) -> Result<bool, Busy> {
        let _permit = tokio::time::timeout(WAIT_FOR_SLOT, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)?;
        let params = self.params;
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| self.dummy.as_str().to_owned());
        let matches =
            tokio::task::spawn_blocking(move || password::verify(&candidate, &phc, params))
                .await
                .map_err(|_| Busy)?;
        Ok(known && matches)
    }

    pub async fn hash(&self, new_password: String) -> Result<String, AppError> {
        let _permit = tokio::time::timeout(WAIT_FOR_SLOT, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Unavailable("password hashing is saturated".into()))?
            .map_err(|_| AppError::Unavailable("password hashing closed".into()))?;
        let params = self.params;
        tokio::task::spawn_blocking(move || password::hash(&new_password, params))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| AppError::Internal(e.to_string()))
    }
}
