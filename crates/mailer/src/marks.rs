//! Records deliveries in groups. Each message still waits at its final dot until its own row
//! is recorded as sent (see `transport::Commit`), but the rows of every message waiting at the
//! same moment are recorded by one statement: the benchmark found one transaction per message
//! the newsletter's limit (SQLite's one writer thread; a WAL flush per message on PostgreSQL).
//! No timer: while one statement runs, the next group gathers.
//!
//! The statement also checks that each row may still go out (consent, erasure, suspension,
//! its newsletter still sending): the refused ones are settled by one more statement, paid
//! only when something was refused — a paused newsletter's copy back to the queue, another
//! skipped with its reason — and their messages are not finished.

use std::sync::{Arc, OnceLock};

use chrono::Utc;
use domain::{Db, outbox, outbox::Settled};
use tokio::sync::{mpsc, oneshot};

/// Why a delivery was not recorded, so its message must not be finished.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The row may no longer go out and is settled: back in the queue or skipped.
    #[error("may no longer go out: {0:?}")]
    Settled(Settled),
    /// Another worker took it over, or a pause, a cancel or an erasure already moved it.
    #[error("another worker, a pause, a cancel or an erasure has taken this message over")]
    Lost,
    #[error("recording the delivery failed: {0}")]
    Failed(String),
}

/// At most this many rows in one statement.
const GROUP: usize = 256;

struct Waiter {
    id: i64,
    attempts: i32,
    message_id: String,
    done: oneshot::Sender<Result<(), Refusal>>,
}

#[derive(Clone)]
pub struct SentMarks {
    db: Db,
    /// Started on first use, inside the runtime.
    queue: Arc<OnceLock<mpsc::UnboundedSender<Waiter>>>,
}

impl SentMarks {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            queue: Arc::default(),
        }
    }

    /// Records one delivery, if its claim (`attempts`) still holds and it may still go out; an
    /// error says why not.
    pub async fn mark(&self, id: i64, attempts: i32, message_id: String) -> Result<(), Refusal> {
        let queue = self.queue.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            tokio::spawn(record(self.db.clone(), receiver));
            sender
        });
        let (done, answer) = oneshot::channel();
        queue
            .send(Waiter {
                id,
                attempts,
                message_id,
                done,
            })
            .map_err(|_| Refusal::Failed("the delivery recorder has stopped".to_owned()))?;
        answer
            .await
            .map_err(|_| Refusal::Failed("the delivery recorder has stopped".to_owned()))?
    }
}

/// Until every `SentMarks` is dropped: takes whoever waits, records them in one statement,
/// answers each.
async fn record(db: Db, mut receiver: mpsc::UnboundedReceiver<Waiter>) {
    let mut group = Vec::with_capacity(GROUP);
    while receiver.recv_many(&mut group, GROUP).await > 0 {
        let claims: Vec<(i64, i32, String)> = group
            .iter()
            .map(|w| (w.id, w.attempts, w.message_id.clone()))
            .collect();
        let now = Utc::now();
        let recorded = match outbox::mark_sent_many(db.writer(), &claims, now).await {
            Ok(recorded) => recorded,
            Err(e) => {
                for waiter in group.drain(..) {
                    let _ = waiter.done.send(Err(Refusal::Failed(e.to_string())));
                }
                continue;
            }
        };
        let refused: Vec<(i64, i32)> = claims
            .iter()
            .filter(|(id, _, _)| !recorded.contains(id))
            .map(|(id, attempts, _)| (*id, *attempts))
            .collect();
        let settled = match outbox::settle_refused(db.writer(), &refused, now).await {
            Ok(settled) => Ok(settled),
            Err(e) => Err(e.to_string()),
        };
        for waiter in group.drain(..) {
            let answer = if recorded.contains(&waiter.id) {
                Ok(())
            } else {
                match &settled {
                    Ok(settled) => Err(settled
                        .get(&waiter.id)
                        .cloned()
                        .map_or(Refusal::Lost, Refusal::Settled)),
                    Err(e) => Err(Refusal::Failed(e.clone())),
                }
            };
            let _ = waiter.done.send(answer);
        }
    }
}
