//! Where messages go: an SMTP relay (pooled), files for development, memory for unit tests.

mod file;
mod memory;
pub mod smtp;

pub use file::FileTransport;
pub use memory::MemoryTransport;
pub use smtp::{SmtpPool, SmtpTarget};

use crate::message::Outgoing;

/// Why a delivery failed, and so whether to try again.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// A 4xx answer, a timeout or a lost connection: retry later.
    #[error("temporary: {0}")]
    Temporary(String),
    /// A 5xx answer for this message or address: do not retry.
    #[error("permanent: {0}")]
    Permanent(String),
}

pub enum Transport {
    Smtp(SmtpPool),
    File(FileTransport),
    Memory(MemoryTransport),
}

impl Transport {
    /// Delivers one message. `text` is its plain-text body, which the file transport scans for
    /// links to print.
    pub async fn send(&self, message: &Outgoing, text: &str) -> Result<(), SendError> {
        match self {
            Transport::Smtp(pool) => pool.send(message).await,
            Transport::File(files) => files.send(message, text).await,
            Transport::Memory(memory) => {
                memory.send(message);
                Ok(())
            }
        }
    }
}
