//! The signed-in member of a request, from the `reseau_session` cookie (`__Host-reseau_session`
//! behind https); `domain::session::resume` decides whether the session is live.

use axum::{
    extract::FromRequestParts,
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::Utc;
use domain::{
    entities::member,
    session::{self, MemberSession},
    token::Secret,
};

use crate::{config::CookieName, error::AppError, lang, state::AppState};

/// The member session cookie's name for these settings.
pub fn cookie_name(state: &AppState) -> &'static str {
    state.settings.cookie_name(CookieName::Member)
}

/// A request from a signed-in member. Extracting it on a page of someone who is not signed in
/// sends them to the sign-in page.
pub struct SignedIn {
    pub member: member::Model,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let language = lang::from_path(parts.uri.path()).unwrap_or(domain::Language::En);
        let sign_in = || Redirect::to(&format!("/{}/sign-in", language.code())).into_response();
        // A value we could not have set is no session.
        let Some(secret) = jar
            .get(cookie_name(state))
            .and_then(|c| Secret::parse(c.value()))
        else {
            return Err(sign_in());
        };
        let member = session::resume::<MemberSession>(
            state.db.reader(),
            state.db.writer(),
            &secret,
            state.settings.session_lifetime(),
            Utc::now(),
        )
        .await
        .map_err(|e| AppError::from(e).into_response())?;
        match member {
            Some(member) => Ok(SignedIn { member }),
            None => Err(sign_in()),
        }
    }
}

/// The session cookie for a new session.
pub fn cookie(state: &AppState, value: String) -> Cookie<'static> {
    let lifetime = state.settings.session_lifetime();
    Cookie::build((cookie_name(state), value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.is_https())
        .max_age(time::Duration::seconds(lifetime.absolute.num_seconds()))
        .build()
}

/// The cookie that removes the session cookie.
pub fn removal(state: &AppState) -> Cookie<'static> {
    Cookie::build((cookie_name(state), ""))
        .path("/")
        .http_only(true)
        .secure(state.settings.is_https())
        .build()
}

/// The signed-in member of a request, if any, for pages that anyone may see.
pub async fn current_member(
    state: &AppState,
    jar: &CookieJar,
) -> Result<Option<member::Model>, AppError> {
    let Some(secret) = jar
        .get(cookie_name(state))
        .and_then(|c| Secret::parse(c.value()))
    else {
        return Ok(None);
    };
    Ok(session::resume::<MemberSession>(
        state.db.reader(),
        state.db.writer(),
        &secret,
        state.settings.session_lifetime(),
        Utc::now(),
    )
    .await?)
}
