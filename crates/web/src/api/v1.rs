//! `/api/v1`: the public list of upcoming events (no key). The online link is for confirmed
//! registrants only, so it is not here.

use axum::{
    Json,
    extract::State,
    response::{IntoResponse, Response},
};
use std::collections::BTreeMap;

use chrono::Utc;
use domain::{Language, Localized, events::UpcomingFilter};
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
    /// By language code, every language Réseau speaks: its own text, else English.
    pub title: BTreeMap<String, String>,
    /// Markdown, by language code like the title.
    pub description: BTreeMap<String, String>,
    /// The codes of the languages the event is written in (the others show English).
    pub languages: Vec<String>,
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

/// `texts` as a reader of each language is shown them.
fn public_texts(texts: &Localized) -> BTreeMap<String, String> {
    Language::ALL
        .into_iter()
        .map(|lang| (lang.code().to_owned(), texts.or_english(lang).to_owned()))
        .collect()
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
            title: public_texts(&e.title),
            description: public_texts(&e.description),
            languages: e
                .title
                .iter()
                .map(|(lang, _)| lang.code().to_owned())
                .collect(),
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
