use axum::{extract::State, http::StatusCode};
use domain::Db;

/// The process is up.
pub async fn live() -> &'static str {
    "ok"
}

/// The database answers, within a load balancer's patience: a pool waiting for a database
/// that is gone would otherwise hold the check for its whole acquire timeout.
pub async fn ready(State(db): State<Db>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(std::time::Duration::from_secs(2), db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::warn!("database not ready: no answer within 2 s");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
