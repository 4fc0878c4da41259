//! The forms that take an email address (joining, asking for a sign-in link) answer the same
//! page whether the address is known or not; this makes them take the same time too. A known
//! and an unknown address do different database work (on PostgreSQL a transaction that writes
//! waits for a WAL flush, one that writes nothing does not: the benchmark measured 1.35 ms
//! between them), so every POST answer is held until `limits.answer_floor_ms` has passed since
//! the request came in. A sleep costs no CPU; only the answer's latency grows.

use std::time::{Duration, Instant};

use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};

use crate::state::AppState;

pub async fn answer_floor(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let started = Instant::now();
    let response = next.run(request).await;
    let floor = Duration::from_millis(state.settings.limits.answer_floor_ms);
    if let Some(rest) = floor.checked_sub(started.elapsed()) {
        tokio::time::sleep(rest).await;
    }
    response
}
