//! Events of the key's chapters (published or cancelled; never a draft) and their
//! attendances (registrations that hold a seat, wait in line or were cancelled).

use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Response},
};
use domain::{
    entities::{event, registration},
    events::{self, EventStatus, RegistrationStatus},
};

use super::resources::{
    Attendance, AttendancesEmbedded, AttendancesPage, Event, EventsEmbedded, EventsPage, ROOT,
};
use crate::{
    api::{
        auth::ApiCaller,
        hal::{Hal, PageInfo, PageQuery, Paging},
        problem::{Problem, ProblemDetails},
    },
    state::AppState,
};

/// A page of `items`, in memory: an event's registrations and a chapter's events are few.
fn page_of<T: Clone>(items: &[T], paging: Paging) -> Vec<T> {
    let start =
        usize::try_from((paging.page - 1).saturating_mul(paging.per_page)).unwrap_or(usize::MAX);
    let len = usize::try_from(paging.per_page).unwrap_or(usize::MAX);
    items.iter().skip(start).take(len).cloned().collect()
}

fn no_filter(query: &PageQuery) -> Result<(), Problem> {
    match query.filter.as_deref() {
        None | Some("") => Ok(()),
        Some(_) => Err(Problem::bad_request("this collection takes no filter")),
    }
}

/// An event the key may see, or a 404.
pub(super) async fn visible_event(
    state: &AppState,
    caller: &domain::api_keys::Caller,
    id: &str,
) -> Result<event::Model, Problem> {
    let id: i64 = id.parse().map_err(|_| Problem::not_found())?;
    events::find(state.db.reader(), id)
        .await?
        .filter(|e| e.status != EventStatus::Draft && caller.sees(e.chapter_id))
        .ok_or_else(Problem::not_found)
}

#[utoipa::path(
    get,
    path = "/api/osdi/v1/events",
    operation_id = "listEvents",
    tag = "osdi",
    params(PageQuery),
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "A page of events, latest first", body = EventsPage, content_type = "application/hal+json"),
        (status = 401, description = "No valid API key", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(query): Query<PageQuery>,
) -> Result<Response, Problem> {
    let paging = Paging::of(&query, state.settings.api.max_page_size)?;
    no_filter(&query)?;
    let all: Vec<event::Model> =
        events::list_for_chapters(state.db.reader(), Some(&caller.chapter_ids))
            .await?
            .into_iter()
            .filter(|e| e.status != EventStatus::Draft)
            .collect();
    let chapters = state.chapters.get(&state.db).await?;
    let base = state.settings.base();
    let (page, links) = PageInfo::of(
        paging,
        all.len() as u64,
        &format!("{base}{ROOT}/events"),
        None,
    );
    let events = page_of(&all, paging)
        .iter()
        .map(|e| Event::of(&base, e, chapters.iter().find(|c| c.id == e.chapter_id)))
        .collect();
    Ok(Hal(EventsPage {
        page,
        links,
        embedded: EventsEmbedded { events },
    })
    .into_response())
}

#[utoipa::path(
    get,
    path = "/api/osdi/v1/events/{id}",
    operation_id = "getEvent",
    tag = "osdi",
    params(("id" = i64, Path, description = "The number of `reseau:<id>`")),
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "One event", body = Event, content_type = "application/hal+json"),
        (status = 404, description = "No such event within the key's chapters", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn one(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let event = visible_event(&state, &caller, &id).await?;
    let chapters = state.chapters.get(&state.db).await?;
    let chapter = chapters.iter().find(|c| c.id == event.chapter_id);
    Ok(Hal(Event::of(&state.settings.base(), &event, chapter)).into_response())
}

/// Registrations an attendance shows: not those still waiting for their address to be
/// confirmed (anyone can type an address into a form).
async fn attendances_of(
    state: &AppState,
    event: &event::Model,
) -> Result<Vec<registration::Model>, Problem> {
    Ok(
        events::registrations_of(state.db.reader(), event.id, None, None)
            .await?
            .into_iter()
            .filter(|r| r.status != RegistrationStatus::Pending)
            .collect(),
    )
}

#[utoipa::path(
    get,
    path = "/api/osdi/v1/events/{id}/attendances",
    operation_id = "listAttendances",
    tag = "osdi",
    params(("id" = i64, Path, description = "The event"), PageQuery),
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "A page of the event's attendances", body = AttendancesPage, content_type = "application/hal+json"),
        (status = 404, description = "No such event within the key's chapters", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn attendances(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, Problem> {
    let paging = Paging::of(&query, state.settings.api.max_page_size)?;
    no_filter(&query)?;
    let event = visible_event(&state, &caller, &id).await?;
    let all = attendances_of(&state, &event).await?;
    let base = state.settings.base();
    let (page, links) = PageInfo::of(
        paging,
        all.len() as u64,
        &format!("{base}{ROOT}/events/{}/attendances", event.id),
        None,
    );
    let attendances = page_of(&all, paging)
        .iter()
        .map(|r| Attendance::of(&base, r))
        .collect();
    Ok(Hal(AttendancesPage {
        page,
        links,
        embedded: AttendancesEmbedded { attendances },
    })
    .into_response())
}

#[utoipa::path(
    get,
    path = "/api/osdi/v1/events/{id}/attendances/{attendance}",
    operation_id = "getAttendance",
    tag = "osdi",
    params(
        ("id" = i64, Path, description = "The event"),
        ("attendance" = i64, Path, description = "The attendance"),
    ),
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "One attendance", body = Attendance, content_type = "application/hal+json"),
        (status = 404, description = "No such attendance within the key's chapters", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn attendance(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path((id, attendance)): Path<(String, String)>,
) -> Result<Response, Problem> {
    let event = visible_event(&state, &caller, &id).await?;
    let attendance: i64 = attendance.parse().map_err(|_| Problem::not_found())?;
    let registration = attendances_of(&state, &event)
        .await?
        .into_iter()
        .find(|r| r.id == attendance)
        .ok_or_else(Problem::not_found)?;
    Ok(Hal(Attendance::of(&state.settings.base(), &registration)).into_response())
}
