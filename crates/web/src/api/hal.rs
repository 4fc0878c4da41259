//! HAL+JSON (`application/hal+json`), the format of OSDI: links, collections paged with
//! `page`, `per_page`, `total_pages`, `total_records` and `_links.next`.

use axum::{
    extract::{FromRequest, Request},
    http::header,
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use utoipa::{IntoParams, ToSchema};

use super::problem::Problem;

pub const CONTENT_TYPE: &str = "application/hal+json";

/// A value answered as HAL+JSON.
pub struct Hal<T>(pub T);

impl<T: Serialize> IntoResponse for Hal<T> {
    fn into_response(self) -> Response {
        match serde_json::to_string(&self.0) {
            Ok(body) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], body).into_response(),
            Err(e) => {
                Problem::from(crate::error::AppError::Internal(e.to_string())).into_response()
            }
        }
    }
}

/// A link.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Link {
    pub href: String,
}

impl Link {
    pub fn to(href: impl Into<String>) -> Self {
        Self { href: href.into() }
    }
}

/// The `osdi` curie: link relations name the OSDI documentation.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Curie {
    pub name: &'static str,
    pub href: &'static str,
    pub templated: bool,
}

pub fn curies() -> Vec<Curie> {
    vec![Curie {
        name: "osdi",
        href: "https://opensupporter.github.io/osdi-docs/{rel}",
        templated: true,
    }]
}

/// Which page of a collection, and the filter, as a client sent them.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct PageQuery {
    /// The page, from 1.
    #[param(value_type = Option<u64>, minimum = 1)]
    pub page: Option<String>,
    /// Resources a page (25 unless given; at most `api.max_page_size`).
    #[param(value_type = Option<u64>, minimum = 1)]
    pub per_page: Option<String>,
    /// An OData filter on `modified_date` or `created_date`, e.g.
    /// `modified_date gt '2026-11-01T00:00:00Z'`.
    pub filter: Option<String>,
}

/// A page, checked.
#[derive(Clone, Copy, Debug)]
pub struct Paging {
    pub page: u64,
    pub per_page: u64,
}

impl Paging {
    pub fn of(query: &PageQuery, max: u64) -> Result<Self, Problem> {
        let number =
            |raw: &Option<String>, name: &str, default: u64| match raw.as_deref() {
                None | Some("") => Ok(default),
                Some(raw) => raw.parse::<u64>().ok().filter(|&n| n >= 1).ok_or_else(|| {
                    Problem::bad_request(format!("`{name}` is a whole number from 1"))
                }),
            };
        let page = number(&query.page, "page", 1)?.min(crate::admin::MAX_PAGE);
        let per_page = number(&query.per_page, "per_page", 25)?.min(max);
        Ok(Self { page, per_page })
    }

    pub fn total_pages(&self, total: u64) -> u64 {
        total.div_ceil(self.per_page)
    }
}

/// The paging members of a collection.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PageInfo {
    pub total_pages: u64,
    pub per_page: u64,
    pub page: u64,
    pub total_records: u64,
}

/// The links of a collection page.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PageLinks {
    #[serde(rename = "self")]
    pub self_: Link,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<Link>,
    pub curies: Vec<Curie>,
}

impl PageInfo {
    /// The paging members and links of page `paging` of `total`, at `base` with `query` (the
    /// filter, kept in the links).
    pub fn of(paging: Paging, total: u64, base: &str, filter: Option<&str>) -> (Self, PageLinks) {
        let total_pages = paging.total_pages(total);
        let link = |page: u64| {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            query.append_pair("page", &page.to_string());
            query.append_pair("per_page", &paging.per_page.to_string());
            if let Some(filter) = filter.filter(|f| !f.is_empty()) {
                query.append_pair("filter", filter);
            }
            Link::to(format!("{base}?{}", query.finish()))
        };
        (
            Self {
                total_pages,
                per_page: paging.per_page,
                page: paging.page,
                total_records: total,
            },
            PageLinks {
                self_: link(paging.page),
                next: (paging.page < total_pages).then(|| link(paging.page + 1)),
                prev: (paging.page > 1).then(|| link(paging.page - 1)),
                curies: curies(),
            },
        )
    }
}

/// A JSON body, its rejections as problems (a 400 for bad JSON, a 415 without the type).
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let json = content_type.starts_with("application/json")
            || content_type.starts_with("application/hal+json");
        if !json {
            return Err(Problem::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the body as application/json",
            ));
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| Problem::new(e.status(), e.body_text()))?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| Problem::bad_request(format!("the body is not the JSON expected: {e}")))
    }
}
