//! The rate cap a worker's two lanes share (`worker.rate_per_second`), transactional mail
//! first: while a transactional message waits for its turn, bulk messages wait behind it, and
//! a bulk message that was granted a turn the moment a transactional one arrived gives it up
//! (the cap holds either way; at worst bulk loses a turn).

use std::{
    num::NonZeroU32,
    sync::atomic::{AtomicUsize, Ordering},
    time::Duration,
};

use domain::outbox::Lane;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use tokio::sync::Notify;

pub struct Pacer {
    limiter: DefaultDirectRateLimiter,
    /// Transactional messages waiting for a turn.
    urgent: AtomicUsize,
    /// Told when the last of them has its turn.
    clear: Notify,
}

/// Counts a transactional message as waiting until it has its turn (or gives up).
struct Waiting<'a>(&'a Pacer);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if self.0.urgent.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.clear.notify_waiters();
        }
    }
}

impl Pacer {
    pub fn new(per_second: NonZeroU32) -> Self {
        Self {
            limiter: RateLimiter::direct(Quota::per_second(per_second)),
            urgent: AtomicUsize::new(0),
            clear: Notify::new(),
        }
    }

    /// Waits for a turn to send one message of `lane`.
    pub async fn until_ready(&self, lane: Lane) {
        match lane {
            Lane::Transactional => {
                self.urgent.fetch_add(1, Ordering::SeqCst);
                let _waiting = Waiting(self);
                self.limiter.until_ready().await;
            }
            Lane::Bulk => loop {
                while self.urgent.load(Ordering::SeqCst) > 0 {
                    // Bounded, so a wake-up missed between the load and the wait costs little.
                    let _ = tokio::time::timeout(Duration::from_millis(20), self.clear.notified())
                        .await;
                }
                self.limiter.until_ready().await;
                if self.urgent.load(Ordering::SeqCst) == 0 {
                    return;
                }
            },
        }
    }
}
