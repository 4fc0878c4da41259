//! The APIs: `/api/v1` (the public events list), `/api/osdi/v1` (OSDI 1.1 for partner
//! systems, HAL+JSON, by API key) and `/api/openapi.json`, the OpenAPI 3.1 document generated
//! from these handlers. No cookies, no CSRF: a key authorises each request; errors are
//! `application/problem+json`.

mod auth;
pub mod hal;
pub mod openapi;
mod osdi;
pub mod problem;
mod v1;

pub use auth::KeyLimiter;

use axum::{
    Router,
    routing::{get, post},
};
use tower_http::limit::RequestBodyLimitLayer;

use crate::state::AppState;

pub fn router(body_limit: usize) -> Router<AppState> {
    Router::new()
        .route("/api/v1/events", get(v1::events))
        .route("/api/openapi.json", get(openapi::serve))
        .route("/api/osdi/v1", get(osdi::entry))
        .route("/api/osdi/v1/", get(osdi::entry))
        .route("/api/osdi/v1/people", get(osdi::people::list))
        .route(
            "/api/osdi/v1/people/person_signup_helper",
            post(osdi::helpers::signup),
        )
        .route("/api/osdi/v1/people/{id}", get(osdi::people::one))
        .route("/api/osdi/v1/events", get(osdi::events::list))
        .route("/api/osdi/v1/events/{id}", get(osdi::events::one))
        .route(
            "/api/osdi/v1/events/{id}/attendances",
            get(osdi::events::attendances),
        )
        .route(
            "/api/osdi/v1/events/{id}/attendances/{attendance}",
            get(osdi::events::attendance),
        )
        .route(
            "/api/osdi/v1/events/{id}/record_attendance_helper",
            post(osdi::helpers::record_attendance),
        )
        .route_layer(RequestBodyLimitLayer::new(body_limit))
}
