//! The Expert Network in the back office: the queue of submissions in the organizer's
//! chapters, the profiles with their contact counts, the abuse reports; one submission and
//! the decision on it (approve, send back with a note, hide), audited; an admin lifting a
//! sender's block. Anything outside the organizer's chapters is a 404.

use axum::{
    Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{
    experts::{self, Decision, QueueEntry},
    text,
};
use serde::Deserialize;

use super::session::Staff;
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf::{self, ButtonForm},
    },
    state::AppState,
    views::{
        admin::experts::{self as view, NOTE_MAX_CHARS},
        form::FieldErrors,
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/experts", get(list))
        .route("/admin/experts/{id}", get(show))
        .route("/admin/experts/{id}/review", post(review))
        .route("/admin/experts/senders/{id}/unblock", post(unblock))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    unblocked: String,
    decided: String,
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Query(notice): Query<Notice>,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let reader = state.db.reader();
    let chapters = staff.chapters(&state).await?;
    let queue = experts::queue(reader, &staff.scope, 200).await?;
    let profiles = experts::all_in_scope(reader, &staff.scope, 500).await?;
    let ids: Vec<i64> = profiles.iter().map(|e| e.profile.id).collect();
    let counts = experts::counts(reader, &ids, Utc::now()).await?;
    let reports = experts::reports(reader, &staff.scope, 50).await?;
    let viewer = staff.viewer(&csrf);
    let page = view::experts_page(&view::ExpertsPage {
        lang: staff.lang,
        viewer: &viewer,
        chapters: &chapters,
        queue: &queue,
        profiles: &profiles,
        counts: &counts,
        reports: &reports,
        unblocked: !notice.unblocked.is_empty(),
    });
    Ok((csrf_token, page).into_response())
}

async fn entry(state: &AppState, staff: &Staff, id: i64) -> Result<QueueEntry, AppError> {
    experts::in_scope(state.db.reader(), &staff.scope, id)
        .await?
        .ok_or(AppError::NotFound)
}

struct Shown<'a> {
    decision: &'a str,
    note: &'a str,
    errors: FieldErrors,
    notice: Option<&'static str>,
}

async fn render(
    state: &AppState,
    staff: &Staff,
    csrf_token: &CsrfToken,
    entry: &QueueEntry,
    shown: Shown<'_>,
) -> Result<maud::Markup, AppError> {
    let csrf = csrf::form_value(csrf_token)?;
    let chapters = staff.chapters(state).await?;
    let counts = experts::counts(state.db.reader(), &[entry.profile.id], Utc::now())
        .await?
        .remove(&entry.profile.id)
        .unwrap_or_default();
    let viewer = staff.viewer(&csrf);
    Ok(view::review_page(&view::ReviewPage {
        lang: staff.lang,
        viewer: &viewer,
        entry,
        chapter: chapters.iter().find(|c| c.id == entry.member.chapter_id),
        counts,
        decision: shown.decision,
        note: shown.note,
        errors: &shown.errors,
        notice: shown.notice,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    csrf_token: CsrfToken,
    Query(notice): Query<Notice>,
) -> Result<Response, AppError> {
    let entry = entry(&state, &staff, id).await?;
    let notice = (!notice.decided.is_empty()).then_some("admin-experts-decided");
    let page = render(
        &state,
        &staff,
        &csrf_token,
        &entry,
        Shown {
            decision: "",
            note: "",
            errors: FieldErrors::default(),
            notice,
        },
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    csrf_token: String,
    revision: String,
    decision: String,
    note: String,
}

carries_csrf!(ReviewForm);

pub async fn review(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<ReviewForm>,
) -> Result<Response, AppError> {
    let entry = entry(&state, &staff, id).await?;
    let revision: i32 = form.revision.parse().map_err(|_| AppError::BadRequest)?;
    let note = form.note.trim().replace("\r\n", "\n");
    let mut errors = FieldErrors::default();
    let open = view::decisions(entry.profile.status).contains(&form.decision.as_str());
    let decision = match form.decision.as_str() {
        _ if !open => {
            errors.add("decision", "admin-experts-error-decision");
            None
        }
        "approve" => Some(Decision::Approve),
        "return" if note.is_empty() => {
            errors.add("note", "admin-experts-error-note-required");
            None
        }
        "return" => Some(Decision::Return(note.clone())),
        "hide" => Some(Decision::Hide(note.clone())),
        _ => {
            errors.add("decision", "admin-experts-error-decision");
            None
        }
    };
    if note.chars().count() > NOTE_MAX_CHARS {
        errors.set("note", "admin-experts-error-note-too-long");
    } else if text::check_multiline(&note).is_err() {
        errors.set("note", "expert-error-text-hidden");
    }
    let Some(decision) = decision.filter(|_| errors.is_empty()) else {
        let page = render(
            &state,
            &staff,
            &csrf_token,
            &entry,
            Shown {
                decision: &form.decision,
                note: &form.note,
                errors: errors.in_order(&["decision", "note"]),
                notice: None,
            },
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    use app::experts::review::Reviewed;
    match app::experts::review::decide(
        &state.app,
        staff.organizer.id,
        &staff.scope,
        id,
        revision,
        decision,
    )
    .await?
    {
        Reviewed::Done => {
            Ok(Redirect::to(&format!("/admin/experts/{id}?decided=1")).into_response())
        }
        Reviewed::NotFound => Err(AppError::NotFound),
        Reviewed::Stale => {
            // Read again, so the page shows what the member submitted since.
            let fresh = experts::in_scope(state.db.reader(), &staff.scope, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let page = render(
                &state,
                &staff,
                &csrf_token,
                &fresh,
                Shown {
                    decision: &form.decision,
                    note: &form.note,
                    errors: FieldErrors::default(),
                    notice: Some("admin-experts-stale"),
                },
            )
            .await?;
            Ok((StatusCode::CONFLICT, csrf_token, page).into_response())
        }
    }
}

pub async fn unblock(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    if !app::experts::review::unblock(&state.app, staff.organizer.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/admin/experts?unblocked=1").into_response())
}
