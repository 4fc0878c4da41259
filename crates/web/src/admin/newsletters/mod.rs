//! Organizers write newsletters (English and French required, Spanish optional), choose the
//! audience among their chapters, preview each language, send themselves a test, then send
//! now or at a time, and watch the send: pause, resume, cancel the rest. A sent newsletter
//! can go to the public archive. Every step is audited, by the use cases of
//! `app::newsletters`. The draft form is in `draft`.

mod draft;

pub use draft::{create, edit_form, new_form, update};

use app::newsletters::{Control, Listing, StartError, TestSend};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use chrono_tz::Tz;
use domain::{Language, entities::newsletter, newsletters};
use mailer::compose::newsletter::Template;
use serde::Deserialize;

use super::{
    datetime_local::{date_error, local_time},
    session::Staff,
};
use crate::{
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf::{self, ButtonForm},
    },
    state::AppState,
    views::{
        admin::newsletters::{self as view, ShowPage},
        form::FieldErrors,
    },
};

/// A newsletter all of whose chapters are the organizer's; any other is a 404.
pub(super) async fn in_scope(
    state: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<newsletter::Model, AppError> {
    newsletters::find(state.db.reader(), id)
        .await?
        .filter(|n| n.within(&staff.scope))
        .ok_or(AppError::NotFound)
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let letters = newsletters::list(state.db.reader(), &staff.scope).await?;
    Ok((
        csrf_token,
        view::admin_list(staff.lang, &staff.viewer(&csrf), &letters),
    )
        .into_response())
}

/// A rejected form comes back as 422, like every other form of the site.
pub(super) fn status_of(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    notice: String,
    watch: String,
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let letter = in_scope(&state, &staff, id).await?;
    let shown = Shown {
        notice: &query.notice,
        errors: &FieldErrors::default(),
        schedule_value: "",
        watch: query.watch == "1",
    };
    show_page(&state, &staff, csrf_token, &letter, &shown).await
}

/// What the page shows besides the newsletter: a notice, a rejected form's errors and value.
struct Shown<'a> {
    notice: &'a str,
    errors: &'a FieldErrors,
    schedule_value: &'a str,
    watch: bool,
}

impl<'a> Shown<'a> {
    fn errors(errors: &'a FieldErrors, schedule_value: &'a str) -> Self {
        Self {
            notice: "",
            errors,
            schedule_value,
            watch: false,
        }
    }
}

async fn show_page(
    state: &AppState,
    staff: &Staff,
    csrf_token: CsrfToken,
    letter: &newsletter::Model,
    shown: &Shown<'_>,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let now = Utc::now();
    let chapters = domain::chapter::all(state.db.reader()).await?;
    let audience = letter.audience();
    let recipients_now = if letter.is_editable() {
        Some(newsletters::count_audience(state.db.reader(), &audience).await?)
    } else {
        None
    };
    let progress = newsletters::progress(state.db.reader(), letter.id, now).await?;
    let failures = newsletters::failures(state.db.reader(), letter.id, 50).await?;
    let previews: Vec<(Language, mailer::Composed)> = letter
        .languages()
        .into_iter()
        .filter_map(|lang| {
            let template = Template::new(&state.brand, letter, lang)?;
            let sample = state
                .brand
                .link(&format!("/{}/unsubscribe/{}", lang.code(), "…"));
            Some((lang, template.fill(&state.brand, &sample)))
        })
        .collect();
    let viewer = staff.viewer(&csrf);
    let page = view::admin_show(&ShowPage {
        lang: staff.lang,
        viewer: &viewer,
        letter,
        chapters: &chapters,
        recipients_now,
        progress: &progress,
        failures: &failures,
        previews: &previews,
        casl_missing: casl_missing(state),
        notice: shown.notice,
        errors: shown.errors,
        schedule_value: shown.schedule_value,
        watch: shown.watch,
    });
    Ok((status_of(shown.errors), csrf_token, page).into_response())
}

/// What CASL requires in every newsletter and the settings lack, if anything.
fn casl_missing(state: &AppState) -> Option<&'static str> {
    state
        .brand
        .sender_identification()
        .err()
        .map(mailer::SenderGap::setting)
}

