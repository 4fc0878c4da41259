//! Where messages go: an SMTP relay (pooled), files for development, memory for unit tests.

mod file;
mod memory;
pub mod smtp;
mod target;

pub use file::FileTransport;
pub use memory::MemoryTransport;
pub use smtp::SmtpPool;
pub use target::{SmtpTarget, TargetError, Tls};

use std::{future::Future, pin::Pin};

use domain::outbox::Lane;

use crate::message::Outgoing;

/// Why a delivery failed, and so whether to try again.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// A 4xx answer, a timeout or a lost connection: retry later.
    #[error("temporary: {0}")]
    Temporary(String),
    /// A 5xx answer for this message or address: do not retry, and count a bounce.
    #[error("permanent: {0}")]
    Permanent(String),
    /// The message could not be built or may not go to this recipient: do not retry.
    #[error("refused: {0}")]
    Invalid(String),
    /// Not finished because its delivery could not be recorded first (the worker lost its
    /// claim to another, or the database failed): the row is left as it is.
    #[error("abandoned: {0}")]
    Abandoned(String),
}

/// Records a message as sent. A transport runs it at the last moment before the message is
/// final (for SMTP, before the dot that ends the data), and does not finish the message if it
/// fails; a crash before it leaves the message unfinished, a crash after it leaves it sent.
pub type Commit = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;

pub enum Transport {
    Smtp(SmtpPool),
    File(FileTransport),
    Memory(MemoryTransport),
}

impl Transport {
    /// Delivers one message of `lane`, running `commit` as it becomes final. `text` is its
    /// plain-text body, which the file transport scans for links to print.
    pub async fn send(
        &self,
        message: &Outgoing,
        text: &str,
        commit: Commit,
        lane: Lane,
    ) -> Result<(), SendError> {
        match self {
            Transport::Smtp(pool) => pool.send(message, commit, lane).await,
            // Files and memory are for development and tests: recorded, then written, so a
            // copy refused at the last moment (an unsubscribe, a pause) is never written.
            Transport::File(files) => {
                commit.await.map_err(SendError::Abandoned)?;
                files.send(message, text).await
            }
            Transport::Memory(memory) => {
                commit.await.map_err(SendError::Abandoned)?;
                memory.send(message);
                Ok(())
            }
        }
    }
}
