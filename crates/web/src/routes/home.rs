use axum::{
    extract::State,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use domain::events::UpcomingFilter;
use maud::Markup;

use crate::{
    error::AppError,
    lang::{self, Lang},
    state::AppState,
    views,
};

/// `/` sends the visitor to their language.
pub async fn root(headers: HeaderMap) -> Response {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let language = lang::negotiate(accept);
    let mut response = Redirect::to(&format!("/{}/", language.code())).into_response();
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    response
}

pub async fn add_slash(Lang(lang): Lang) -> Redirect {
    Redirect::permanent(&format!("/{}/", lang.code()))
}

/// How many of the next events the home page shows; the events page lists them all.
const UPCOMING_ON_HOME: usize = 3;

pub async fn page(State(state): State<AppState>, Lang(lang): Lang) -> Result<Markup, AppError> {
    let chapters = state.chapters.get(&state.db).await?;
    let upcoming = state
        .upcoming
        .get(&state.db, &UpcomingFilter::default(), Utc::now())
        .await?;
    let next = &upcoming[..upcoming.len().min(UPCOMING_ON_HOME)];
    Ok(views::home::page_view(lang, &state.brand, &chapters, next))
}