/// The organizer's own copy of each language, sent at once.
pub async fn test_send(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm { .. }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let letter = in_scope(&state, &staff, id).await?;
    let notice =
        match app::newsletters::test_send(&state.app, &staff.organizer, &letter, Utc::now()).await?
        {
            TestSend::Sent => "test-sent",
            TestSend::LimitReached => "test-limit",
        };
    Ok(Redirect::to(&format!("/admin/newsletters/{id}?notice={notice}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ScheduleInput {
    csrf_token: String,
    at: String,
    time_zone: String,
}

carries_csrf!(ScheduleInput);

pub async fn schedule(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm {
        csrf: csrf_token,
        form: input,
    }: CheckedForm<ScheduleInput>,
) -> Result<Response, AppError> {
    let letter = in_scope(&state, &staff, id).await?;
    let now = Utc::now();
    let zone: Option<Tz> = input.time_zone.trim().parse().ok();
    let at = zone
        .ok_or(domain::calendar::DateError::Invalid)
        .and_then(|zone| local_time(&input.at, zone));
    let mut errors = FieldErrors::default();
    let at = match at {
        Err(e) => {
            errors.add("at", date_error(e, "error-newsletter-schedule-time"));
            None
        }
        Ok(at) if at <= now => {
            errors.add("at", "error-newsletter-schedule-past");
            None
        }
        Ok(at) => Some(at),
    };
    if let Some(key) = casl_missing(&state) {
        errors.add("at", casl_error(key));
    }
    let Some(at) = at.filter(|_| errors.is_empty()) else {
        return show_page(
            &state,
            &staff,
            csrf_token,
            &letter,
            &Shown::errors(&errors, &input.at),
        )
        .await;
    };
    app::newsletters::schedule(&state.app, staff.organizer.id, id, at, now).await?;
    Ok(Redirect::to(&format!("/admin/newsletters/{id}?notice=scheduled")).into_response())
}

fn casl_error(key: &str) -> &'static str {
    if key == "mail.postal_address" {
        "error-newsletter-no-postal-address"
    } else {
        "error-newsletter-no-contact"
    }
}

/// The buttons of a newsletter's page: send now, unschedule, pause, resume, cancel, publish,
/// unpublish. Each is a transition that happens once however often it is clicked.
pub async fn act(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, action)): Path<(i64, String)>,
    CheckedForm {
        csrf: csrf_token, ..
    }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let letter = in_scope(&state, &staff, id).await?;
    let now = Utc::now();
    let by = Some(staff.organizer.id);
    let started = match action.as_str() {
        "send" => Some(app::newsletters::start(&state.app, by, id, now).await),
        "pause" => Some(app::newsletters::control(&state.app, by, id, Control::Pause, now).await),
        "resume" => Some(app::newsletters::control(&state.app, by, id, Control::Resume, now).await),
        "cancel" => Some(app::newsletters::control(&state.app, by, id, Control::Cancel, now).await),
        _ => None,
    };
    let done = match started {
        Some(Ok(done)) => done,
        Some(Err(StartError::SenderUnidentified(gap))) => {
            let mut errors = FieldErrors::default();
            errors.add("send", casl_error(gap.setting()));
            return show_page(
                &state,
                &staff,
                csrf_token,
                &letter,
                &Shown::errors(&errors, ""),
            )
            .await;
        }
        Some(Err(StartError::Domain(e))) => return Err(e.into()),
        None => {
            let listing = match action.as_str() {
                "unschedule" => Listing::Unschedule,
                "publish" => Listing::Publish,
                "unpublish" => Listing::Unpublish,
                _ => return Err(AppError::NotFound),
            };
            app::newsletters::list(&state.app, staff.organizer.id, id, listing, now).await?
        }
    };
    if done && (action == "send" || action == "resume") {
        // The copies are written by the jobs, whose commit wakes the worker.
        state.jobs_waker.notify_one();
    }
    Ok(Redirect::to(&format!("/admin/newsletters/{id}?notice={action}")).into_response())
}
