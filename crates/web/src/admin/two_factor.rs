//! Two-step sign-in: an organizer sets it up (a new key shown with its otpauth link,
//! confirmed with a first code, then the recovery codes shown once), and an admin requires
//! it of every organizer or of admins only. Both are changes of two-step settings and ask for
//! the password again first.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::two_factor;
use serde::Deserialize;

use super::{
    session::{PartlySignedIn, Staff},
    sign_in::CodeInput,
    step_up,
};
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{admin::two_factor as view, form::FieldErrors},
};

/// Enrolment: a new key, shown with its otpauth link, confirmed with a first code.
pub async fn enrolment_form(
    State(state): State<AppState>,
    who: PartlySignedIn,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    if who.mfa_pending {
        return Ok(Redirect::to("/admin/sign-in/code").into_response());
    }
    if who.organizer.totp_enabled {
        return Ok(Redirect::to("/admin").into_response());
    }
    // Setting up two-step is a change of two-step settings: the password again first, so a
    // session taken before enrolment can neither read the key nor tie the account to
    // someone else's app.
    if !who.stepped_up(&state) {
        return Ok(step_up::ask_then_return("/admin/two-factor"));
    }
    let secret =
        two_factor::begin_enrolment(state.db.writer(), &state.app.seed_key, &who.organizer).await?;
    let url = two_factor::enrolment_url(&secret, &who.organizer.email).unwrap_or_default();
    let csrf = csrf::form_value(&csrf_token)?;
    let page = view::enrolment(who.lang, &secret, &url, &FieldErrors::default(), &csrf);
    Ok((csrf_token, page).into_response())
}

pub async fn enrol(
    State(state): State<AppState>,
    who: PartlySignedIn,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<CodeInput>,
) -> Result<Response, AppError> {
    if who.mfa_pending || who.organizer.totp_enabled {
        return Ok(Redirect::to("/admin").into_response());
    }
    if !who.stepped_up(&state) {
        return Ok(step_up::ask_then_return("/admin/two-factor"));
    }
    let codes =
        app::staff_account::enrol_two_factor(&state.app, &who.organizer, &form.code, Utc::now())
            .await?;
    let csrf = csrf::form_value(&csrf_token)?;
    Ok(match codes {
        Some(codes) => (csrf_token, view::recovery_codes(who.lang, &codes)).into_response(),
        None => {
            let mut errors = FieldErrors::default();
            errors.add("code", "error-code-wrong");
            let secret =
                two_factor::pending_seed(&state.app.seed_key, &who.organizer).unwrap_or_default();
            let url = two_factor::enrolment_url(&secret, &who.organizer.email).unwrap_or_default();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                csrf_token,
                view::enrolment(who.lang, &secret, &url, &errors, &csrf),
            )
                .into_response()
        }
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequireInput {
    csrf_token: String,
    all: String,
    step_up_password: String,
    step_up_code: String,
}

carries_csrf!(RequireInput);

/// An admin requires the second factor of every organizer, or of admins only. Asks for the
/// password (and code) again first (ASVS 5.0 7.5.3).
pub async fn require_two_factor(
    State(state): State<AppState>,
    mut staff: Staff,
    jar: CookieJar,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<RequireInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let all = match form.all.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    let given = step_up::Given::new(
        &state,
        peer,
        &headers,
        form.step_up_password.clone(),
        form.step_up_code.clone(),
    );
    let jar = match step_up::gate(
        &state,
        &mut staff,
        &csrf_token,
        &given,
        "/admin/two-factor/policy",
        vec![("all".to_owned(), form.all.clone())],
    )
    .await?
    {
        step_up::Gate::Pass(Some(cookie)) => jar.add(cookie),
        step_up::Gate::Pass(None) => jar,
        step_up::Gate::Ask(page) => return Ok((csrf_token, page).into_response()),
    };
    app::staff_account::require_two_factor(&state.app, staff.organizer.id, all, Utc::now()).await?;
    Ok((jar, Redirect::to("/admin/organizers")).into_response())
}
