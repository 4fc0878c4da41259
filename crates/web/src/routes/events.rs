//! Events for citizens: the list, an event, registration with an emailed confirmation, the
//! registration page (status, calendar file, cancel). Seats are taken by the domain's one
//! conditional UPDATE, inside the request's write transaction, with the email beside it.

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
    events::{
        self, Accommodations, CancelOutcome, ConfirmOutcome, Format, RegistrationRequest,
        RequestOutcome, SignLanguage, UpcomingFilter,
    },
    outbox::{self, Attachment, NewEmail},
};
use mailer::{calendar, compose::events::EventMail};
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
        .filter(|e| e.status != "draft")
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
    let email = fields::email(&form.email, &mut errors);
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
    let txn = state.db.begin_write().await?;
    let queued = match events::request_registration(&txn, &event, request, now).await? {
        RequestOutcome::Pending {
            registration,
            token,
        } => {
            let mail = event_mail(&state, &event, &registration, token.as_str());
            let composed = mailer::compose::events::request(&state.brand, &mail);
            outbox::enqueue(
                &txn,
                email_for(&registration, "event-request", composed, None),
                now,
            )
            .await?;
            true
        }
        // Already holding a seat or a place: a fresh link to their page, by email only, so the
        // answer on screen says nothing about who is registered.
        RequestOutcome::AlreadyRegistered(registration) => {
            let token = events::renew_token(&txn, registration.id)
                .await?
                .ok_or(AppError::Internal("registration vanished".into()))?;
            let mail = event_mail(&state, &event, &registration, token.as_str());
            let composed = if registration.status == "waitlisted" {
                mailer::compose::events::waitlisted(
                    &state.brand,
                    &mail,
                    registration.waitlist_position.unwrap_or_default(),
                )
            } else {
                mailer::compose::events::confirmed(&state.brand, &mail)
            };
            outbox::enqueue(
                &txn,
                email_for(
                    &registration,
                    "event-reminder-of-registration",
                    composed,
                    None,
                ),
                now,
            )
            .await?;
            true
        }
        RequestOutcome::Refused(_) => false,
    };
    txn.commit().await?;
    if queued {
        state.mail_waker.notify_one();
    }
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

fn page_url(state: &AppState, registration: &registration::Model, token: &str) -> String {
    let lang = registration.language.parse().unwrap_or(Language::En);
    state
        .brand
        .link(&format!("/{}/registrations/{token}", lang.code()))
}

fn event_mail(
    state: &AppState,
    event: &event::Model,
    registration: &registration::Model,
    token: &str,
) -> EventMail {
    let lang = registration.language.parse().unwrap_or(Language::En);
    EventMail {
        lang,
        name: registration.full_name.clone(),
        title: event.title(lang).to_owned(),
        when: calendar::when(event),
        page_url: page_url(state, registration, token),
        // The join link goes to confirmed registrants only.
        online_link: (registration.status == "confirmed")
            .then(|| event.online_link.clone())
            .flatten(),
    }
}

fn email_for(
    registration: &registration::Model,
    kind: &'static str,
    mail: mailer::Composed,
    attachment: Option<Attachment>,
) -> NewEmail {
    NewEmail {
        kind,
        recipient: registration.email.clone(),
        language: registration.language.parse().unwrap_or(Language::En),
        member_id: registration.member_id,
        subject: mail.subject,
        body_text: mail.text,
        body_html: mail.html,
        headers: mail.headers,
        attachment,
    }
}

