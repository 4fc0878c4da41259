//! Webhooks, for admins: register an endpoint (its address checked against the SSRF rules,
//! after a step up; the signing secret shown once), switch one off or on, and see each
//! delivery with the receiver's answer.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::webhooks::{self, NewEndpoint, Topic, target};
use serde::Deserialize;

use super::{session::Staff, step_up};
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{admin::webhooks as view, form::FieldErrors},
};

async fn render(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    form: &view::EndpointForm,
    errors: &FieldErrors,
    created: Option<(&str, &str)>,
) -> Result<maud::Markup, AppError> {
    let endpoints = webhooks::all_endpoints(state.db.reader()).await?;
    let viewer = staff.viewer(csrf);
    Ok(view::page(&view::WebhooksPage {
        lang: staff.lang,
        viewer: &viewer,
        endpoints: &endpoints,
        form,
        errors,
        created,
        allow_private: state.settings.webhooks.allow_private_targets,
    }))
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let csrf = csrf::form_value(&csrf_token)?;
    let page = render(
        &state,
        &staff,
        &csrf,
        &view::EndpointForm::default(),
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
    url: String,
    description: String,
    topics: Vec<String>,
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
    staff.require_admin()?;
    let values = view::EndpointForm {
        url: form.url.clone(),
        description: form.description.clone(),
        topics: form.topics.clone(),
    };
    let mut errors = FieldErrors::default();
    let url = match target::check_url(&form.url, state.settings.webhook_policy()) {
        Ok(url) => Some(url),
        Err(e) => {
            errors.add(
                "url",
                match e {
                    target::TargetError::NotPublic(_) => "error-webhook-url-private",
                    target::TargetError::NotHttps => "error-webhook-url-https",
                    _ => "error-webhook-url",
                },
            );
            None
        }
    };
    let description = form.description.trim().to_owned();
    if description.chars().count() > 200 || description.chars().any(char::is_control) {
        errors.add("description", "error-webhook-description");
    }
    let topics: Vec<Topic> = Topic::ALL
        .into_iter()
        .filter(|t| form.topics.iter().any(|f| f == t.as_str()))
        .collect();
    if topics.is_empty() {
        errors.add("topics", "error-webhook-topics");
    }
    let csrf = csrf::form_value(&csrf_token)?;
    let (Some(url), true) = (url, errors.is_empty()) else {
        let page = render(&state, &staff, &csrf, &values, &errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    // Members' events leave for another system from now on: the password again.
    let mut carried = vec![
        ("url".to_owned(), form.url.clone()),
        ("description".to_owned(), form.description.clone()),
    ];
    carried.extend(form.topics.iter().map(|t| ("topics".to_owned(), t.clone())));
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
        "/admin/webhooks",
        carried,
    )
    .await?
    {
        step_up::Gate::Pass(Some(cookie)) => jar.add(cookie),
        step_up::Gate::Pass(None) => jar,
        step_up::Gate::Ask(page) => return Ok((csrf_token, page).into_response()),
    };
    let (endpoint, secret) = app::webhooks::create(
        &state.app,
        staff.organizer.id,
        &NewEndpoint {
            url: url.to_string(),
            description,
            topics,
        },
        Utc::now(),
    )
    .await?;
    let page = render(
        &state,
        &staff,
        &csrf,
        &view::EndpointForm::default(),
        &FieldErrors::default(),
        Some((&endpoint.url, &secret)),
    )
    .await?;
    Ok((StatusCode::CREATED, jar, csrf_token, page).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let endpoint = webhooks::find_endpoint(state.db.reader(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let deliveries = webhooks::deliveries_of(state.db.reader(), id, 200).await?;
    let csrf = csrf::form_value(&csrf_token)?;
    let viewer = staff.viewer(&csrf);
    let page = view::deliveries(&view::DeliveriesPage {
        lang: staff.lang,
        viewer: &viewer,
        endpoint: &endpoint,
        deliveries: &deliveries,
    });
    Ok((csrf_token, page).into_response())
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
    webhooks::find_endpoint(state.db.reader(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    app::webhooks::set_active(&state.app, staff.organizer.id, id, active, Utc::now()).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{id}")).into_response())
}
