//! Security headers on every response. No page runs a script, so the CSP allows none.

use std::sync::Arc;

use axum::{
    extract::State,
    http::{HeaderName, HeaderValue, header},
    response::Response,
};

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The headers every response carries, each unless its handler set its own.
#[derive(Clone, Debug)]
pub struct SecurityHeaders(Arc<[(HeaderName, HeaderValue)]>);

/// Sets the security headers a response lacks: one middleware for all of them (one layer per
/// header was one more service to clone per request each).
pub async fn set(
    State(SecurityHeaders(all)): State<SecurityHeaders>,
    mut response: Response,
) -> Response {
    let headers = response.headers_mut();
    for (name, value) in all.iter() {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    response
}

pub fn security_headers(https: bool) -> SecurityHeaders {
    let mut headers = vec![
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Tokens travel in URLs: never leak them to another site.
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ];
    if https {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ));
    }
    SecurityHeaders(
        headers
            .into_iter()
            .map(|(name, value)| (name, HeaderValue::from_static(value)))
            .collect::<Vec<_>>()
            .into(),
    )
}
