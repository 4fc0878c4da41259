//! The check a test app makes when it is dropped, as crates.io's test harness does: a test
//! that leaves mail in the outbox (queued, or claimed and never finished) or lets mail reach the
//! SMTP sink and never reads it fails, unless it said why it does not care
//! (`TestApp::leave_mail_unchecked`). Mail still on its way is waited for, not raced: rows a
//! worker has claimed get time to finish, and so do messages the sink is still receiving.

use std::time::{Duration, Instant};

use sea_orm::{Database, FromQueryResult, Statement};

use super::SmtpSink;

/// How long mail in flight at the end of a test may take to land before it counts as left.
const PATIENCE: Duration = Duration::from_secs(10);

/// What the test left behind, one line each; empty when nothing.
pub fn find(database_url: &str, sink: &SmtpSink) -> Vec<String> {
    // Drop is not async, and the test's runtime may be the thread we are on: query from a
    // runtime and a connection of our own, on a thread of its own.
    let url = database_url.to_owned();
    let outbox = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("a runtime for the outbox check: {e}"))?;
        runtime.block_on(left_in_outbox(&url))
    })
    .join()
    .unwrap_or_else(|_| Err("the outbox check panicked".to_owned()));
    let mut left = match outbox {
        Ok(rows) => rows,
        Err(error) => vec![format!("could not check the outbox: {error}")],
    };
    if !sink.settle(PATIENCE) {
        left.push(format!(
            "a message still half received by the SMTP sink after {} s",
            PATIENCE.as_secs()
        ));
    }
    left.extend(
        sink.unread()
            .into_iter()
            .map(|m| format!("delivered to the SMTP sink, never read: {m}")),
    );
    left
}

#[derive(FromQueryResult)]
struct Row {
    id: i64,
    kind: String,
    recipient: String,
    status: String,
}

/// Rows still queued or sending, once every claimed row has had `PATIENCE` to finish.
async fn left_in_outbox(url: &str) -> Result<Vec<String>, String> {
    let db = Database::connect(url).await.map_err(|e| e.to_string())?;
    let backend = db.get_database_backend();
    let open = |sql: &str| Statement::from_string(backend, sql.to_owned());
    let deadline = Instant::now() + PATIENCE;
    let rows = loop {
        let rows = Row::find_by_statement(open(
            "SELECT id, kind, recipient, status FROM outbox \
             WHERE status IN ('queued', 'sending') ORDER BY id",
        ))
        .all(&db)
        .await
        .map_err(|e| e.to_string())?;
        let sending = rows.iter().any(|r| r.status == "sending");
        if !sending || Instant::now() >= deadline {
            break rows;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    db.close().await.ok();
    Ok(rows
        .into_iter()
        .map(|r| {
            format!(
                "outbox row {} ({} to {}) still {}",
                r.id, r.kind, r.recipient, r.status
            )
        })
        .collect())
}
