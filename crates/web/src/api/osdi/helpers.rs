//! The OSDI helpers that write, with a read-write key. Neither makes a member nor takes a
//! seat: the sign-up helper starts the join form's double opt-in, the record-attendance
//! helper the event form's registration, and both answer 202 the same whoever the person is
//! (the answer says nothing of whether an address is known).

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use domain::{
    FullName, Language, api_keys::Caller, entities::chapter, events::RegistrationRequest,
    membership::JoinRequest,
};
use mailer::i18n::t;

use super::resources::{Accepted, AttendanceInput, PersonInput, SignupInput};
use crate::{
    api::{
        auth::ApiCaller,
        hal::{Hal, JsonBody},
        problem::{Problem, ProblemDetails},
    },
    form_fields::{self, ProfileInput},
    state::AppState,
    views::form::FieldErrors,
};
use app::api_keys::WriteRefused;

/// The largest consent evidence kept.
const MAX_EVIDENCE_BYTES: usize = 4096;

/// Where each form field is in an OSDI person, for the messages of a 422.
fn osdi_path(field: &str) -> &'static str {
    match field {
        "full_name" => "person.given_name",
        "email" => "person.email_addresses",
        "chapter" => "person.custom_fields.chapter",
        "region" => "person.postal_addresses",
        "interests" => "person.custom_fields.interests",
        "language" => "person.languages_spoken",
        _ => "person",
    }
}

fn unprocessable(errors: &FieldErrors) -> Problem {
    let details: serde_json::Map<String, serde_json::Value> = errors
        .iter()
        .map(|(field, key)| (osdi_path(field).to_owned(), t(Language::En, key).into()))
        .collect();
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "Some fields of the person are missing or wrong.",
    )
    .with_errors(details.into())
}

fn refused(e: WriteRefused) -> Problem {
    match e {
        WriteRefused::ReadOnly => Problem::forbidden("This key may only read."),
        WriteRefused::OutOfScope => Problem::forbidden("This key may not act on that chapter."),
        WriteRefused::Domain(e) => e.into(),
    }
}

fn needs_write(caller: &Caller) -> Result<(), Problem> {
    if caller.key.can_write {
        Ok(())
    } else {
        Err(refused(WriteRefused::ReadOnly))
    }
}

fn full_name(person: &PersonInput, errors: &mut FieldErrors) -> Option<FullName> {
    let name = format!("{} {}", person.given_name.trim(), person.family_name.trim());
    form_fields::name(name.trim(), errors)
}

fn address(
    state: &AppState,
    person: &PersonInput,
    errors: &mut FieldErrors,
) -> Option<domain::EmailAddress> {
    let raw = person
        .email_addresses
        .iter()
        .map(|e| e.address.trim())
        .find(|a| !a.is_empty())
        .unwrap_or_default();
    form_fields::reachable_email(raw, state.settings.mail.address_policy(), errors)
}

/// The first language spoken that Réseau writes in, else English.
fn language(person: &PersonInput) -> Language {
    person
        .languages_spoken
        .iter()
        .find_map(|code| code.trim().to_ascii_lowercase().parse().ok())
        .unwrap_or(Language::En)
}

/// The chapter a sign-up joins: the one named, or the key's only one.
fn chapter_of<'a>(
    caller: &Caller,
    person: &PersonInput,
    chapters: &'a [chapter::Model],
) -> Result<&'a chapter::Model, Problem> {
    let named = person
        .custom_fields
        .get("chapter")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    let chapter = match named {
        Some(slug) => chapters.iter().find(|c| c.slug == slug).ok_or_else(|| {
            let mut errors = FieldErrors::default();
            errors.add("chapter", "error-chapter-invalid");
            unprocessable(&errors)
        })?,
        None => match caller.chapter_ids.as_slice() {
            [only] => chapters
                .iter()
                .find(|c| c.id == *only)
                .ok_or_else(Problem::not_found)?,
            _ => {
                return Err(Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "This key sees several chapters: name one in person.custom_fields.chapter.",
                ));
            }
        },
    };
    if !caller.sees(chapter.id) {
        return Err(refused(WriteRefused::OutOfScope));
    }
    Ok(chapter)
}

