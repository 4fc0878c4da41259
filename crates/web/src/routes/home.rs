use axum::{
    extract::State,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use domain::events::{self, UpcomingFilter};

use crate::{
    error::AppError,
    lang::{self, Lang},
    page_cache::{self, Rendered},
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

pub async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let key = format!("home/{}", lang.code());
    state
        .pages
        .page(&state, &headers, key, || async {
            // Rendered once per change: read the database, not the short-lived caches.
            let now = Utc::now();
            let chapters = domain::chapter::all(state.db.reader()).await?;
            let upcoming =
                events::list_upcoming(state.db.reader(), &UpcomingFilter::default(), now).await?;
            let next = &upcoming[..upcoming.len().min(UPCOMING_ON_HOME)];
            Ok(Rendered {
                html: views::home::page_view(lang, &state.brand, &chapters, next).into_string(),
                // The events listed, and the next one to come onto the list when one ends.
                until: page_cache::next_moment(&upcoming, now),
            })
        })
        .await
}
