//! The organizers, for admins: the list, invitations (after a step up), activation, the
//! chapters each runs, and the two-step policy (in `super::two_factor`).

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::organizers::{self, Role};
use sea_orm::EntityTrait;
use serde::Deserialize;

use super::{session::Staff, step_up};
use crate::{
    error::AppError,
    form_fields as fields,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{admin::organizers as view, form::FieldErrors},
};
use app::organizers::{Invitation, Invited};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InvitedNotice {
    invited: String,
}

pub async fn organizers_page(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Query(q): Query<InvitedNotice>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let csrf = csrf::form_value(&csrf_token)?;
    let page = organizers_view(
        &state,
        &staff,
        &csrf,
        &FieldErrors::default(),
        "",
        "",
        q.invited == "1",
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

async fn organizers_view(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    errors: &FieldErrors,
    name: &str,
    email: &str,
    invited: bool,
) -> Result<maud::Markup, AppError> {
    let all = organizers::all(state.db.reader()).await?;
    let chapters = domain::chapter::all(state.db.reader()).await?;
    let viewer = staff.viewer(csrf);
    let required_for_all = domain::two_factor::required_for_all(state.db.reader()).await?;
    let assignments: Vec<(i64, i64)> = domain::entities::organizer_chapter::Entity::find()
        .all(state.db.reader())
        .await?
        .into_iter()
        .map(|a| (a.organizer_id, a.chapter_id))
        .collect();
    Ok(view::organizers(&view::OrganizersPage {
        assignments: &assignments,
        required_for_all,
        lang: staff.lang,
        viewer: &viewer,
        organizers: &all,
        chapters: &chapters,
        errors,
        name,
        email,
        invited,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteInput {
    csrf_token: String,
    full_name: String,
    email: String,
    role: String,
    chapters: Vec<String>,
    step_up_password: String,
    step_up_code: String,
}

carries_csrf!(InviteInput);

pub async fn invite(
    State(state): State<AppState>,
    mut staff: Staff,
    jar: CookieJar,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<InviteInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let mut errors = FieldErrors::default();
    // The same rules as a member's name: it greets the invitee and signs the audit log.
    let name = fields::name(&form.full_name, &mut errors);
    let email = fields::reachable_email(
        &form.email,
        state.settings.mail.address_policy(),
        &mut errors,
    );
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", "error-role-invalid");
    }
    let all_chapters = domain::chapter::all(state.db.reader()).await?;
    let chapter_ids: Vec<i64> = all_chapters
        .iter()
        .filter(|c| form.chapters.contains(&c.slug))
        .map(|c| c.id)
        .collect();
    if let Some(email) = &email
        && organizers::find_by_email(state.db.reader(), email)
            .await?
            .is_some()
    {
        errors.add("email", "error-organizer-exists");
    }
    let (Some(name), Some(email), Some(role), true) = (name, email, role, errors.is_empty()) else {
        let csrf = csrf::form_value(&csrf_token)?;
        let page = organizers_view(
            &state,
            &staff,
            &csrf,
            &errors,
            &form.full_name,
            &form.email,
            false,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    // Inviting someone into the back office asks for the password again (ASVS 5.0 7.5.3).
    let mut carried = vec![
        ("full_name".to_owned(), form.full_name.clone()),
        ("email".to_owned(), form.email.clone()),
        ("role".to_owned(), form.role.clone()),
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
        "/admin/organizers",
        carried,
    )
    .await?
    {
        step_up::Gate::Pass(Some(cookie)) => jar.add(cookie),
        step_up::Gate::Pass(None) => jar,
        step_up::Gate::Ask(page) => return Ok((csrf_token, page).into_response()),
    };
    let invitation = Invitation {
        email,
        name: name.as_str().to_owned(),
        role,
        chapter_ids,
        language: staff.lang,
    };
    match app::organizers::invite(&state.app, &staff.organizer, &invitation, Utc::now()).await? {
        Invited::Sent(_) => Ok((jar, Redirect::to("/admin/organizers?invited=1")).into_response()),
        Invited::AlreadyOrganizer => Err(AppError::Internal("organizer vanished".into())),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActiveInput {
    csrf_token: String,
    active: String,
}

carries_csrf!(ActiveInput);

pub async fn set_active(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm { form, .. }: CheckedForm<ActiveInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let active = match form.active.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    // An admin cannot lock themself out.
    if id == staff.organizer.id {
        return Err(AppError::BadRequest);
    }
    let target = organizers::find(state.db.reader(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    app::organizers::set_active(&state.app, staff.organizer.id, target, active, Utc::now()).await?;
    Ok(Redirect::to("/admin/organizers").into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChaptersInput {
    csrf_token: String,
    chapters: Vec<String>,
}

carries_csrf!(ChaptersInput);

/// An admin changes which chapters an organizer runs. Audited with before and after.
pub async fn assign_chapters(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm { form, .. }: CheckedForm<ChaptersInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let target = organizers::find(state.db.reader(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let all = domain::chapter::all(state.db.reader()).await?;
    let ids: Vec<i64> = all
        .iter()
        .filter(|c| form.chapters.contains(&c.slug))
        .map(|c| c.id)
        .collect();
    app::organizers::assign_chapters(&state.app, staff.organizer.id, target.id, &ids, Utc::now())
        .await?;
    Ok(Redirect::to("/admin/organizers").into_response())
}