/// The calendar file attached to a seat's email.
fn calendar_file(
    state: &AppState,
    event: &event::Model,
    registration: &registration::Model,
    token: &str,
) -> Attachment {
    let lang = registration.language.parse().unwrap_or(Language::En);
    let host = state
        .settings
        .base_url
        .host_str()
        .unwrap_or("reseau")
        .to_owned();
    Attachment {
        filename: format!("{}.ics", event.slug),
        content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
        content: calendar::ics(event, lang, &page_url(state, registration, token), &host),
    }
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
    let full = registration.status == "pending" && event.is_full() && !event.waitlist_enabled;
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
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    // The event comes back as read under its lock, so that nothing is read again while the
    // lock holds every other confirmation of this event waiting.
    let (outcome, event) = events::confirm_registration_of_event(&txn, &token, now).await?;
    let email = match (&outcome, event) {
        (ConfirmOutcome::Confirmed(registration), Some(event)) => {
            let mail = mailer::compose::events::confirmed(
                &state.brand,
                &event_mail(&state, &event, registration, &token),
            );
            let file = calendar_file(&state, &event, registration, &token);
            Some(email_for(registration, "event-confirmed", mail, Some(file)))
        }
        (ConfirmOutcome::Waitlisted(registration), Some(event)) => {
            let position = registration.waitlist_position.unwrap_or_default();
            let mail = mailer::compose::events::waitlisted(
                &state.brand,
                &event_mail(&state, &event, registration, &token),
                position,
            );
            Some(email_for(registration, "event-waitlisted", mail, None))
        }
        _ => None,
    };
    let queued = email.is_some();
    if let Some(email) = email {
        outbox::enqueue(&txn, email, now).await?;
    }
    txn.commit().await?;
    if queued {
        state.mail_waker.notify_one();
    }
    if matches!(outcome, ConfirmOutcome::Unknown) {
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
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    let Some(registration) = events::find_by_token(&txn, &token).await? else {
        txn.rollback().await?;
        return Ok(unknown_link(&state, lang, &token));
    };
    let event = events::find(&txn, registration.event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(registration) = cancel_and_promote(&state, &txn, &event, &registration, now).await?
    {
        let mail = mailer::compose::events::cancelled(
            &state.brand,
            &event_mail(&state, &event, &registration, &token),
        );
        outbox::enqueue(
            &txn,
            email_for(&registration, "event-cancelled", mail, None),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    state.mail_waker.notify_one();
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
    let file = calendar_file(&state, &event, &registration, &token);
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

/// Cancels a registration and, if that freed a seat for someone on the waitlist, emails them
/// their seat with a fresh link and the calendar file. Returns the cancelled registration
/// (`None` if it was cancelled already).
pub(crate) async fn cancel_and_promote(
    state: &AppState,
    txn: &impl sea_orm::ConnectionTrait,
    event: &event::Model,
    registration: &registration::Model,
    now: chrono::DateTime<Utc>,
) -> Result<Option<registration::Model>, AppError> {
    let CancelOutcome::Cancelled {
        registration,
        promoted,
        ..
    } = events::cancel_registration(txn, registration, now).await?
    else {
        return Ok(None);
    };
    if let Some(promoted) = promoted {
        promote_mail(state, txn, event, &promoted, now).await?;
    }
    Ok(Some(registration))
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
            format: e.format.clone(),
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

/// Emails a registration that has just been promoted: a fresh link (the old one stops
/// working) and the calendar file.
pub(crate) async fn promote_mail(
    state: &AppState,
    txn: &impl sea_orm::ConnectionTrait,
    event: &event::Model,
    promoted: &registration::Model,
    now: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    let fresh = events::renew_token(txn, promoted.id)
        .await?
        .ok_or(AppError::Internal("registration vanished".into()))?;
    let mail = mailer::compose::events::promoted(
        &state.brand,
        &event_mail(state, event, promoted, fresh.as_str()),
    );
    let file = calendar_file(state, event, promoted, fresh.as_str());
    outbox::enqueue(
        txn,
        email_for(promoted, "event-promoted", mail, Some(file)),
        now,
    )
    .await?;
    Ok(())
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
    let txn = state.db.begin_write().await?;
    let direct =
        events::register_member_directly(&txn, &event, &member, accommodations, now).await?;
    let email = match (&direct.outcome, &direct.token) {
        (ConfirmOutcome::Confirmed(r), Some(token)) => {
            let mail = mailer::compose::events::confirmed(
                &state.brand,
                &event_mail(&state, &event, r, token.as_str()),
            );
            Some(email_for(
                r,
                "event-confirmed",
                mail,
                Some(calendar_file(&state, &event, r, token.as_str())),
            ))
        }
        (ConfirmOutcome::Waitlisted(r), Some(token)) => {
            let position = r.waitlist_position.unwrap_or_default();
            let mail = mailer::compose::events::waitlisted(
                &state.brand,
                &event_mail(&state, &event, r, token.as_str()),
                position,
            );
            Some(email_for(r, "event-waitlisted", mail, None))
        }
        _ => None,
    };
    if let Some(email) = email {
        outbox::enqueue(&txn, email, now).await?;
    }
    txn.commit().await?;
    state.mail_waker.notify_one();
    Ok(match direct.token {
        Some(token) => Redirect::to(&format!(
            "/{}/registrations/{}",
            lang.code(),
            token.as_str()
        )),
        None => Redirect::to(&format!("/{}/account", lang.code())),
    }
    .into_response())
}
