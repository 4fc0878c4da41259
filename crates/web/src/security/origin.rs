//! Refuses state-changing requests sent from another site, before any handler runs: a browser
//! says where a request comes from (`Sec-Fetch-Site`, `Origin`), and only our own pages may
//! POST. Defence in depth beside the CSRF token.

use axum::{
    extract::{Request, State},
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{error::AppError, state::AppState};

pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    // Browsers say where a request comes from. `Sec-Fetch-Site` is the clearer word: under our
    // `Referrer-Policy: no-referrer` a same-origin form POST carries `Origin: null`, so the
    // Origin header only decides for browsers that do not send `Sec-Fetch-Site`.
    let allowed = match header("sec-fetch-site") {
        Some("same-origin" | "none") => true,
        Some(_) => false,
        None => match header(header::ORIGIN.as_str()) {
            None | Some("null") => true,
            Some(origin) => {
                let ours = state.settings.base_url.origin().ascii_serialization();
                let host = header(header::HOST.as_str()).unwrap_or_default();
                origin == ours
                    || origin
                        .split_once("://")
                        .is_some_and(|(_, authority)| authority == host)
            }
        },
    };
    if !allowed {
        return AppError::Forbidden("request from another site").into_response();
    }
    next.run(request).await
}
