//! The back office's home: figures for the organizer's chapters.

use axum::{
    extract::State,
    response::{IntoResponse, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::stats;

use super::session::Staff;
use crate::{error::AppError, security::csrf, state::AppState, views::admin::dashboard as view};

pub async fn dashboard(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let reader = state.db.reader();
    let chapters = staff.chapters(&state).await?;
    let figures = stats::dashboard(reader, &staff.scope, Utc::now()).await?;
    let experts_waiting = domain::experts::waiting_count(reader, &staff.scope).await?;
    let experts = crate::views::admin::experts::dashboard_queue(staff.lang, experts_waiting);
    let page = view::dashboard(
        staff.lang,
        &staff.viewer(&csrf),
        &chapters,
        &figures,
        experts,
    );
    Ok((csrf_token, page).into_response())
}
