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

impl From<app::passwords::HashError> for AppError {
    fn from(e: app::passwords::HashError) -> Self {
        match e {
            app::passwords::HashError::Busy | app::passwords::HashError::Closed => {
                AppError::Unavailable(e.to_string())
            }
            app::passwords::HashError::Failed(e) => AppError::Internal(e),
        }
    }
}

impl From<DbErr> for AppError {
    fn from(e: DbErr) -> Self {
        // The database is away: a 503 the visitor can retry, not a 500.
        if database_unreachable(&e) {
            AppError::Unavailable(e.to_string())
        } else {
            AppError::Internal(e.to_string())
        }
    }
}

/// Whether `e` says the database could not be reached or is going away, rather than that a
/// statement was wrong. A connection cut mid-query surfaces as a query error carrying an I/O
/// error, not as a connection error, so the driver's error is looked at too.
fn database_unreachable(e: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx};
    match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(inner)) | DbErr::Query(RuntimeErr::SqlxError(inner)) => {
            match inner.as_ref() {
                sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::Protocol(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed => true,
                // PostgreSQL's connection exceptions (08…), shutdowns and failovers (57P…),
                // too many connections (53300), a standby that cannot write yet (25006);
                // SQLite still busy after its timeout (5).
                sqlx::Error::Database(db) => db.code().is_some_and(|code| {
                    code.starts_with("08")
                        || code.starts_with("57P")
                        || code == "53300"
                        || code == "25006"
                        || code == "5"
                }),
                _ => false,
            }
        }
        _ => false,
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
        if matches!(self, AppError::Unavailable(_)) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
        }
        response
            .extensions_mut()
            .insert(ErrorDetail(Arc::new(self.to_string())));
        response
    }
}

/// Renders every error response as a page in the request's language.
pub async fn localize(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // The back office's paths carry no language: its pages are in the organizer's chosen one.
    let language = if path == "/admin" || path.starts_with("/admin/") {
        crate::admin::language::language_of(request.headers())
    } else {
        lang::from_path(path).unwrap_or(Language::En)
    };
    // The route's template, never the path: a path such as `/en/sign-in/{token}` holds a
    // token that is still valid when the request failed.
    let api = path == "/api" || path.starts_with("/api/");
    let response = next.run(request).await;
    let name = response
        .extensions()
        .get::<crate::router::RouteName>()
        .cloned();
    let mut localized = localized(&state, language, api, name.as_ref(), response);
    // The metrics, outside, count the page under its route too.
    if let Some(name) = name {
        localized.extensions_mut().insert(name);
    }
    localized
}

fn localized(
    state: &AppState,
    language: Language,
    api: bool,
    name: Option<&crate::router::RouteName>,
    response: Response,
) -> Response {
    let route = name.map_or("-", |name| name.0.as_str());
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    // The APIs answer problems (RFC 9457), never pages; a rejection of axum's or a timeout
    // becomes one here.
    if api {
        if status.is_server_error() {
            let detail = response
                .extensions()
                .get::<ErrorDetail>()
                .map_or("-", |ErrorDetail(detail)| detail.as_str());
            tracing::error!(%route, %status, error = %detail, "API request failed");
        }
        if crate::api::problem::is_problem(&response) {
            return response;
        }
        let mut problem = crate::api::problem::Problem::bare(status).into_response();
        for name in [header::RETRY_AFTER, header::ALLOW] {
            if let Some(value) = response.headers().get(&name).cloned() {
                problem.headers_mut().insert(name, value);
            }
        }
        return problem;
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
        tracing::error!(%route, %status, error = %detail, "request failed");
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr, sqlx};

    use super::AppError;

    fn status(e: DbErr) -> axum::http::StatusCode {
        AppError::from(e).status()
    }

    #[test]
    fn a_database_out_of_reach_is_a_503_and_a_bad_statement_a_500() {
        let io = || sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        assert_eq!(
            status(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout)),
            503
        );
        assert_eq!(
            status(DbErr::Query(RuntimeErr::SqlxError(Arc::new(io())))),
            503
        );
        assert_eq!(
            status(DbErr::Exec(RuntimeErr::SqlxError(Arc::new(io())))),
            503
        );
        assert_eq!(
            status(DbErr::Query(RuntimeErr::SqlxError(Arc::new(
                sqlx::Error::PoolTimedOut
            )))),
            503
        );
        assert_eq!(
            status(DbErr::Query(RuntimeErr::SqlxError(Arc::new(
                sqlx::Error::RowNotFound
            )))),
            500
        );
        assert_eq!(status(DbErr::Custom("a bug".into())), 500);
    }
}
