//! Errors of the APIs as `application/problem+json` (RFC 9457): a status, a title, a detail
//! that says what to do, and for a 401 the `WWW-Authenticate` challenge.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{AppError, ErrorDetail};

pub const CONTENT_TYPE: &str = "application/problem+json";

/// A problem, as the APIs answer it (boxed: it travels in every `Err`).
#[derive(Clone, Debug)]
pub struct Problem(Box<ProblemDetails>);

/// The body of a problem.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProblemDetails {
    /// `about:blank`: the status says what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The fields at fault and why, for a 422.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub errors: Option<serde_json::Value>,
    #[serde(skip)]
    retry_after: Option<u64>,
    #[serde(skip)]
    cause: Option<String>,
}

impl Problem {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Self(Box::new(ProblemDetails {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: Some(detail.into()),
            errors: None,
            retry_after: None,
            cause: None,
        }))
    }

    /// A problem with no more to say than its status.
    pub fn bare(status: StatusCode) -> Self {
        let mut problem = Self::new(status, "");
        problem.0.detail = None;
        problem
    }

    pub fn with_errors(mut self, errors: serde_json::Value) -> Self {
        self.0.errors = Some(errors);
        self
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.0.retry_after = Some(seconds);
        self
    }

    pub fn unauthorized(detail: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, detail)
    }

    pub fn forbidden(detail: &str) -> Self {
        Self::new(StatusCode::FORBIDDEN, detail)
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "No such resource, or not within this key's chapters.",
        )
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, detail)
    }
}

impl From<AppError> for Problem {
    fn from(e: AppError) -> Self {
        let status = match &e {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let mut problem = Self::bare(status);
        if status == StatusCode::SERVICE_UNAVAILABLE {
            problem.0.retry_after = Some(5);
        }
        problem.0.cause = Some(e.to_string());
        problem
    }
}

impl From<domain::DomainError> for Problem {
    fn from(e: domain::DomainError) -> Self {
        AppError::from(e).into()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let details = *self.0;
        let status =
            StatusCode::from_u16(details.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&details).unwrap_or_else(|_| "{}".to_owned());
        let mut response = (status, [(header::CONTENT_TYPE, CONTENT_TYPE)], body).into_response();
        let headers = response.headers_mut();
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"reseau\""),
            );
        }
        if let Some(seconds) = details.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            headers.insert(header::RETRY_AFTER, value);
        }
        if let Some(cause) = details.cause {
            response
                .extensions_mut()
                .insert(ErrorDetail(std::sync::Arc::new(cause)));
        }
        response
    }
}

/// Whether a response is a problem already (the error layer leaves it as it is).
pub fn is_problem(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(CONTENT_TYPE))
}
