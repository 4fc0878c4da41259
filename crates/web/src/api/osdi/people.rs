//! People: the active members of the key's chapters, a page at a time or one by id, with the
//! OData filter partners sync by. Every read is recorded (`app::api_keys::record_people_read`).

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use domain::api_keys::{filter, people};
use serde::Deserialize;
use utoipa::IntoParams;

use super::resources::{PeopleEmbedded, PeoplePage, Person, ROOT};
use crate::{
    api::{
        auth::ApiCaller,
        hal::{Hal, PageInfo, PageQuery, Paging},
        problem::{Problem, ProblemDetails},
    },
    state::AppState,
};

/// A chapter to narrow the list to.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ChapterQuery {
    /// A chapter's slug; a chapter outside the key's is a 403.
    pub chapter: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/osdi/v1/people",
    operation_id = "listPeople",
    tag = "osdi",
    params(PageQuery, ChapterQuery),
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "A page of people", body = PeoplePage, content_type = "application/hal+json"),
        (status = 400, description = "A malformed page or filter", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 401, description = "No valid API key", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 403, description = "A chapter outside the key's", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests for this key", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(page_query): Query<PageQuery>,
    Query(chapter_query): Query<ChapterQuery>,
) -> Result<Response, Problem> {
    let paging = Paging::of(&page_query, state.settings.api.max_page_size)?;
    let clauses = filter::parse(page_query.filter.as_deref().unwrap_or_default())
        .map_err(|e| Problem::bad_request(format!("filter: {e}")))?;
    let chapters = state.chapters.get(&state.db).await?;
    let chapter_ids = match chapter_query.chapter.as_deref().filter(|c| !c.is_empty()) {
        None => caller.chapter_ids.clone(),
        Some(slug) => {
            let chapter = chapters
                .iter()
                .find(|c| c.slug == slug)
                .filter(|c| caller.sees(c.id))
                .ok_or_else(|| Problem::forbidden("This key may not see that chapter."))?;
            vec![chapter.id]
        }
    };
    let (rows, total) = people::page(
        state.db.reader(),
        &people::PeopleQuery {
            chapter_ids: &chapter_ids,
            clauses: &clauses,
            page: paging.page,
            per_page: paging.per_page,
        },
    )
    .await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
    let subscribed = people::subscribed_among(state.db.reader(), &ids).await?;
    app::api_keys::record_people_read(&state.app, &caller, &ids, Utc::now()).await?;
    let base = state.settings.base();
    let (page, links) = PageInfo::of(
        paging,
        total,
        &format!("{base}{ROOT}/people"),
        page_query.filter.as_deref(),
    );
    let people = rows
        .iter()
        .map(|m| {
            let chapter = chapters.iter().find(|c| c.id == m.chapter_id);
            Person::of(&base, m, chapter, subscribed.contains(&m.id))
        })
        .collect();
    Ok(Hal(PeoplePage {
        page,
        links,
        embedded: PeopleEmbedded { people },
    })
    .into_response())
}

#[utoipa::path(
    get,
    path = "/api/osdi/v1/people/{id}",
    operation_id = "getPerson",
    tag = "osdi",
    params(("id" = i64, Path, description = "The number of `reseau:<id>`")),
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "One person", body = Person, content_type = "application/hal+json"),
        (status = 401, description = "No valid API key", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such person within the key's chapters", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn one(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id: i64 = id.parse().map_err(|_| Problem::not_found())?;
    let member = people::find(state.db.reader(), &caller.chapter_ids, id)
        .await?
        .ok_or_else(Problem::not_found)?;
    let subscribed = people::subscribed_among(state.db.reader(), &[member.id]).await?;
    app::api_keys::record_people_read(&state.app, &caller, &[member.id], Utc::now()).await?;
    let chapters = state.chapters.get(&state.db).await?;
    let chapter = chapters.iter().find(|c| c.id == member.chapter_id);
    let person = Person::of(
        &state.settings.base(),
        &member,
        chapter,
        subscribed.contains(&member.id),
    );
    Ok((StatusCode::OK, Hal(person)).into_response())
}
