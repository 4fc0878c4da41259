//! Organizers run events in their chapters: the list, one event's page with its
//! registrations (accommodations included), publishing, cancelling (telling every
//! registrant), messages to registrants, check-in at the door, and the export. The form that
//! creates and edits events is in `form`. The writes are `app::events`'.

mod form;

pub use form::{create, edit_form, new_form, save_existing};

use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{
    entities::event,
    events::{self, EventError},
};
use serde::Deserialize;

use super::{csv_export::neutralise, session::Staff};
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf::{self, ButtonForm},
    },
    state::AppState,
    views::{
        admin::{events as view, labels},
        form::FieldErrors,
    },
};
use app::events::{Audience, Door, MessageProblem};

/// An event of the organizer's chapters; any other is a 404.
pub(super) async fn event_in_scope(
    state: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<event::Model, AppError> {
    events::find(state.db.reader(), id)
        .await?
        .filter(|e| staff.scope.allows(e.chapter_id))
        .ok_or(AppError::NotFound)
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let ids: Vec<i64> = staff.chapters(&state).await?.iter().map(|c| c.id).collect();
    let list = events::list_for_chapters(state.db.reader(), Some(&ids)).await?;
    Ok((
        csrf_token,
        view::admin_events(staff.lang, &staff.viewer(&csrf), &list),
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    saved: String,
    published: String,
    sent: Option<u64>,
    q: String,
}

async fn render_event(
    state: &AppState,
    staff: &Staff,
    event: &event::Model,
    csrf: &str,
    notice: Option<String>,
    errors: &FieldErrors,
    search: &str,
) -> Result<maud::Markup, AppError> {
    let reader = state.db.reader();
    let counts = events::counts(reader, event.id).await?;
    let query = (!search.trim().is_empty()).then_some(search.trim());
    let registrations = events::registrations_of(reader, event.id, None, query).await?;
    let viewer = staff.viewer(csrf);
    Ok(view::admin_event(&view::AdminEventPage {
        search,
        lang: staff.lang,
        viewer: &viewer,
        event,
        counts: &counts,
        registrations: &registrations,
        notice,
        errors,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let csrf = csrf::form_value(&csrf_token)?;
    let lang = staff.lang;
    let notice = if let Some(count) = q.sent {
        Some(mailer::i18n::t_count(
            lang,
            "admin-message-sent",
            i64::try_from(count).unwrap_or(i64::MAX),
            &[],
        ))
    } else if q.published == "1" {
        Some(mailer::i18n::t(lang, "admin-event-published"))
    } else if q.saved == "1" {
        Some(mailer::i18n::t(lang, "admin-event-saved"))
    } else {
        None
    };
    let page = render_event(
        &state,
        &staff,
        &event,
        &csrf,
        notice,
        &FieldErrors::default(),
        &q.q,
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

pub async fn publish(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm {
        csrf: csrf_token, ..
    }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    match app::events::publish(&state.app, staff.organizer.id, event.id, Utc::now()).await {
        Ok(_) => {
            state.upcoming.invalidate();
            Ok(Redirect::to(&format!("/admin/events/{id}?published=1")).into_response())
        }
        Err(EventError::Domain(e)) => Err(e.into()),
        Err(e) => {
            let mut errors = FieldErrors::default();
            match e {
                // One message on this page, whichever texts are missing.
                EventError::Incomplete { .. } => errors.add("title_en", "error-event-incomplete"),
                e => form::error_of(&e, &mut errors),
            }
            let csrf = csrf::form_value(&csrf_token)?;
            let page = render_event(&state, &staff, &event, &csrf, None, &errors, "").await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response())
        }
    }
}

/// Cancels a published event and emails every registrant, in their language.
pub async fn cancel(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm { .. }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    app::events::cancel(&state.app, staff.organizer.id, event.id, Utc::now())
        .await
        .map_err(|e| match e {
            EventError::Domain(e) => AppError::from(e),
            _ => AppError::BadRequest,
        })?;
    state.upcoming.invalidate();
    Ok(Redirect::to(&format!("/admin/events/{id}")).into_response())
}

/// Check-in at the door, one button per person; undo for a slip of the thumb.
pub async fn check_in(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, registration_id, action)): Path<(i64, i64, String)>,
    CheckedForm { .. }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let door = Door::parse(&action).ok_or(AppError::NotFound)?;
    app::events::check_in(
        &state.app,
        staff.organizer.id,
        event.id,
        registration_id,
        door,
        Utc::now(),
    )
    .await?;
    state.upcoming.invalidate();
    Ok(Redirect::to(&format!("/admin/events/{id}")).into_response())
}

/// The registrations as CSV, with the same safety as the member export. Audited.
pub async fn export(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let registrations =
        app::events::export_registrations(&state.app, staff.organizer.id, &event, Utc::now())
            .await?;
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let io = |e: csv::Error| AppError::Internal(e.to_string());
    let lang = staff.lang;
    let zone = mailer::calendar::zone(&event);
    // The status in the organizer's words, then its stable code for scripts; one column per
    // need, named in the organizer's language, so a spreadsheet reads them.
    let headers = [
        "full_name",
        "email",
        "status",
        "status_code",
        "waitlist_position",
        "checked_in_at",
    ]
    .map(str::to_owned)
    .into_iter()
    .chain(labels::need_headers(lang));
    writer.write_record(headers).map_err(io)?;
    for r in &registrations {
        let needs = events::Accommodations::of(r)?;
        let cells = [
            neutralise(&r.full_name),
            neutralise(&r.email),
            labels::registration_status_name(lang, r.status, r.waitlist_position),
            r.status.as_str().to_owned(),
            r.waitlist_position
                .map(|p| p.to_string())
                .unwrap_or_default(),
            r.checked_in_at
                .map(|t| mailer::dates::iso(t, zone))
                .unwrap_or_default(),
        ]
        .into_iter()
        .chain(
            labels::need_cells(lang, needs.as_ref())
                .into_iter()
                .map(|cell| neutralise(&cell)),
        );
        writer.write_record(cells).map_err(io)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}-registrations.csv\"", event.slug),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MessageInput {
    csrf_token: String,
    audience: String,
    subject: String,
    body: String,
}

carries_csrf!(MessageInput);

/// A message from the organizers to everyone confirmed, or everyone waiting, through the
/// outbox. Audited.
pub async fn message(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<MessageInput>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let audience = Audience::parse(&form.audience).ok_or(AppError::BadRequest)?;
    let sent = app::events::message_registrants(
        &state.app,
        staff.organizer.id,
        &event,
        audience,
        &form.subject,
        &form.body,
        Utc::now(),
    )
    .await?;
    let recipients = match sent {
        Ok(recipients) => recipients,
        Err(problem) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "subject",
                match problem {
                    MessageProblem::Empty => "error-message-empty",
                    MessageProblem::SubjectLine => "error-newsletter-subject-line",
                    MessageProblem::TooLong => "error-message-too-long",
                },
            );
            let csrf = csrf::form_value(&csrf_token)?;
            let page = render_event(&state, &staff, &event, &csrf, None, &errors, "").await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
        }
    };
    state.upcoming.invalidate();
    Ok(Redirect::to(&format!("/admin/events/{id}?sent={recipients}")).into_response())
}
