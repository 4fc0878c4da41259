use axum::{extract::State, http::StatusCode};
use domain::Db;

/// The process is up.
pub async fn live() -> &'static str {
    "ok"
}

/// The database answers.
pub async fn ready(State(db): State<Db>) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
