//! Events for citizens: the list, an event, registration with an emailed confirmation, the
//! registration page (status, calendar file, cancel). The handlers parse, call the use cases of
//! `app::registration` (which take the seat, queue the email and keep every link alive) and
//! render.

use crate::security::csrf::ButtonForm;

use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::{CookieJar, Form};
use chrono::Utc;
use domain::{
    Language,
    entities::{event, registration},
    events::{self, Accommodations, Format, RegistrationRequest, SignLanguage, UpcomingFilter},
};
use mailer::calendar;
use serde::Deserialize;

use super::fields;
use crate::{
    error::AppError,
    lang::Lang,
    security::{csrf, form_guard::Verdict},
    session::current_member,
    state::AppState,
    views::{
        self,
        events::{EventPage, ListPage, RegisterValues, RegistrationPage},
        form::FieldErrors,
    },
};

const FORM_NAME: &str = "event-register";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    chapter: String,
    format: String,
}

pub async fn list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let chapters = state.chapters.get(&state.db).await?;
    let chapter_id = match q.chapter.as_str() {
        "" => None,
        slug => Some(
            chapters
                .iter()
                .find(|c| c.slug == slug)
                .ok_or(AppError::NotFound)?
                .id,
        ),
    };
    let format = match q.format.as_str() {
        "" => None,
        f => Some(Format::parse(f).ok_or(AppError::BadRequest)?),
    };
    let upcoming = state
        .upcoming
        .get(
            &state.db,
            &UpcomingFilter { chapter_id, format },
            Utc::now(),
        )
        .await?;
    Ok(views::events::list(&ListPage {
        lang,
        brand: &state.brand,
        events: &upcoming,
        chapters: &chapters,
        chapter: &q.chapter,
        format: &q.format,
    })
    .into_response())
}

/// A published event; drafts are not found.
async fn published(state: &AppState, slug: &str) -> Result<event::Model, AppError> {
    events::find_by_slug(state.db.reader(), slug)
        .await?
        .filter(|e| e.status != events::EventStatus::Draft)
        .ok_or(AppError::NotFound)
}

fn render_event(
    state: &AppState,
    lang: Language,
    event: &event::Model,
    csrf_token: &CsrfToken,
    values: &RegisterValues,
    errors: &FieldErrors,
    member: Option<&domain::entities::member::Model>,
) -> Result<maud::Markup, AppError> {
    let csrf = csrf::form_value(csrf_token)?;
    let stamp = state.guard.stamp(FORM_NAME, Utc::now());
    Ok(views::events::detail(&EventPage {
        member,
        lang,
        brand: &state.brand,
        event,
        refusal: events::refusal(event, Utc::now()),
        values,
        errors,
        csrf: &csrf,
        stamp: &stamp,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    csrf_token: CsrfToken,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let event = published(&state, &slug).await?;
    let member = current_member(&state, &jar).await?;
    let page = render_event(
        &state,
        lang,
        &event,
        &csrf_token,
        &RegisterValues::default(),
        &FieldErrors::default(),
        member.as_ref(),
    )?;
    Ok((csrf_token, page).into_response())
}

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
    other: String,
}

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
            other: self.other.clone(),
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
            other: self.other.clone(),
        };
        if accommodations.check().is_err() {
            errors.add("other", "error-accommodations-too-long");
        }
        (!accommodations.is_empty()).then_some(accommodations)
    }
}

pub async fn register(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    csrf_token: CsrfToken,
    Form(form): Form<RegisterForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let now = Utc::now();
    let event = published(&state, &slug).await?;
    let sent = Redirect::to(&format!("/{}/events/{slug}/registered", lang.code())).into_response();
    match state
        .guard
        .check(FORM_NAME, &form.form_ts, &form.website, now)
    {
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
            )?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
        }
        Verdict::Person => {}
    }
    let mut errors = FieldErrors::default();
    let full_name = fields::name(&form.full_name, &mut errors);
    let email = fields::reachable_email(
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
            &errors.in_order(&fields::ORDER),
            None,
        )?;
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
        views::pages::link_unknown(lang, &state.brand, &path),
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
    let full = registration.status == events::RegistrationStatus::Pending
        && event.is_full()
        && !event.waitlist_enabled;
    let page = views::events::registration(&RegistrationPage {
        lang,
        brand: &state.brand,
        event: &event,
        registration: &registration,
        token: &token,
        full,
        csrf: &csrf,
    });
    Ok((csrf_token, page).into_response())
}

