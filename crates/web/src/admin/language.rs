//! The back office's language: the one chosen with its switch (a cookie), else the browser's.

use axum::{
    extract::{FromRequestParts, Path, Query},
    http::{HeaderMap, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};
use domain::Language;

use super::return_to::{ReturnTo, own_or_home};
use crate::{error::AppError, lang};

const LANG_COOKIE: &str = "reseau_lang";

/// The back office's language: the one chosen with its switch, else the browser's.
#[derive(Clone, Copy, Debug)]
pub struct AdminLang(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for AdminLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(AdminLang(language_of(&parts.headers)))
    }
}

pub fn language_of(headers: &HeaderMap) -> Language {
    CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|c| c.value().parse().ok())
        .unwrap_or_else(|| {
            lang::negotiate(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        })
}

/// Remembers the chosen language and returns to the page, which must be one of ours.
pub async fn switch_language(
    Path(code): Path<String>,
    Query(q): Query<ReturnTo>,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let language: Language = code.parse().map_err(|_| AppError::NotFound)?;
    let back = own_or_home(&q.back);
    let cookie = Cookie::build((LANG_COOKIE, language.code().to_owned()))
        .path("/admin")
        .http_only(true)
        .same_site(SameSite::Lax)
        .build();
    Ok((jar.add(cookie), Redirect::to(&back)).into_response())
}
