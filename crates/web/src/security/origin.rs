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
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| site == "cross-site")
    {
        return AppError::Forbidden("cross-site request").into_response();
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let ours = state.settings.base_url.origin().ascii_serialization();
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let same_host = origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority == host);
        if origin != ours && !same_host {
            return AppError::Forbidden("request from another origin").into_response();
        }
    }
    next.run(request).await
}
