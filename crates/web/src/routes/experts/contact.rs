//! The contact relay's doors: the form on a profile, the pages that follow it, the sender's
//! confirmation link and the expert's report link (each a page with one button; the POST
//! acts).

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};
use domain::{
    Language,
    entities::expert_profile,
    experts::{MESSAGE_MAX_CHARS, MessageLink, Refusal, SUBJECT_MAX_CHARS},
    text,
};
use mailer::i18n::t;
use serde::Deserialize;

use super::{ClientIp, directory, sender_cookie_name};
use crate::{
    error::AppError,
    form_fields,
    lang::Lang,
    security::{
        checked_form::{CheckedForm, GuardedForm, carries_stamp},
        csrf::{self, ButtonForm},
        form_guard::Verdict,
    },
    session,
    state::AppState,
    views::{
        experts::{directory::ContactValues, messages as view},
        form::FieldErrors,
    },
};

pub const FORM_NAME: &str = "expert-contact";

/// The contact form's fields in the order of the form.
const ORDER: [&str; 4] = ["full_name", "email", "subject", "message"];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactForm {
    csrf_token: String,
    form_ts: String,
    website: String,
    full_name: String,
    email: String,
    subject: String,
    message: String,
    allow_reply: Option<String>,
}

carries_stamp!(ContactForm, FORM_NAME);

impl ContactForm {
    fn values(&self) -> ContactValues {
        ContactValues {
            full_name: self.full_name.clone(),
            email: self.email.clone(),
            subject: self.subject.clone(),
            message: self.message.clone(),
            allow_reply: self.allow_reply.is_some(),
        }
    }
}

/// The name a sender could read on the profile.
fn shown_name(lang: Language, profile: &expert_profile::Model) -> String {
    if profile.public_name {
        profile.display_name.clone()
    } else {
        t(lang, "expert-name-hidden")
    }
}

