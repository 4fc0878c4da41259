//! Events for citizens: the list, an event's page (with its registration form) and the
//! calendar feed. Registering and a registration's own page are in `registration`; the
//! public JSON list is `crate::api`'s.

use axum::{
    extract::{Path, Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::{
    Language,
    entities::event,
    events::{self, Format, UpcomingFilter},
};
use mailer::calendar;
use serde::Deserialize;

use super::registration::FORM_NAME;
use crate::{
    error::AppError,
    lang::Lang,
    security::csrf,
    session::current_member,
    state::AppState,
    views::{
        self,
        events::{EventPage, ListPage, RegisterValues},
        form::FieldErrors,
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    chapter: String,
    format: String,
}

pub async fn list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let chapters = state.chapters.get(&state.db).await?;
    let chapter_id = match q.chapter.as_str() {
        "" => None,
        slug => Some(
            chapters
                .iter()
                .find(|c| c.slug == slug)
                .ok_or(AppError::NotFound)?
                .id,
        ),
    };
    let format = match q.format.as_str() {
        "" => None,
        f => Some(Format::parse(f).ok_or(AppError::BadRequest)?),
    };
    let upcoming = state
        .upcoming
        .get(
            &state.db,
            &UpcomingFilter { chapter_id, format },
            Utc::now(),
        )
        .await?;
    Ok(views::events::list(&ListPage {
        lang,
        brand: &state.brand,
        events: &upcoming,
        chapters: &chapters,
        chapter: &q.chapter,
        format: &q.format,
    })
    .into_response())
}

/// A published event; drafts are not found.
pub(super) async fn published(state: &AppState, slug: &str) -> Result<event::Model, AppError> {
    events::find_by_slug(state.db.reader(), slug)
        .await?
        .filter(|e| e.status != events::EventStatus::Draft)
        .ok_or(AppError::NotFound)
}

pub(super) async fn render_event(
    state: &AppState,
    lang: Language,
    event: &event::Model,
    csrf_token: &CsrfToken,
    values: &RegisterValues,
    errors: &FieldErrors,
    member: Option<&domain::entities::member::Model>,
) -> Result<maud::Markup, AppError> {
    let csrf = csrf::form_value(csrf_token)?;
    let stamp = state.guard.stamp(FORM_NAME, Utc::now());
    let programme = !domain::summit::programme(state.db.reader(), event.id)
        .await?
        .is_empty();
    Ok(views::events::detail(&EventPage {
        programme,
        member,
        lang,
        brand: &state.brand,
        event,
        refusal: events::refusal(event, Utc::now()),
        values,
        errors,
        csrf: &csrf,
        stamp: &stamp,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    csrf_token: CsrfToken,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let event = published(&state, &slug).await?;
    let member = current_member(&state, &jar).await?;
    let page = render_event(
        &state,
        lang,
        &event,
        &csrf_token,
        &RegisterValues::default(),
        &FieldErrors::default(),
        member.as_ref(),
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

/// Upcoming published events as a calendar feed.
pub async fn feed(State(state): State<AppState>, Lang(lang): Lang) -> Result<Response, AppError> {
    let upcoming = state
        .upcoming
        .get(&state.db, &UpcomingFilter::default(), Utc::now())
        .await?;
    let body = calendar::feed(&upcoming, lang, &state.brand);
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response())
}
