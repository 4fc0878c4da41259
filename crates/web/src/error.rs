//! Errors become responses in one place. A handler returns an `AppError`; its response carries
//! the kind of error in an extension, and the `localize` middleware renders the page in the
//! language of the request. The same middleware dresses axum's own rejections (a malformed
//! form, a body too large, a wrong method), so no bare text error reaches a visitor.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::{DomainError, Language};
use sea_orm::DbErr;

use crate::{lang, state::AppState, views};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    #[error("too many requests")]
    TooManyRequests,
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Db(db) => db.into(),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<DbErr> for AppError {
    fn from(e: DbErr) -> Self {
        match e {
            // The database is away: a 503 the visitor can retry, not a 500.
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => AppError::Unavailable(e.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Kept on an error response so the logging layer sees the real cause.
#[derive(Clone, Debug)]
pub struct ErrorDetail(pub Arc<String>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response
            .extensions_mut()
            .insert(ErrorDetail(Arc::new(self.to_string())));
        response
    }
}

/// Renders every error response as a page in the request's language.
pub async fn localize(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let language = lang::from_path(&path).unwrap_or(Language::En);
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        return response;
    }
    if status.is_server_error() {
        let detail = response
            .extensions()
            .get::<ErrorDetail>()
            .map_or("-", |ErrorDetail(detail)| detail.as_str());
        tracing::error!(%path, %status, error = %detail, "request failed");
    }
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut page = (status, views::error::page(&state.brand, language, status)).into_response();
    if let Some(value) = retry_after {
        page.headers_mut().insert(header::RETRY_AFTER, value);
    }
    if let Some(value) = allow {
        page.headers_mut().insert(header::ALLOW, value);
    }
    page
}
