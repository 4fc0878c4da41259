//! An organizer changes their own password: the current one first (counted by the sign-in
//! lockout), then a strong new one; their other sessions end.

use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::password::{self, Weakness};
use serde::Deserialize;

use super::session::Staff;
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{admin::password as view, form::FieldErrors},
};
use app::staff_sign_in::Refused;

/// The message for a password that is refused for its strength.
pub(super) fn weakness_key(weakness: Weakness) -> &'static str {
    match weakness {
        Weakness::TooShort => "error-password-too-short",
        Weakness::TooLong => "error-password-too-long",
        Weakness::TooCommon => "error-password-too-common",
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Changed {
    changed: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordChangeInput {
    csrf_token: String,
    current_password: String,
    password: String,
}

carries_csrf!(PasswordChangeInput);

pub async fn password_form(
    staff: Staff,
    csrf_token: CsrfToken,
    Query(q): Query<Changed>,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let page = view::password_form(
        staff.lang,
        &staff.viewer(&csrf),
        &FieldErrors::default(),
        q.changed == "1",
    );
    Ok((csrf_token, page).into_response())
}

pub async fn change_password(
    State(state): State<AppState>,
    staff: Staff,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<PasswordChangeInput>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    // Counted by the sign-in lockout like a sign-in (ASVS 5.0 6.3.1): no unlimited guessing
    // of the password from a stolen session.
    let checked = app::staff_sign_in::check_current_password(
        &state.app,
        &state.passwords,
        &staff.organizer,
        form.current_password.clone(),
        Utc::now(),
    )
    .await?;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    match checked {
        Ok(()) => {}
        Err(Refused::Wrong) => errors.add("current_password", "error-password-wrong"),
        Err(Refused::Locked) => {
            errors.add("current_password", "error-sign-in-locked");
            status = StatusCode::TOO_MANY_REQUESTS;
        }
        Err(Refused::Busy) => {
            return Err(AppError::Unavailable(
                "password hashing is saturated".into(),
            ));
        }
    }
    if let Err(weakness) = password::check_strength(&form.password) {
        errors.add("password", weakness_key(weakness));
    }
    if !errors.is_empty() {
        let csrf = csrf::form_value(&csrf_token)?;
        let page = view::password_form(staff.lang, &staff.viewer(&csrf), &errors, false);
        return Ok((status, csrf_token, page).into_response());
    }
    let hash = state.passwords.hash(form.password.clone()).await?;
    app::staff_account::change_password(
        &state.app,
        staff.organizer.id,
        &staff.session,
        hash,
        Utc::now(),
    )
    .await?;
    Ok(Redirect::to("/admin/password?changed=1").into_response())
}
