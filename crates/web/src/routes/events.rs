//! Events for citizens: the list, an event's page (with its registration form) and the
//! calendar feed. Registering and a registration's own page are in `registration`; the
//! public JSON list is `crate::api`'s.

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, header},
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
    page_cache::{self, Rendered},
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
    headers: HeaderMap,
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
    // Only known chapters and formats get here, so the pages kept are few.
    let key = format!("events/{}/{}/{}", lang.code(), q.chapter, q.format);
    state
        .pages
        .page(&state, &headers, key, || async {
            let now = Utc::now();
            let chapters = domain::chapter::all(state.db.reader()).await?;
            let upcoming = events::list_upcoming(
                state.db.reader(),
                &UpcomingFilter { chapter_id, format },
                now,
            )
            .await?;
            Ok(Rendered {
                html: views::events::list(&ListPage {
                    lang,
                    brand: &state.brand,
                    events: &upcoming,
                    chapters: &chapters,
                    chapter: &q.chapter,
                    format: &q.format,
                })
                .into_string(),
                until: page_cache::next_moment(&upcoming, now),
            })
        })
        .await
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
    event_page(state, lang, event, &csrf, &stamp, values, errors, member).await
}

#[allow(clippy::too_many_arguments)] // the page's parts, each from its own place
async fn event_page(
    state: &AppState,
    lang: Language,
    event: &event::Model,
    csrf: &str,
    stamp: &str,
    values: &RegisterValues,
    errors: &FieldErrors,
    member: Option<&domain::entities::member::Model>,
) -> Result<maud::Markup, AppError> {
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
        csrf,
        stamp,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    csrf_token: CsrfToken,
    jar: CookieJar,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let Some(member) = current_member(&state, &jar).await? {
        let event = published(&state, &slug).await?;
        let page = render_event(
            &state,
            lang,
            &event,
            &csrf_token,
            &RegisterValues::default(),
            &FieldErrors::default(),
            Some(&member),
        )
        .await?;
        return Ok((csrf_token, page).into_response());
    }
    // Only a published event's page is kept, so unknown slugs add nothing.
    let key = format!("event/{}/{slug}", lang.code());
    let page = state
        .pages
        .form(&state, &headers, key, &csrf_token, FORM_NAME, || async {
            let event = published(&state, &slug).await?;
            let now = Utc::now();
            let html = event_page(
                &state,
                lang,
                &event,
                page_cache::CSRF_MARK,
                page_cache::STAMP_MARK,
                &RegisterValues::default(),
                &FieldErrors::default(),
                None,
            )
            .await?
            .into_string();
            Ok(Rendered {
                html,
                until: page_cache::next_moment([&event], now),
            })
        })
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
