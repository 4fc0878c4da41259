//! The back office's programme editor under an event: sessions by day and track, a session's
//! page (its seats and line, check-in at its door, the move and cancel forms), and its
//! attendance as CSV. The session form is in `form`. The writes are `app::summit`'s, each
//! audited.

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
    entities::{event, event_session},
    summit::{self, SessionError},
};
use serde::Deserialize;

use super::{csv_export::neutralise, events::event_in_scope, session::Staff};
use crate::{
    admin::datetime_local::{date_error, local_time},
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf::{self, ButtonForm},
    },
    state::AppState,
    views::{admin::summit as view, form::FieldErrors},
};

async fn session_in_scope(
    state: &AppState,
    staff: &Staff,
    id: i64,
    session_id: i64,
) -> Result<(event::Model, event_session::Model), AppError> {
    let event = event_in_scope(state, staff, id).await?;
    let session = summit::find_session(state.db.reader(), event.id, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((event, session))
}

/// The programme, by day and track.
pub async fn programme(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let csrf = csrf::form_value(&csrf_token)?;
    let sessions = summit::programme(state.db.reader(), event.id).await?;
    let page = view::programme(staff.lang, &staff.viewer(&csrf), &event, &sessions);
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    saved: String,
    moved: String,
}

/// What a session's page shows besides the session: a notice, or a refused move.
struct Shown<'a> {
    notice: Option<&'static str>,
    errors: &'a FieldErrors,
    moving: Option<(&'a str, &'a str)>,
}

async fn render_session(
    state: &AppState,
    staff: &Staff,
    event: &event::Model,
    session: &event_session::Model,
    csrf: &str,
    Shown {
        notice,
        errors,
        moving,
    }: Shown<'_>,
) -> Result<maud::Markup, AppError> {
    let people = summit::attendance(state.db.reader(), session.id).await?;
    Ok(view::session_page(&view::SessionPage {
        lang: staff.lang,
        viewer: &staff.viewer(csrf),
        event,
        session,
        people: &people,
        notice,
        errors,
        moving,
    }))
}

/// A session: its seats and line with check-in, the move and cancel forms.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path((id, session_id)): Path<(i64, i64)>,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let (event, session) = session_in_scope(&state, &staff, id, session_id).await?;
    let csrf = csrf::form_value(&csrf_token)?;
    let notice = if q.moved == "1" {
        Some("admin-summit-moved")
    } else if q.saved == "1" {
        Some("admin-summit-saved")
    } else {
        None
    };
    let page = render_session(
        &state,
        &staff,
        &event,
        &session,
        &csrf,
        Shown {
            notice,
            errors: &FieldErrors::default(),
            moving: None,
        },
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveInput {
    csrf_token: String,
    starts: String,
    ends: String,
}

carries_csrf!(MoveInput);

/// Moves a session (times in the event's zone); everyone who chose it is told.
pub async fn move_session(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, session_id)): Path<(i64, i64)>,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<MoveInput>,
) -> Result<Response, AppError> {
    let (event, session) = session_in_scope(&state, &staff, id, session_id).await?;
    let zone = mailer::calendar::zone(&event);
    let mut errors = FieldErrors::default();
    let starts = local_time(&form.starts, zone)
        .map_err(|e| errors.add("starts", date_error(e, "error-event-time")))
        .ok();
    let ends = local_time(&form.ends, zone)
        .map_err(|e| errors.add("ends", date_error(e, "error-event-time")))
        .ok();
    if let (Some(starts), Some(ends)) = (starts, ends) {
        match app::summit::move_session(
            &state.app,
            staff.organizer.id,
            &event,
            session.id,
            starts,
            ends,
            Utc::now(),
        )
        .await
        {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "/admin/events/{id}/sessions/{session_id}?moved=1"
                ))
                .into_response());
            }
            Err(SessionError::Invalid(problem)) => form::error_of(&problem, &mut errors),
            Err(SessionError::Cancelled) => errors.add("starts", "summit-error-cancelled"),
            Err(SessionError::NotFound) => return Err(AppError::NotFound),
            Err(SessionError::Domain(e)) => return Err(e.into()),
        }
    }
    let csrf = csrf::form_value(&csrf_token)?;
    let page = render_session(
        &state,
        &staff,
        &event,
        &session,
        &csrf,
        Shown {
            notice: None,
            errors: &errors,
            moving: Some((&form.starts, &form.ends)),
        },
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response())
}

/// Cancels a session; everyone who chose it is told, once.
pub async fn cancel(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, session_id)): Path<(i64, i64)>,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let (event, session) = session_in_scope(&state, &staff, id, session_id).await?;
    app::summit::cancel(
        &state.app,
        staff.organizer.id,
        &event,
        session.id,
        Utc::now(),
    )
    .await
    .map_err(|e| match e {
        SessionError::Domain(e) => AppError::from(e),
        _ => AppError::BadRequest,
    })?;
    Ok(Redirect::to(&format!("/admin/events/{id}/sessions/{session_id}")).into_response())
}

/// Check-in at the session's door, one button per seat; undo for a slip.
pub async fn check_in(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, session_id, choice_id, action)): Path<(i64, i64, i64, String)>,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let (_, session) = session_in_scope(&state, &staff, id, session_id).await?;
    let door = app::summit::Door::parse(&action).ok_or(AppError::NotFound)?;
    if !app::summit::check_in(
        &state.app,
        staff.organizer.id,
        &session,
        choice_id,
        door,
        Utc::now(),
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/admin/events/{id}/sessions/{session_id}")).into_response())
}

/// A session's seats and line as CSV, with the member export's safety. Audited.
pub async fn export(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, session_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (event, session) = session_in_scope(&state, &staff, id, session_id).await?;
    let rows = app::summit::export_attendance(&state.app, staff.organizer.id, &session, Utc::now())
        .await?;
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let io = |e: csv::Error| AppError::Internal(e.to_string());
    let zone = mailer::calendar::zone(&event);
    writer
        .write_record([
            "full_name",
            "email",
            "language",
            "status",
            "waitlist_position",
            "checked_in_at",
        ])
        .map_err(io)?;
    for (choice, r) in &rows {
        writer
            .write_record([
                neutralise(&r.full_name),
                neutralise(&r.email),
                r.language.code().to_owned(),
                choice.status.as_str().to_owned(),
                choice
                    .waitlist_position
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                choice
                    .checked_in_at
                    .map(|t| mailer::dates::iso(t, zone))
                    .unwrap_or_default(),
            ])
            .map_err(io)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}-session-{}.csv\"",
                    event.slug, session.id
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}
