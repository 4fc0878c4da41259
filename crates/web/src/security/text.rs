//! No text Réseau takes may hold a NUL character: PostgreSQL refuses it in every text value
//! (a 500 on any query or insert that carries one), and no name, address, token or filter has
//! a use for it. Refused here once, for every route, as a 400 before any handler runs: in the
//! path, in the query, and in form bodies.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::header,
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{error::AppError, state::AppState};

/// Whether `raw` (percent-encoded or not) carries a NUL.
pub fn has_nul(raw: &[u8]) -> bool {
    raw.contains(&0) || raw.windows(3).any(|w| w == b"%00")
}

pub async fn refuse_nul(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let uri = request.uri();
    if has_nul(uri.path().as_bytes()) || uri.query().is_some_and(|q| has_nul(q.as_bytes())) {
        return AppError::BadRequest.into_response();
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(request).await;
    }
    // The largest body any route takes; each route's own, smaller limit still applies after.
    let limit = state.settings.limits.upload_bytes;
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if has_nul(&bytes) {
        return AppError::BadRequest.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::has_nul;

    #[test]
    fn finds_nul_raw_or_encoded() {
        assert!(has_nul(b"a%00b"));
        assert!(has_nul(b"a\0b"));
        assert!(!has_nul(b"a%2500b"));
        assert!(!has_nul(b"full_name=Ada+Lovelace"));
    }
}
