//! The audit log, for admins: every organizer action, filtered by organizer and action.

use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use axum_csrf::CsrfToken;
use domain::{audit, organizers};
use serde::Deserialize;

use super::{MAX_PAGE, session::Staff};
use crate::{error::AppError, security::csrf, state::AppState, views::admin::audit as view};

/// Rows per page of the log, newest first.
const PER_PAGE: u64 = 100;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    page: u64,
    organizer: String,
    action: String,
}

pub async fn audit_log(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let csrf = csrf::form_value(&csrf_token)?;
    let organizer = match q.organizer.as_str() {
        "" => None,
        id => Some(id.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    let action = (!q.action.is_empty()).then_some(q.action.as_str());
    let page_index = q.page.saturating_sub(1).min(MAX_PAGE);
    let (rows, total) =
        audit::page(state.db.reader(), organizer, action, page_index, PER_PAGE).await?;
    let query_string = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("organizer", &q.organizer)
        .append_pair("action", &q.action)
        .finish();
    let organizers = organizers::all(state.db.reader()).await?;
    let viewer = staff.viewer(&csrf);
    let page = view::audit_page(&view::AuditPage {
        lang: staff.lang,
        viewer: &viewer,
        rows: &rows,
        organizers: &organizers,
        selected: organizer,
        action: &q.action,
        page: page_index,
        pages: total.div_ceil(PER_PAGE),
        query_string: &query_string,
    });
    Ok((csrf_token, page).into_response())
}