pub async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    jar: CookieJar,
    ClientIp(client): ClientIp,
    GuardedForm {
        csrf: csrf_token,
        form,
        verdict,
    }: GuardedForm<ContactForm>,
) -> Result<Response, AppError> {
    let profile = directory::listed(&state, &slug).await?;
    let to = |page: &str| {
        Redirect::to(&format!("/{}/experts/{slug}/{page}", lang.code())).into_response()
    };
    let member = session::current_member(&state, &jar).await?;
    let signed_in = member.is_some();
    let again = |errors: FieldErrors, status: StatusCode| {
        let state = state.clone();
        let csrf_token = csrf_token.clone();
        let values = form.values();
        let profile = profile.clone();
        let member = signed_in;
        async move {
            let page = directory::render(
                &state,
                lang,
                &profile,
                member,
                &csrf_token,
                &values,
                &errors,
            )
            .await?;
            Ok::<_, AppError>((status, csrf_token, page).into_response())
        }
    };
    match verdict {
        // The answer a person would get, so a bot learns nothing.
        Verdict::Bot => {
            tracing::info!("expert contact form dropped as automated");
            return Ok(to("check-email"));
        }
        Verdict::Expired => {
            let mut errors = FieldErrors::default();
            errors.add("email", "error-form-expired");
            return again(errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Verdict::Person => {}
    }

    let mut errors = FieldErrors::default();
    let name = form_fields::name(&form.full_name, &mut errors);
    let email = form_fields::reachable_email(
        &form.email,
        state.settings.mail.address_policy(),
        &mut errors,
    );
    let subject = form
        .subject
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if subject.is_empty() {
        errors.add("subject", "expert-error-subject-empty");
    } else if subject.chars().count() > SUBJECT_MAX_CHARS {
        errors.add("subject", "expert-error-subject-too-long");
    } else if text::check_line(&subject).is_err() {
        errors.add("subject", "expert-error-text-hidden");
    }
    let body = form.message.trim().replace("\r\n", "\n");
    if body.is_empty() {
        errors.add("message", "expert-error-message-empty");
    } else if body.chars().count() > MESSAGE_MAX_CHARS {
        errors.add("message", "expert-error-message-too-long");
    } else if text::check_multiline(&body).is_err() {
        errors.add("message", "expert-error-text-hidden");
    }
    let errors = errors.in_order(&ORDER);
    let (Some(sender_name), Some(sender_email), true) = (name, email, errors.is_empty()) else {
        return again(errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    };

    let sent = app::experts::contact::send(
        &state.app,
        &profile,
        app::experts::contact::Contact {
            sender_name,
            sender_email,
            subject,
            body,
            allow_reply: form.allow_reply.is_some(),
            language: lang,
            client,
            proof: jar
                .get(sender_cookie_name(&state))
                .map(|c| c.value().to_owned()),
            member,
        },
    )
    .await?;
    use app::experts::contact::Sent;
    Ok(match sent {
        Sent::CheckEmail => to("check-email"),
        Sent::OnItsWay => to("sent"),
        Sent::Refused(refusal) => {
            let mut errors = FieldErrors::default();
            let (field, key) = refusal_message(refusal);
            errors.add(field, key);
            let status = if refusal == Refusal::Unavailable {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::TOO_MANY_REQUESTS
            };
            return again(errors, status).await;
        }
    })
}

/// Where a refusal is said on the form, and how.
fn refusal_message(refusal: Refusal) -> (&'static str, &'static str) {
    match refusal {
        Refusal::SenderLimit => ("email", "expert-error-sender-limit"),
        Refusal::IpLimit => ("message", "expert-error-ip-limit"),
        Refusal::ExpertLimit => ("message", "expert-error-expert-limit"),
        // A blocked sender is never told; the caller answers as for a message that went.
        Refusal::Unavailable | Refusal::Blocked => ("message", "expert-error-unavailable"),
    }
}

pub async fn check_email(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let profile = directory::listed(&state, &slug).await?;
    let name = shown_name(lang, &profile);
    Ok(view::check_email(lang, &state.brand, &slug, &name).into_response())
}

pub async fn sent(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let profile = directory::listed(&state, &slug).await?;
    let name = shown_name(lang, &profile);
    Ok(view::sent(lang, &state.brand, &slug, &name).into_response())
}

fn dead_link<T>(state: &AppState, lang: Language, path: &str, link: &MessageLink<T>) -> Response {
    let (status, key) = match link {
        MessageLink::Expired => (StatusCode::GONE, "expert-link-expired-title"),
        MessageLink::Used => (StatusCode::GONE, "expert-link-used-title"),
        MessageLink::Unknown | MessageLink::Valid(_) => {
            (StatusCode::NOT_FOUND, "expert-link-unknown-title")
        }
    };
    (status, view::dead_link(lang, &state.brand, path, key)).into_response()
}

pub async fn show_link(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let path = format!("/experts/messages/{token}");
    Ok(
        match app::experts::contact::check_link(&state.app, &token).await? {
            MessageLink::Valid(expert) => {
                let csrf = csrf::form_value(&csrf_token)?;
                let name = shown_name(lang, &expert);
                let page = view::confirm(lang, &state.brand, &token, &name, &csrf);
                (csrf_token, page).into_response()
            }
            other => dead_link(&state, lang, &path, &other),
        },
    )
}

pub async fn confirm(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    jar: CookieJar,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    use app::experts::contact::Confirmed;
    let path = format!("/experts/messages/{token}");
    let remember = |proof: String| {
        jar.clone().add(
            Cookie::build((sender_cookie_name(&state), proof))
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(state.settings.is_https())
                .max_age(time::Duration::days(180))
                .build(),
        )
    };
    Ok(
        match app::experts::contact::confirm(&state.app, &token).await? {
            Confirmed::OnItsWay { expert, proof } => (
                remember(proof),
                Redirect::to(&format!("/{}/experts/{}/sent", lang.code(), expert.slug)),
            )
                .into_response(),
            Confirmed::Refused { refusal, proof, .. } => {
                let (_, key) = refusal_message(refusal);
                let status = if refusal == Refusal::Unavailable {
                    StatusCode::OK
                } else {
                    StatusCode::TOO_MANY_REQUESTS
                };
                (
                    status,
                    remember(proof),
                    view::not_sent(lang, &state.brand, &path, key),
                )
                    .into_response()
            }
            Confirmed::Link(link) => dead_link(&state, lang, &path, &link),
        },
    )
}

pub async fn show_report(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let path = format!("/experts/reports/{token}");
    Ok(
        match app::experts::contact::check_report(&state.app, &token).await? {
            MessageLink::Valid(()) => {
                let csrf = csrf::form_value(&csrf_token)?;
                let page = view::report(lang, &state.brand, &token, &csrf);
                (csrf_token, page).into_response()
            }
            other => dead_link(&state, lang, &path, &other),
        },
    )
}

pub async fn report(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let path = format!("/experts/reports/{token}");
    Ok(
        match app::experts::contact::report(&state.app, &token, lang).await? {
            MessageLink::Valid(()) => view::reported(lang, &state.brand, &token).into_response(),
            other => dead_link(&state, lang, &path, &other),
        },
    )
}
