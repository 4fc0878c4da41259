//! Registering for an event (with an emailed confirmation, or in one click when signed in)
//! and a registration's own page (status, calendar file, confirm, cancel). The handlers
//! parse, call the use cases of `app::registration` (which take the seat, queue the email and
//! keep every link alive) and render.

use axum::{
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{
    Language,
    entities::{event, registration},
    events::{self, Accommodations, RegistrationRequest, SignLanguage},
};
use serde::Deserialize;

use super::events::{published, render_event};
use crate::{
    error::AppError,
    form_fields,
    lang::Lang,
    security::{
        checked_form::{CheckedForm, GuardedForm, carries_csrf, carries_stamp},
        csrf::{self, ButtonForm},
        form_guard::Verdict,
    },
    state::AppState,
    views::{
        self,
        events::{RegisterValues, RegistrationPage},
        form::FieldErrors,
    },
};

/// The name the registration form's stamp is signed for.
pub(super) const FORM_NAME: &str = "event-register";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    csrf_token: String,
    form_ts: String,
    website: String,
    full_name: String,
    email: String,
    sign_language: String,
    captions: Option<String>,
    interpretation: Vec<String>,
    mobility: Option<String>,
    dietary: String,
    accessibility_needs: String,
}

carries_stamp!(RegisterForm, FORM_NAME);

impl RegisterForm {
    fn values(&self) -> RegisterValues {
        RegisterValues {
            full_name: self.full_name.clone(),
            email: self.email.clone(),
            sign_language: self.sign_language.clone(),
            captions: self.captions.is_some(),
            interpretation: self.interpretation.clone(),
            mobility: self.mobility.is_some(),
            dietary: self.dietary.clone(),
            accessibility_needs: self.accessibility_needs.clone(),
        }
    }

    fn accommodations(&self, errors: &mut FieldErrors) -> Option<Accommodations> {
        let sign_language = match self.sign_language.as_str() {
            "" | "none" => SignLanguage::None,
            "asl" => SignLanguage::Asl,
            "lsq" => SignLanguage::Lsq,
            _ => {
                errors.add("sign_language", "error-bad-request");
                SignLanguage::None
            }
        };
        let interpretation: Vec<Language> = self
            .interpretation
            .iter()
            .filter_map(|l| l.parse().ok())
            .collect();
        let accommodations = Accommodations {
            sign_language,
            captions: self.captions.is_some(),
            interpretation,
            mobility: self.mobility.is_some(),
            dietary: self.dietary.clone(),
            other: self.accessibility_needs.clone(),
        };
        if accommodations.check().is_err() {
            errors.add("accessibility_needs", "error-accommodations-too-long");
        }
        (!accommodations.is_empty()).then_some(accommodations)
    }
}

