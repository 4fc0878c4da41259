//! Signing in without a password: an emailed, single-use link. The form answers the same
//! whether or not the address is a member's.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::{
    Language,
    account::{self, Link},
    session,
};
use maud::Markup;
use serde::Deserialize;

use crate::form_fields;
use crate::{
    error::AppError,
    lang::Lang,
    security::{
        checked_form::{CheckedForm, GuardedForm, carries_stamp},
        csrf::{self, ButtonForm},
        form_guard::Verdict,
    },
    session::{self as web_session},
    state::AppState,
    views::{self, form::FieldErrors},
};

const FORM_NAME: &str = "sign-in";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    csrf_token: String,
    form_ts: String,
    website: String,
    email: String,
}

carries_stamp!(SignInForm, FORM_NAME);

pub async fn form(
    State(state): State<AppState>,
    Lang(lang): Lang,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let page = render(&state, lang, &csrf_token, "", &FieldErrors::default())?;
    Ok((csrf_token, page).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    GuardedForm {
        csrf: csrf_token,
        form,
        verdict,
    }: GuardedForm<SignInForm>,
) -> Result<Response, AppError> {
    let now = Utc::now();
    let sent = Redirect::to(&format!("/{}/sign-in/sent", lang.code())).into_response();
    match verdict {
        Verdict::Bot => return Ok(sent),
        Verdict::Expired => {
            let mut errors = FieldErrors::default();
            errors.add("email", "error-form-expired");
            let page = render(&state, lang, &csrf_token, &form.email, &errors)?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
        }
        Verdict::Person => {}
    }
    let mut errors = FieldErrors::default();
    let Some(email) = form_fields::email(&form.email, &mut errors) else {
        let page = render(&state, lang, &csrf_token, &form.email, &errors)?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };

    app::member_sign_in::request_link(&state.app, &email, now).await?;
    Ok(sent)
}

pub async fn sent(State(state): State<AppState>, Lang(lang): Lang) -> Markup {
    views::account::sign_in_sent(lang, &state.brand)
}

pub async fn show(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    Ok(
        match account::check_sign_in(state.db.reader(), &token, Utc::now()).await? {
            Link::Valid(member) => {
                let page = views::account::sign_in_confirm(
                    lang,
                    &state.brand,
                    &token,
                    &member.full_name,
                    &csrf,
                );
                (csrf_token, page).into_response()
            }
            other => dead_link(&state, lang, &token, &other),
        },
    )
}

pub async fn submit_link(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    jar: CookieJar,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let previous = jar
        .get(web_session::cookie_name(&state))
        .map(|c| c.value().to_owned());
    let outcome = app::member_sign_in::sign_in(
        &state.app,
        &token,
        previous.as_deref(),
        state.settings.session_lifetime(),
        Utc::now(),
    )
    .await?;
    Ok(match outcome {
        Link::Valid((_, secret)) => {
            let jar = jar.add(web_session::cookie(&state, secret.as_str().to_owned()));
            (jar, Redirect::to(&format!("/{}/account", lang.code()))).into_response()
        }
        other => dead_link(&state, lang, &token, &other),
    })
}

pub async fn sign_out(
    State(state): State<AppState>,
    Lang(lang): Lang,
    jar: CookieJar,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    if let Some(cookie) = jar.get(web_session::cookie_name(&state)) {
        session::end(state.db.writer(), cookie.value()).await?;
    }
    let jar = jar.remove(web_session::removal(&state));
    // A 303 to a page of its own: reloading it does not post the form again.
    Ok((jar, Redirect::to(&format!("/{}/signed-out", lang.code()))).into_response())
}

/// Where signing out lands: the notice that the session is over.
pub async fn signed_out(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    views::account::signed_out(lang, &state.brand).into_response()
}

fn dead_link<T>(state: &AppState, lang: Language, token: &str, link: &Link<T>) -> Response {
    let path = format!("/sign-in/{token}");
    let (status, title) = match link {
        Link::Expired => (StatusCode::GONE, "link-expired-title"),
        Link::Used => (StatusCode::GONE, "link-used-title"),
        Link::Unknown | Link::Valid(_) => (StatusCode::NOT_FOUND, "link-unknown-title"),
    };
    (
        status,
        views::account::sign_in_dead(lang, &state.brand, &path, title),
    )
        .into_response()
}

fn render(
    state: &AppState,
    lang: Language,
    csrf_token: &CsrfToken,
    email: &str,
    errors: &FieldErrors,
) -> Result<Markup, AppError> {
    let csrf = csrf::form_value(csrf_token)?;
    let stamp = state.guard.stamp(FORM_NAME, Utc::now());
    Ok(views::account::sign_in_form(
        lang,
        &state.brand,
        email,
        errors,
        &csrf,
        &stamp,
    ))
}
