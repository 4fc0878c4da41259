//! OSDI 1.1 for partner systems (`/api/osdi/v1`), by API key: the entry point, people,
//! events and their attendances, and the two helpers that write (with a read-write key).

pub mod events;
pub mod helpers;
pub mod people;
pub mod resources;

use axum::{
    extract::State,
    response::{IntoResponse, Response},
};

use super::{
    auth::ApiCaller,
    hal::{Hal, Link, curies},
    problem::{Problem, ProblemDetails},
};
use crate::state::AppState;
use resources::{Entry, EntryLinks, ROOT};

/// The entry point, with links to what this key may use.
#[utoipa::path(
    get,
    path = "/api/osdi/v1/",
    operation_id = "osdiEntryPoint",
    tag = "osdi",
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "What this system offers", body = Entry, content_type = "application/hal+json"),
        (status = 401, description = "No valid API key", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn entry(
    State(state): State<AppState>,
    ApiCaller(_caller): ApiCaller,
) -> Result<Response, Problem> {
    let base = state.settings.base();
    let root = format!("{base}{ROOT}");
    Ok(Hal(Entry {
        motd: "Réseau — North American Network for Equity and Racial Justice".to_owned(),
        vendor_name: "Réseau",
        product_name: "Réseau",
        osdi_version: "1.1",
        max_pagesize: state.settings.api.max_page_size,
        links: EntryLinks {
            self_: Link::to(format!("{root}/")),
            people: Link::to(format!("{root}/people")),
            events: Link::to(format!("{root}/events")),
            person_signup_helper: Link::to(format!("{root}/people/person_signup_helper")),
            docs: Link::to(format!("{base}/api/openapi.json")),
            curies: curies(),
        },
    })
    .into_response())
}