pub async fn register(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    GuardedForm {
        csrf: csrf_token,
        form,
        verdict,
    }: GuardedForm<RegisterForm>,
) -> Result<Response, AppError> {
    let now = Utc::now();
    // An unknown event is not found before anything else is said.
    let event = published(&state, &slug).await?;
    let sent = Redirect::to(&format!("/{}/events/{slug}/registered", lang.code())).into_response();
    match verdict {
        Verdict::Bot => return Ok(sent),
        Verdict::Expired => {
            let mut errors = FieldErrors::default();
            errors.add("email", "error-form-expired");
            let page = render_event(
                &state,
                lang,
                &event,
                &csrf_token,
                &form.values(),
                &errors,
                None,
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
        }
        Verdict::Person => {}
    }
    let mut errors = FieldErrors::default();
    let full_name = form_fields::name(&form.full_name, &mut errors);
    let email = form_fields::reachable_email(
        &form.email,
        state.settings.mail.address_policy(),
        &mut errors,
    );
    let accommodations = form.accommodations(&mut errors);
    let (Some(full_name), Some(email), true) = (full_name, email, errors.is_empty()) else {
        let page = render_event(
            &state,
            lang,
            &event,
            &csrf_token,
            &form.values(),
            &errors.in_order(&form_fields::ORDER),
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    let request = RegistrationRequest {
        email,
        full_name,
        language: lang,
        member_id: None,
        accommodations,
    };
    // The answer is the same whatever the request caused (a link mailed, a reminder, nothing
    // over the per-address limit), so that it tells nothing about who is registered.
    app::registration::request(&state.app, &event, request, now).await?;
    Ok(sent)
}

pub async fn registered(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    // Only for an event that is there: the page must not echo any text put in its address.
    let event = published(&state, &slug).await?;
    Ok(views::events::registration_sent(lang, &state.brand, &event.slug).into_response())
}

async fn by_token(
    state: &AppState,
    token: &str,
) -> Result<Option<(registration::Model, event::Model)>, AppError> {
    let Some(registration) = events::find_by_token(state.db.reader(), token).await? else {
        return Ok(None);
    };
    let event = events::find(state.db.reader(), registration.event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Some((registration, event)))
}

fn unknown_link(state: &AppState, lang: Language, token: &str) -> Response {
    let path = format!("/registrations/{token}");
    (
        StatusCode::NOT_FOUND,
        views::message::link_unknown(lang, &state.brand, &path),
    )
        .into_response()
}

pub async fn registration_page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let Some((registration, event)) = by_token(&state, &token).await? else {
        return Ok(unknown_link(&state, lang, &token));
    };
    let csrf = csrf::form_value(&csrf_token)?;
    let page =
        render_registration(&state, lang, &token, &registration, &event, &csrf, None).await?;
    Ok((csrf_token, page).into_response())
}

/// A registration's page; with the summit's sessions to choose from when it holds a seat in
/// an event that has a programme (`problem`: a refused choice, in words).
pub(super) async fn render_registration(
    state: &AppState,
    lang: Language,
    token: &str,
    registration: &registration::Model,
    event: &event::Model,
    csrf: &str,
    problem: Option<&str>,
) -> Result<maud::Markup, AppError> {
    let full = registration.status == events::RegistrationStatus::Pending
        && event.is_full()
        && !event.waitlist_enabled;
    let mut sessions = None;
    if registration.status == events::RegistrationStatus::Confirmed {
        let programme = domain::summit::programme(state.db.reader(), event.id).await?;
        if !programme.is_empty() {
            let choices: Vec<_> = domain::summit::choices_of(state.db.reader(), registration.id)
                .await?
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            let experts = super::summit::speaker_profiles(state, &programme).await?;
            let base = format!("/{}/registrations/{token}", lang.code());
            let agenda = format!("{base}/agenda.ics");
            sessions = Some(views::summit::sessions_part(&views::summit::SessionsPart {
                lang,
                event,
                sessions: &programme,
                choices: &choices,
                base: &base,
                csrf,
                problem,
                experts: &experts,
                agenda: Some(&agenda),
            }));
        }
    }
    Ok(views::events::registration(&RegistrationPage {
        lang,
        brand: &state.brand,
        event,
        registration,
        token,
        full,
        csrf,
        sessions,
    }))
}

/// The button of a pending registration: a seat, or a place on the waitlist, atomically.
pub async fn confirm(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    if app::registration::confirm(&state.app, &token, Utc::now())
        .await?
        .is_none()
    {
        return Ok(unknown_link(&state, lang, &token));
    }
    Ok(Redirect::to(&format!("/{}/registrations/{token}", lang.code())).into_response())
}

/// Cancelling frees the seat for the first on the waitlist, in the same transaction, and
/// tells them.
pub async fn cancel(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    if !app::registration::cancel(&state.app, &token, Utc::now()).await? {
        return Ok(unknown_link(&state, lang, &token));
    }
    Ok(Redirect::to(&format!("/{}/registrations/{token}", lang.code())).into_response())
}

pub async fn calendar_download(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let Some((registration, event)) = by_token(&state, &token).await? else {
        return Ok(unknown_link(&state, lang, &token));
    };
    let Some(file) =
        app::registration::downloadable_calendar(&state.brand, &event, &registration, &token)
    else {
        return Err(AppError::NotFound);
    };
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.filename),
            ),
        ],
        file.content,
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MemberRegisterForm {
    csrf_token: String,
    sign_language: String,
    captions: Option<String>,
    interpretation: Vec<String>,
    mobility: Option<String>,
    dietary: String,
    accessibility_needs: String,
}

carries_csrf!(MemberRegisterForm);

/// A signed-in member registers in one click: their address is known to be theirs, so the
/// seat (or a waitlist place) is taken at once and the email confirms it.
pub async fn register_member(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    crate::session::SignedIn { member }: crate::session::SignedIn,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<MemberRegisterForm>,
) -> Result<Response, AppError> {
    let now = Utc::now();
    let event = published(&state, &slug).await?;
    let needs = RegisterForm {
        sign_language: form.sign_language,
        captions: form.captions,
        interpretation: form.interpretation,
        mobility: form.mobility,
        dietary: form.dietary,
        accessibility_needs: form.accessibility_needs,
        ..Default::default()
    };
    let mut errors = FieldErrors::default();
    let accommodations = needs.accommodations(&mut errors);
    if !errors.is_empty() {
        let page = render_event(
            &state,
            lang,
            &event,
            &csrf_token,
            &needs.values(),
            &errors,
            Some(&member),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    }
    let token =
        app::registration::register_member(&state.app, &event, &member, accommodations, now)
            .await?;
    Ok(match token {
        Some(token) => Redirect::to(&format!(
            "/{}/registrations/{}",
            lang.code(),
            token.as_str()
        )),
        None => Redirect::to(&format!("/{}/account", lang.code())),
    }
    .into_response())
}
