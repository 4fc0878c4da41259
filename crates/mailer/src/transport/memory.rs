use std::sync::{Arc, Mutex, PoisonError};

use crate::message::Outgoing;

/// Keeps messages in memory, for unit tests.
#[derive(Clone, Default)]
pub struct MemoryTransport {
    sent: Arc<Mutex<Vec<Outgoing>>>,
}

impl MemoryTransport {
    pub(crate) fn send(&self, message: &Outgoing) {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(message.clone());
    }

    /// Everything sent so far.
    pub fn messages(&self) -> Vec<Outgoing> {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
