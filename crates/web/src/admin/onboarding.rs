//! Organizers get in for the first time: the first-run setup link (makes the first admin) and
//! an invitation link (the invited organizer chooses a password). The accounts are made by
//! `app::onboarding`; this module shows and reads the forms.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::{EmailAddress, Language, organizers, password};
use serde::Deserialize;

use super::{
    language::AdminLang, password::weakness_key, session::session_cookie,
    sign_in::render_credentials,
};
use crate::{
    error::AppError,
    form_fields as fields,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{admin::credentials::CredentialsForm, form::FieldErrors},
};
use app::onboarding::LinkError;

impl From<LinkError> for AppError {
    fn from(e: LinkError) -> Self {
        match e {
            // A used link is as unknown as one that never was.
            LinkError::Used => AppError::NotFound,
            LinkError::Domain(e) => e.into(),
        }
    }
}

/// The first admin's name, address and password; an invitee's password alone.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountInput {
    csrf_token: String,
    full_name: String,
    email: String,
    password: String,
}

carries_csrf!(AccountInput);

pub async fn setup_form(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    Path(token): Path<String>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    organizers::find_link(
        state.db.reader(),
        organizers::LinkPurpose::Setup,
        &token,
        Utc::now(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let csrf = csrf::form_value(&csrf_token)?;
    let action = format!("/admin/setup/{token}");
    render_credentials(
        csrf_token,
        StatusCode::OK,
        setup_view(lang, &action, "", "", &FieldErrors::default(), &csrf),
    )
}

fn setup_view<'a>(
    lang: Language,
    action: &'a str,
    name: &'a str,
    email: &'a str,
    errors: &'a FieldErrors,
    csrf: &'a str,
) -> CredentialsForm<'a> {
    CredentialsForm {
        lang,
        title_key: "setup-title",
        intro_key: Some("setup-intro"),
        action,
        submit_key: "setup-submit",
        with_name: true,
        with_email: true,
        name,
        email,
        errors,
        csrf,
    }
}

/// Name, address and password of a new account, checked.
fn check_new_account(
    form: &AccountInput,
    errors: &mut FieldErrors,
) -> Option<(String, EmailAddress)> {
    // The same rules as a member's name: no markup, controls or direction overrides.
    let name = fields::name(&form.full_name, errors);
    let email = fields::email(&form.email, errors);
    if let Err(weakness) = password::check_strength(&form.password) {
        errors.add("password", weakness_key(weakness));
    }
    match (name, email) {
        (Some(name), Some(email)) if errors.is_empty() => Some((name.as_str().to_owned(), email)),
        _ => None,
    }
}

pub async fn setup(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    Path(token): Path<String>,
    jar: CookieJar,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<AccountInput>,
) -> Result<Response, AppError> {
    let now = Utc::now();
    let link = organizers::find_link(
        state.db.reader(),
        organizers::LinkPurpose::Setup,
        &token,
        now,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let Some((name, email)) = check_new_account(&form, &mut errors) else {
        let csrf = csrf::form_value(&csrf_token)?;
        let action = format!("/admin/setup/{token}");
        let view = setup_view(lang, &action, &form.full_name, &form.email, &errors, &csrf);
        return render_credentials(csrf_token, StatusCode::UNPROCESSABLE_ENTITY, view);
    };
    let hash = state.passwords.hash(form.password.clone()).await?;
    let session = app::onboarding::set_up_first_admin(
        &state.app,
        &link,
        &email,
        &name,
        hash,
        state.settings.staff_session_lifetime(),
        now,
    )
    .await?;
    let jar = jar.add(session_cookie(&state, session.as_str().to_owned()));
    Ok((jar, Redirect::to("/admin")).into_response())
}

pub async fn invite_form(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    Path(token): Path<String>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    organizers::find_link(
        state.db.reader(),
        organizers::LinkPurpose::Invite,
        &token,
        Utc::now(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let csrf = csrf::form_value(&csrf_token)?;
    let action = format!("/admin/invite/{token}");
    render_credentials(
        csrf_token,
        StatusCode::OK,
        invite_view(lang, &action, &FieldErrors::default(), &csrf),
    )
}

fn invite_view<'a>(
    lang: Language,
    action: &'a str,
    errors: &'a FieldErrors,
    csrf: &'a str,
) -> CredentialsForm<'a> {
    CredentialsForm {
        lang,
        title_key: "invite-title",
        intro_key: Some("invite-intro"),
        action,
        submit_key: "invite-submit",
        with_name: false,
        with_email: false,
        name: "",
        email: "",
        errors,
        csrf,
    }
}

pub async fn accept_invite(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    Path(token): Path<String>,
    jar: CookieJar,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<AccountInput>,
) -> Result<Response, AppError> {
    let now = Utc::now();
    let link = organizers::find_link(
        state.db.reader(),
        organizers::LinkPurpose::Invite,
        &token,
        now,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    if let Err(weakness) = password::check_strength(&form.password) {
        let mut errors = FieldErrors::default();
        errors.add("password", weakness_key(weakness));
        let csrf = csrf::form_value(&csrf_token)?;
        let action = format!("/admin/invite/{token}");
        return render_credentials(
            csrf_token,
            StatusCode::UNPROCESSABLE_ENTITY,
            invite_view(lang, &action, &errors, &csrf),
        );
    }
    let organizer_id = link.organizer_id.ok_or(AppError::NotFound)?;
    let hash = state.passwords.hash(form.password.clone()).await?;
    let session = app::onboarding::accept_invitation(
        &state.app,
        &link,
        organizer_id,
        hash,
        state.settings.staff_session_lifetime(),
        now,
    )
    .await?;
    let jar = jar.add(session_cookie(&state, session.as_str().to_owned()));
    Ok((jar, Redirect::to("/admin")).into_response())
}
