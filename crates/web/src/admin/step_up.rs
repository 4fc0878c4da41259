//! Step up: the password again (and a code, with two-step) before a sensitive back-office
//! action — inviting an organizer, exporting members, changing two-step settings (the policy,
//! and setting up one's own second factor) — unless the
//! session stepped up within `admin.step_up_minutes`. A sign-in does not count: a session
//! taken just after sign-in still cannot export the members.
//!
//! A POST action that needs it answers with the step-up page, which carries the fields the
//! organizer typed and posts back to the same action with the password: confirmed, the action
//! goes on with what was typed. A GET (the CSV export) goes to `/admin/step-up?back=…`, which
//! returns to it. Failures count in the sign-in lockout (`app::staff_sign_in::step_up`), and
//! each step up starts a new session id.

use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::{CookieJar, cookie::Cookie};
use chrono::Utc;
use serde::Deserialize;

use super::{
    return_to::{ReturnTo, own_or_home},
    session::{PartlySignedIn, Staff, session_cookie},
};
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{admin::step_up as view, form::FieldErrors},
};
use app::staff_sign_in::{Refused, StepUp};

/// What a sensitive action may do.
pub enum Gate {
    /// Go on; with the new session's cookie when the step up happened in this request.
    Pass(Option<Cookie<'static>>),
    /// Show this (the step-up page, or its refusal).
    Ask(Response),
}

/// The step-up fields a sensitive form may carry, and whether the client's IP is within the
/// sign-in rate limit (`admin.sign_in_burst`, checked before any hashing).
#[derive(Debug, Default)]
pub struct Given {
    pub step_up_password: String,
    pub step_up_code: String,
    pub ip_allowed: bool,
}

impl Given {
    /// What a form carried, with the sign-in limiter asked about the client.
    pub fn new(
        state: &AppState,
        peer: std::net::SocketAddr,
        headers: &axum::http::HeaderMap,
        password: String,
        code: String,
    ) -> Self {
        // Only an attempt is counted against the limit, not the page that asks for one.
        let ip_allowed =
            password.is_empty() || state.sign_in_limiter.check(Some(peer.ip()), headers);
        Self {
            step_up_password: password,
            step_up_code: code,
            ip_allowed,
        }
    }
}

/// Lets a sensitive action through if the session stepped up recently, or steps it up with
/// the password (and code) the form carries; otherwise answers with the step-up page, which
/// posts `carried` back to `action`.
pub async fn gate(
    state: &AppState,
    staff: &mut Staff,
    csrf_token: &CsrfToken,
    given: &Given,
    action: &str,
    carried: Vec<(String, String)>,
) -> Result<Gate, AppError> {
    if staff.stepped_up(state) {
        return Ok(Gate::Pass(None));
    }
    let ask = |key: Option<(&'static str, &'static str)>, status: StatusCode| {
        let mut errors = FieldErrors::default();
        if let Some((field, key)) = key {
            errors.add(field, key);
        }
        let csrf = csrf::form_value(csrf_token)?;
        let viewer = staff.viewer(&csrf);
        let page = view::step_up(&view::StepUpPage {
            lang: staff.lang,
            viewer: &viewer,
            action,
            carried: &carried,
            with_code: staff.organizer.totp_enabled,
            minutes: state.settings.admin.step_up_minutes,
            errors: &errors,
        });
        Ok::<_, AppError>(Gate::Ask((status, page).into_response()))
    };
    if given.step_up_password.is_empty() {
        return ask(None, StatusCode::UNAUTHORIZED);
    }
    if !given.ip_allowed {
        return ask(
            Some(("step_up_password", "error-sign-in-locked")),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let step = app::staff_sign_in::step_up(
        &state.app,
        &state.passwords,
        &staff.organizer,
        &staff.session,
        given.step_up_password.clone(),
        &given.step_up_code,
        Utc::now(),
    )
    .await?;
    match step {
        StepUp::Done(session) => {
            staff.session = session.as_str().to_owned();
            staff.stepped_up_at = Some(Utc::now());
            Ok(Gate::Pass(Some(session_cookie(
                state,
                session.as_str().to_owned(),
            ))))
        }
        StepUp::WrongPassword => ask(
            Some(("step_up_password", "error-step-up-password")),
            StatusCode::UNAUTHORIZED,
        ),
        StepUp::WrongCode => ask(
            Some(("step_up_code", "error-code-wrong")),
            StatusCode::UNAUTHORIZED,
        ),
        StepUp::Refused(Refused::Locked) => ask(
            Some(("step_up_password", "error-sign-in-locked")),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        StepUp::Refused(Refused::Busy) => ask(
            Some(("step_up_password", "error-sign-in-busy")),
            StatusCode::SERVICE_UNAVAILABLE,
        ),
        // The session ended meanwhile.
        StepUp::Refused(Refused::Wrong) => {
            Ok(Gate::Ask(Redirect::to("/admin/sign-in").into_response()))
        }
    }
}

/// Where a GET that needs a step up sends the organizer: the step-up page, then back.
pub fn ask_then_return(back: &str) -> Response {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("back", back)
        .finish();
    Redirect::to(&format!("/admin/step-up?{query}")).into_response()
}

pub async fn form(
    State(state): State<AppState>,
    who: PartlySignedIn,
    csrf_token: CsrfToken,
    Query(q): Query<ReturnTo>,
) -> Result<Response, AppError> {
    let Some(mut staff) = who.past_second_factor() else {
        return Ok(Redirect::to("/admin/sign-in/code").into_response());
    };
    let back = own_or_home(&q.back);
    // Never a pass here: the page is shown even to a session that stepped up.
    staff.stepped_up_at = None;
    let carried = vec![("back".to_owned(), back)];
    match gate(
        &state,
        &mut staff,
        &csrf_token,
        &Given::default(),
        "/admin/step-up",
        carried,
    )
    .await?
    {
        Gate::Ask(page) => {
            let (mut parts, body) = page.into_parts();
            parts.status = StatusCode::OK;
            Ok((csrf_token, Response::from_parts(parts, body)).into_response())
        }
        Gate::Pass(_) => Ok(Redirect::to("/admin").into_response()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepUpInput {
    csrf_token: String,
    back: String,
    step_up_password: String,
    step_up_code: String,
}

carries_csrf!(StepUpInput);

pub async fn submit(
    State(state): State<AppState>,
    who: PartlySignedIn,
    jar: CookieJar,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<StepUpInput>,
) -> Result<Response, AppError> {
    let Some(mut staff) = who.past_second_factor() else {
        return Ok(Redirect::to("/admin/sign-in/code").into_response());
    };
    let back = own_or_home(&form.back);
    // An explicit step up always checks the password, recent or not.
    staff.stepped_up_at = None;
    let given = Given::new(
        &state,
        peer,
        &headers,
        form.step_up_password,
        form.step_up_code,
    );
    let carried = vec![("back".to_owned(), back.clone())];
    match gate(
        &state,
        &mut staff,
        &csrf_token,
        &given,
        "/admin/step-up",
        carried,
    )
    .await?
    {
        Gate::Pass(cookie) => {
            let jar = match cookie {
                Some(cookie) => jar.add(cookie),
                None => jar,
            };
            Ok((jar, Redirect::to(&back)).into_response())
        }
        Gate::Ask(page) => Ok((csrf_token, page).into_response()),
    }
}