#[utoipa::path(
    post,
    path = "/api/osdi/v1/people/person_signup_helper",
    operation_id = "personSignupHelper",
    tag = "osdi",
    request_body(content = SignupInput, content_type = "application/json"),
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 202, description = "Taken: the person is emailed a link to confirm (nothing is recorded as consent until they do)", body = Accepted, content_type = "application/hal+json"),
        (status = 401, description = "No valid API key", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 403, description = "A read-only key, or a chapter outside the key's", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Missing or wrong fields", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn signup(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    JsonBody(body): JsonBody<SignupInput>,
) -> Result<Response, Problem> {
    needs_write(&caller)?;
    let chapters = state.chapters.get(&state.db).await?;
    let chapter = chapter_of(&caller, &body.person, &chapters)?;
    let person = &body.person;
    let mut errors = FieldErrors::default();
    let name = full_name(person, &mut errors);
    let email = address(&state, person, &mut errors);
    let region = person
        .postal_addresses
        .iter()
        .find_map(|p| p.region.as_deref().map(str::trim).filter(|r| !r.is_empty()))
        .map(|r| {
            let r = r.to_ascii_uppercase();
            if r.contains('-') {
                r
            } else {
                format!("{}-{r}", chapter.country)
            }
        })
        .unwrap_or_default();
    let interests: Vec<String> = person
        .custom_fields
        .get("interests")
        .map(|s| {
            s.split(',')
                .map(|i| i.trim().to_owned())
                .filter(|i| !i.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let profile = form_fields::profile(
        &ProfileInput {
            chapter: &chapter.slug,
            region: &region,
            interests: &interests,
            language: language(person).code(),
        },
        &chapters,
        &mut errors,
    );
    let evidence = match &body.consent {
        None | Some(serde_json::Value::Null) => None,
        Some(value) => {
            let text = value.to_string();
            if text.len() > MAX_EVIDENCE_BYTES {
                return Err(Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("consent: at most {MAX_EVIDENCE_BYTES} bytes of evidence"),
                ));
            }
            Some(text)
        }
    };
    let (Some(full_name), Some(email), Some(profile), true) =
        (name, email, profile, errors.is_empty())
    else {
        return Err(unprocessable(&errors.in_order(&form_fields::ORDER)));
    };
    let newsletter = person
        .email_addresses
        .first()
        .and_then(|e| e.status.as_deref())
        .is_some_and(|s| s.eq_ignore_ascii_case("subscribed"));
    let request = JoinRequest {
        email,
        full_name,
        chapter_id: profile.chapter_id,
        region: profile.region,
        interests: profile.interests,
        language: profile.language,
        newsletter,
        // Set by the use case: the key as the source, the API's wording version.
        wording_version: String::new(),
        source: String::new(),
        evidence,
    };
    app::api_keys::sign_up(&state.app, &caller, request, &chapters, Utc::now())
        .await
        .map_err(refused)?;
    Ok((
        StatusCode::ACCEPTED,
        Hal(Accepted {
            notice: "The person is emailed a link to confirm; they become a member, with the consent they give, only when they press it.",
        }),
    )
        .into_response())
}

#[utoipa::path(
    post,
    path = "/api/osdi/v1/events/{id}/record_attendance_helper",
    operation_id = "recordAttendanceHelper",
    tag = "osdi",
    params(("id" = i64, Path, description = "The event")),
    request_body(content = AttendanceInput, content_type = "application/json"),
    security(("osdi_token" = []), ("bearer" = [])),
    responses(
        (status = 202, description = "Taken: the person is emailed the link that takes their seat", body = Accepted, content_type = "application/hal+json"),
        (status = 403, description = "A read-only key", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such event within the key's chapters", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "The event takes no registrations now", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Missing or wrong fields", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn record_attendance(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AttendanceInput>,
) -> Result<Response, Problem> {
    needs_write(&caller)?;
    let event = super::events::visible_event(&state, &caller, &id).await?;
    let mut errors = FieldErrors::default();
    let name = full_name(&body.person, &mut errors);
    let email = address(&state, &body.person, &mut errors);
    let (Some(full_name), Some(email)) = (name, email) else {
        return Err(unprocessable(&errors.in_order(&form_fields::ORDER)));
    };
    let request = RegistrationRequest {
        email,
        full_name,
        language: language(&body.person),
        // The API is nobody's session: registering never makes or names a member.
        member_id: None,
        accommodations: None,
    };
    let requested =
        app::api_keys::record_attendance(&state.app, &caller, &event, request, Utc::now())
            .await
            .map_err(refused)?;
    if requested == app::registration::Requested::Refused {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "This event takes no registrations now.",
        ));
    }
    Ok((
        StatusCode::ACCEPTED,
        Hal(Accepted {
            notice: "The person is emailed a link; their seat (or place in line) is taken only when they press it.",
        }),
    )
        .into_response())
}
