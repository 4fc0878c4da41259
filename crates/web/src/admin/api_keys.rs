//! API keys for partner systems: an admin sees and revokes every key; an organizer creates
//! keys for their own chapters and sees and revokes the keys they made. Creating one is a
//! sensitive action (a step up); the key is shown once, on the page that answers the
//! creation, and never again.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::api_keys::{self, KeyWithChapters, NewKey};
use serde::Deserialize;

use super::{session::Staff, step_up};
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{admin::api_keys as view, form::FieldErrors},
};

/// The keys `staff` may see: every key for an admin, their own for an organizer.
async fn visible_keys(state: &AppState, staff: &Staff) -> Result<Vec<KeyWithChapters>, AppError> {
    Ok(api_keys::all(state.db.reader())
        .await?
        .into_iter()
        .filter(|k| staff.is_admin() || k.key.created_by == staff.organizer.id)
        .collect())
}

async fn render(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    form: &view::KeyForm,
    errors: &FieldErrors,
    created: Option<(&str, &str)>,
) -> Result<maud::Markup, AppError> {
    let keys = visible_keys(state, staff).await?;
    let chapters = staff.chapters(state).await?;
    let all_chapters = domain::chapter::all(state.db.reader()).await?;
    let viewer = staff.viewer(csrf);
    Ok(view::page(&view::KeysPage {
        lang: staff.lang,
        viewer: &viewer,
        keys: &keys,
        chapters: &chapters,
        all_chapters: &all_chapters,
        form,
        errors,
        created,
    }))
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let page = render(
        &state,
        &staff,
        &csrf,
        &view::KeyForm::default(),
        &FieldErrors::default(),
        None,
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreateInput {
    csrf_token: String,
    name: String,
    chapters: Vec<String>,
    access: String,
    step_up_password: String,
    step_up_code: String,
}

carries_csrf!(CreateInput);

pub async fn create(
    State(state): State<AppState>,
    mut staff: Staff,
    jar: CookieJar,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<CreateInput>,
) -> Result<Response, AppError> {
    let values = view::KeyForm {
        name: form.name.clone(),
        chapters: form.chapters.clone(),
        write: form.access == "write",
    };
    let mut errors = FieldErrors::default();
    let name = form.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        errors.add("name", "error-api-key-name");
    }
    let mine = staff.chapters(&state).await?;
    let chapter_ids: Vec<i64> = mine
        .iter()
        .filter(|c| form.chapters.contains(&c.slug))
        .map(|c| c.id)
        .collect();
    if chapter_ids.is_empty() {
        errors.add("chapters", "error-api-key-chapters");
    }
    if !matches!(form.access.as_str(), "read" | "write") {
        errors.add("access", "error-api-key-access");
    }
    let csrf = csrf::form_value(&csrf_token)?;
    if !errors.is_empty() {
        let page = render(&state, &staff, &csrf, &values, &errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    }
    // A key reads members' records: creating one asks for the password again.
    let mut carried = vec![
        ("name".to_owned(), form.name.clone()),
        ("access".to_owned(), form.access.clone()),
    ];
    carried.extend(
        form.chapters
            .iter()
            .map(|c| ("chapters".to_owned(), c.clone())),
    );
    let given = step_up::Given::new(
        &state,
        peer,
        &headers,
        form.step_up_password.clone(),
        form.step_up_code.clone(),
    );
    let jar = match step_up::gate(
        &state,
        &mut staff,
        &csrf_token,
        &given,
        "/admin/api-keys",
        carried,
    )
    .await?
    {
        step_up::Gate::Pass(Some(cookie)) => jar.add(cookie),
        step_up::Gate::Pass(None) => jar,
        step_up::Gate::Ask(page) => return Ok((csrf_token, page).into_response()),
    };
    let (key, secret) = app::api_keys::create(
        &state.app,
        &staff.organizer,
        &staff.scope,
        NewKey {
            name,
            chapter_ids,
            can_write: form.access == "write",
        },
        Utc::now(),
    )
    .await?;
    let page = render(
        &state,
        &staff,
        &csrf,
        &view::KeyForm::default(),
        &FieldErrors::default(),
        Some((&key.name, secret.as_str())),
    )
    .await?;
    Ok((StatusCode::CREATED, jar, csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RevokeInput {
    csrf_token: String,
}

carries_csrf!(RevokeInput);

pub async fn revoke(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm { .. }: CheckedForm<RevokeInput>,
) -> Result<Response, AppError> {
    let key = api_keys::find(state.db.reader(), id)
        .await?
        .filter(|k| staff.is_admin() || k.key.created_by == staff.organizer.id)
        .ok_or(AppError::NotFound)?;
    app::api_keys::revoke(&state.app, staff.organizer.id, key.key.id, Utc::now()).await?;
    Ok(Redirect::to("/admin/api-keys").into_response())
}
