//! `/api/v1`: the public list of upcoming events (no key). The online link is for confirmed
//! registrants only, so it is not here.

use axum::{
    Json,
    extract::State,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use domain::{Language, events::UpcomingFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::problem::Problem;
use crate::state::AppState;

/// One event's public fields.
#[derive(Serialize, ToSchema)]
pub struct PublicEvent {
    pub slug: String,
    /// The chapter's slug.
    pub chapter: String,
    pub title: PublicTexts,
    /// Markdown.
    pub description: PublicTexts,
    /// `in-person`, `online` or `hybrid`.
    pub format: String,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub starts_at: chrono::DateTime<Utc>,
    pub ends_at: chrono::DateTime<Utc>,
    /// The IANA zone its times are shown in.
    pub time_zone: String,
    /// Absent when unlimited.
    pub capacity: Option<i32>,
    pub seats_left: Option<u32>,
    pub waitlist_enabled: bool,
    /// Its page.
    pub url: String,
}

/// A text in each language with content (a language without its own falls back to English).
#[derive(Serialize, ToSchema)]
pub struct PublicTexts {
    pub en: String,
    pub fr: String,
    pub es: String,
}

fn texts(text: impl Fn(Language) -> String) -> PublicTexts {
    PublicTexts {
        en: text(Language::En),
        fr: text(Language::Fr),
        es: text(Language::Es),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/events",
    operation_id = "listPublicEvents",
    tag = "events",
    responses(
        (status = 200, description = "Upcoming published events, soonest first", body = [PublicEvent]),
    )
)]
pub async fn events(State(state): State<AppState>) -> Result<Response, Problem> {
    let chapters = state.chapters.get(&state.db).await?;
    let upcoming = state
        .upcoming
        .get(&state.db, &UpcomingFilter::default(), Utc::now())
        .await?;
    let list: Vec<PublicEvent> = upcoming
        .iter()
        .map(|e| PublicEvent {
            slug: e.slug.clone(),
            chapter: chapters
                .iter()
                .find(|c| c.id == e.chapter_id)
                .map(|c| c.slug.clone())
                .unwrap_or_default(),
            title: texts(|lang| e.title(lang).to_owned()),
            description: texts(|lang| e.description(lang).to_owned()),
            format: e.format.as_str().to_owned(),
            venue: e.venue.clone(),
            address: e.address.clone(),
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            time_zone: e.time_zone.clone(),
            capacity: e.capacity,
            seats_left: e.seats_left(),
            waitlist_enabled: e.waitlist_enabled,
            url: state.brand.link(&format!("/en/events/{}", e.slug)),
        })
        .collect();
    Ok(Json(list).into_response())
}
