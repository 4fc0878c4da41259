//! Signing in to the back office: email and password, then the code from the app (or a
//! recovery code) when the account has two-step sign-in; and signing out. The steps are
//! `app::staff_sign_in`'s; this module reads the forms and answers with pages and cookies.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::{CookieJar, cookie::Cookie};
use chrono::Utc;
use domain::Language;
use serde::Deserialize;

use super::{
    language::AdminLang,
    session::{PartlySignedIn, cookie_name, session_cookie},
};
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf::{self, ButtonForm},
    },
    state::AppState,
    views::{
        admin::{
            credentials::{self, CredentialsForm},
            sign_in as view,
        },
        form::FieldErrors,
    },
};
use app::staff_sign_in::{CodeStep, PasswordStep, Refused};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignInInput {
    csrf_token: String,
    email: String,
    password: String,
}

carries_csrf!(SignInInput);

/// The credentials form (sign-in, setup, invitation) with its token, under `status`.
pub(super) fn render_credentials(
    csrf_token: CsrfToken,
    status: StatusCode,
    form: CredentialsForm<'_>,
) -> Result<Response, AppError> {
    Ok((status, csrf_token, credentials::credentials(&form)).into_response())
}

pub async fn sign_in_form(
    AdminLang(lang): AdminLang,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    render_credentials(
        csrf_token,
        StatusCode::OK,
        sign_in_view(lang, "", &FieldErrors::default(), &csrf),
    )
}

fn sign_in_view<'a>(
    lang: Language,
    email: &'a str,
    errors: &'a FieldErrors,
    csrf: &'a str,
) -> CredentialsForm<'a> {
    CredentialsForm {
        lang,
        title_key: "admin-sign-in-title",
        intro_key: None,
        action: "/admin/sign-in",
        submit_key: "admin-sign-in-submit",
        with_name: false,
        with_email: true,
        name: "",
        email,
        errors,
        csrf,
    }
}

pub async fn sign_in(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    jar: CookieJar,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<SignInInput>,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let refuse = |key: &'static str, status: StatusCode, csrf_token: CsrfToken| {
        let mut errors = FieldErrors::default();
        errors.add("email", key);
        render_credentials(
            csrf_token,
            status,
            sign_in_view(lang, &form.email, &errors, &csrf),
        )
    };
    // Over-limit attempts are refused before any hashing.
    if !state.sign_in_limiter.check(Some(peer.ip()), &headers) {
        return refuse(
            "error-sign-in-locked",
            StatusCode::TOO_MANY_REQUESTS,
            csrf_token,
        );
    }
    let previous = jar.get(cookie_name(&state)).map(|c| c.value().to_owned());
    let step = app::staff_sign_in::with_password(
        &state.app,
        &state.passwords,
        &form.email,
        form.password.clone(),
        previous.as_deref(),
        state.settings.staff_session_lifetime(),
        Utc::now(),
    )
    .await?;
    let (session, next) = match step {
        PasswordStep::SignedIn(session) => (session, "/admin"),
        PasswordStep::CodeOwed(session) => (session, "/admin/sign-in/code"),
        PasswordStep::Refused(refused) => {
            let (key, status) = refusal(refused);
            return refuse(key, status, csrf_token);
        }
    };
    let jar = jar.add(session_cookie(&state, session.as_str().to_owned()));
    Ok((jar, Redirect::to(next)).into_response())
}

/// The message and status of a refused step: the same for an unknown address as for a real
/// one in the same state.
fn refusal(refused: Refused) -> (&'static str, StatusCode) {
    match refused {
        Refused::Locked => ("error-sign-in-locked", StatusCode::TOO_MANY_REQUESTS),
        Refused::Wrong => ("error-sign-in-failed", StatusCode::UNAUTHORIZED),
        Refused::Busy => ("error-sign-in-busy", StatusCode::SERVICE_UNAVAILABLE),
    }
}

pub async fn sign_out(
    State(state): State<AppState>,
    staff: PartlySignedIn,
    jar: CookieJar,
    CheckedForm { .. }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    app::staff_account::sign_out(&state.app, staff.organizer.id, &staff.session, Utc::now())
        .await?;
    let jar = jar.remove(
        Cookie::build((cookie_name(&state), ""))
            .path("/")
            .http_only(true)
            .secure(state.settings.is_https())
            .build(),
    );
    Ok((jar, Redirect::to("/admin/sign-in")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeInput {
    csrf_token: String,
    pub(super) code: String,
}

carries_csrf!(CodeInput);

/// The code page of a sign-in whose password was right.
pub async fn code_form(who: PartlySignedIn, csrf_token: CsrfToken) -> Result<Response, AppError> {
    if !who.mfa_pending {
        return Ok(Redirect::to("/admin").into_response());
    }
    let csrf = csrf::form_value(&csrf_token)?;
    let page = view::code_form(who.lang, &FieldErrors::default(), &csrf);
    Ok((csrf_token, page).into_response())
}

pub async fn submit_code(
    State(state): State<AppState>,
    who: PartlySignedIn,
    jar: CookieJar,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<CodeInput>,
) -> Result<Response, AppError> {
    if !who.mfa_pending {
        return Ok(Redirect::to("/admin").into_response());
    }
    let render = |key: &'static str, status: StatusCode, csrf_token: CsrfToken| {
        let mut errors = FieldErrors::default();
        errors.add("code", key);
        let csrf = csrf::form_value(&csrf_token)?;
        Ok::<_, AppError>(
            (
                status,
                csrf_token,
                view::code_form(who.lang, &errors, &csrf),
            )
                .into_response(),
        )
    };
    if !state.sign_in_limiter.check(Some(peer.ip()), &headers) {
        return render(
            "error-sign-in-locked",
            StatusCode::TOO_MANY_REQUESTS,
            csrf_token,
        );
    }
    let step = app::staff_sign_in::with_code(
        &state.app,
        &who.organizer,
        &who.session,
        &form.code,
        state.settings.staff_session_lifetime(),
        Utc::now(),
    )
    .await?;
    match step {
        // A new session id at the step up.
        CodeStep::SignedIn(session) => {
            let jar = jar.add(session_cookie(&state, session.as_str().to_owned()));
            Ok((jar, Redirect::to("/admin")).into_response())
        }
        CodeStep::Refused(Refused::Wrong) => {
            render("error-code-wrong", StatusCode::UNAUTHORIZED, csrf_token)
        }
        CodeStep::Refused(refused) => {
            let (key, status) = refusal(refused);
            render(key, status, csrf_token)
        }
    }
}
