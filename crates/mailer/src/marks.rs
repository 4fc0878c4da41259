//! Records deliveries in groups. Each message still waits at its final dot until its own row
//! is recorded as sent (see `transport::Commit`), but the rows of every message waiting at the
//! same moment are recorded by one statement: the benchmark found one transaction per message
//! the newsletter's limit (SQLite's one writer thread; a WAL flush per message on PostgreSQL).
//! No timer: while one statement runs, the next group gathers.

use std::sync::{Arc, OnceLock};

use chrono::Utc;
use domain::{Db, outbox};
use tokio::sync::{mpsc, oneshot};

/// At most this many rows in one statement.
const GROUP: usize = 256;

struct Waiter {
    id: i64,
    attempts: i32,
    message_id: String,
    done: oneshot::Sender<Result<(), String>>,
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

    /// Records one delivery, if its claim (`attempts`) still holds; an error says why not.
    pub async fn mark(&self, id: i64, attempts: i32, message_id: String) -> Result<(), String> {
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
            .map_err(|_| "the delivery recorder has stopped".to_owned())?;
        answer
            .await
            .map_err(|_| "the delivery recorder has stopped".to_owned())?
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
        match outbox::mark_sent_many(db.writer(), &claims, Utc::now()).await {
            Ok(recorded) => {
                for waiter in group.drain(..) {
                    let answer = if recorded.contains(&waiter.id) {
                        Ok(())
                    } else {
                        Err("another worker has taken this message over".to_owned())
                    };
                    let _ = waiter.done.send(answer);
                }
            }
            Err(e) => {
                for waiter in group.drain(..) {
                    let _ = waiter
                        .done
                        .send(Err(format!("recording the delivery failed: {e}")));
                }
            }
        }
    }
}