/// The button of a pending registration: a seat, or a place on the waitlist, atomically.
pub async fn confirm(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
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
    csrf_token: CsrfToken,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
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
    let file = app::registration::calendar_file(&state.brand, &event, &registration, &token);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.filename),
            ),
        ],
        file.content,
    )
        .into_response())
}

/// Upcoming published events as a calendar feed.
pub async fn feed(State(state): State<AppState>, Lang(lang): Lang) -> Result<Response, AppError> {
    let upcoming = state
        .upcoming
        .get(&state.db, &UpcomingFilter::default(), Utc::now())
        .await?;
    let host = state
        .settings
        .base_url
        .host_str()
        .unwrap_or("reseau")
        .to_owned();
    let body = calendar::feed(&upcoming, lang, &state.settings.base(), &host);
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response())
}

/// One event's public fields, for `/api/v1/events`. The online link is for confirmed
/// registrants only, so it is not here.
#[derive(serde::Serialize)]
struct PublicEvent {
    slug: String,
    chapter: String,
    title: PublicTexts,
    description: PublicTexts,
    format: String,
    venue: Option<String>,
    address: Option<String>,
    starts_at: chrono::DateTime<Utc>,
    ends_at: chrono::DateTime<Utc>,
    time_zone: String,
    capacity: Option<i32>,
    seats_left: Option<u32>,
    waitlist_enabled: bool,
    url: String,
}

#[derive(serde::Serialize)]
struct PublicTexts {
    en: String,
    fr: String,
    es: String,
}

pub async fn api_list(State(state): State<AppState>) -> Result<Response, AppError> {
    let chapters = state.chapters.get(&state.db).await?;
    let upcoming = state
        .upcoming
        .get(&state.db, &UpcomingFilter::default(), Utc::now())
        .await?;
    let list: Vec<PublicEvent> = upcoming
        .iter()
        .map(|e| PublicEvent {
            slug: e.slug.clone(),
            chapter: chapters
                .iter()
                .find(|c| c.id == e.chapter_id)
                .map(|c| c.slug.clone())
                .unwrap_or_default(),
            title: PublicTexts {
                en: e.title_en.clone(),
                fr: e.title_fr.clone(),
                es: e.title(Language::Es).to_owned(),
            },
            description: PublicTexts {
                en: e.description_en.clone(),
                fr: e.description_fr.clone(),
                es: e.description(Language::Es).to_owned(),
            },
            format: e.format.as_str().to_owned(),
            venue: e.venue.clone(),
            address: e.address.clone(),
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            time_zone: e.time_zone.clone(),
            capacity: e.capacity,
            seats_left: e.seats_left(),
            waitlist_enabled: e.waitlist_enabled,
            url: state.brand.link(&format!("/en/events/{}", e.slug)),
        })
        .collect();
    Ok(axum::Json(list).into_response())
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
    other: String,
}

/// A signed-in member registers in one click: their address is known to be theirs, so the
/// seat (or a waitlist place) is taken at once and the email confirms it.
pub async fn register_member(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    csrf_token: CsrfToken,
    crate::session::SignedIn { member }: crate::session::SignedIn,
    Form(form): Form<MemberRegisterForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let now = Utc::now();
    let event = published(&state, &slug).await?;
    let needs = RegisterForm {
        sign_language: form.sign_language,
        captions: form.captions,
        interpretation: form.interpretation,
        mobility: form.mobility,
        dietary: form.dietary,
        other: form.other,
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
        )?;
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
