//! No text Réseau takes may hold a NUL character: PostgreSQL refuses it in every text value
//! (a 500 on any query or insert that carries one), and no name, address, token or filter has
//! a use for it. Refused here, as a 400 before any handler runs: in the path and the query of
//! every request, and in the form bodies of the routes that take them.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::AppError;

/// Whether `raw` (percent-encoded or not) carries a NUL.
pub fn has_nul(raw: &[u8]) -> bool {
    raw.contains(&0) || raw.windows(3).any(|w| w == b"%00")
}

/// How long a form body may take to arrive once its head has: an honest client sends a form
/// in well under this; one trickling a byte a second is cut off.
const BODY_READ: std::time::Duration = std::time::Duration::from_secs(10);

/// Refuses a NUL in the path or the query, for every route (and the fallback).
pub async fn refuse_nul_in_uri(request: Request, next: Next) -> Response {
    let uri = request.uri();
    if has_nul(uri.path().as_bytes()) || uri.query().is_some_and(|q| has_nul(q.as_bytes())) {
        return AppError::BadRequest.into_response();
    }
    next.run(request).await
}

/// Refuses a NUL in a form body, reading at most `limit` bytes: the limit of the routes this
/// is layered on (files, with their larger limit, come to the routes that take them). A larger
/// declared length is refused before a byte is read, and a body that does not arrive in
/// `BODY_READ` is given up on. Layered per route group, after routing, so a path that does not
/// exist reads no body at all.
pub async fn refuse_nul_in_form(
    State(limit): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = request.into_parts();
    let bytes = match tokio::time::timeout(BODY_READ, to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        Err(_) => return StatusCode::REQUEST_TIMEOUT.into_response(),
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
