//! Organizers write newsletters (English and French required, Spanish optional), choose the
//! audience among their chapters, preview each language, send themselves a test, then send
//! now or at a time, and watch the send: pause, resume, cancel the rest. A sent newsletter
//! can go to the public archive. Every step is audited.

use app::newsletters::{Control, StartError};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::Form;
use chrono::Utc;
use chrono_tz::Tz;
use domain::{
    Language,
    entities::{chapter, newsletter},
    newsletters::{self, Audience, Draft, DraftFieldError, Version},
    outbox,
};
use mailer::compose::newsletter::Template;
use serde::Deserialize;

use super::{auth::Staff, date_error, local_time};
use crate::{
    error::AppError,
    routes::support::email_to,
    security::csrf::{self, ButtonForm},
    state::AppState,
    views::{
        form::FieldErrors,
        newsletters::{self as view, DraftValues, ShowPage},
    },
};

/// Test copies an organizer may send themselves an hour.
const TESTS_PER_HOUR: u64 = 10;

/// A newsletter all of whose chapters are the organizer's; any other is a 404.
async fn in_scope(state: &AppState, staff: &Staff, id: i64) -> Result<newsletter::Model, AppError> {
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DraftInput {
    csrf_token: String,
    subject_en: String,
    body_en: String,
    subject_fr: String,
    body_fr: String,
    subject_es: String,
    body_es: String,
    chapters: Vec<String>,
    interests: Vec<String>,
    languages: Vec<String>,
}

impl DraftInput {
    fn values(&self) -> DraftValues {
        DraftValues {
            subjects: [
                self.subject_en.clone(),
                self.subject_fr.clone(),
                self.subject_es.clone(),
            ],
            bodies: [
                self.body_en.clone(),
                self.body_fr.clone(),
                self.body_es.clone(),
            ],
            chapters: self.chapters.clone(),
            interests: self.interests.clone(),
            languages: self.languages.clone(),
        }
    }

    fn draft(&self, chapters: &[chapter::Model]) -> Draft {
        let version = |subject: &str, body: &str| Version {
            subject: subject.to_owned(),
            body: body.to_owned(),
        };
        let spanish = !(self.subject_es.trim().is_empty() && self.body_es.trim().is_empty());
        Draft {
            en: version(&self.subject_en, &self.body_en),
            fr: version(&self.subject_fr, &self.body_fr),
            es: spanish.then(|| version(&self.subject_es, &self.body_es)),
            audience: Audience {
                // A slug the organizer may not use is simply not among `chapters`.
                chapters: chapters
                    .iter()
                    .filter(|c| self.chapters.contains(&c.slug))
                    .map(|c| c.id)
                    .collect(),
                interests: self
                    .interests
                    .iter()
                    .filter_map(|i| i.parse().ok())
                    .collect(),
                languages: self
                    .languages
                    .iter()
                    .filter_map(|l| l.parse().ok())
                    .collect(),
            },
        }
    }
}

fn stored_values(letter: &newsletter::Model, chapters: &[chapter::Model]) -> DraftValues {
    let audience = letter.audience();
    DraftValues {
        subjects: [
            letter.subject_en.clone(),
            letter.subject_fr.clone(),
            letter.subject_es.clone().unwrap_or_default(),
        ],
        bodies: [
            letter.body_en.clone(),
            letter.body_fr.clone(),
            letter.body_es.clone().unwrap_or_default(),
        ],
        chapters: chapters
            .iter()
            .filter(|c| audience.chapters.contains(&c.id))
            .map(|c| c.slug.clone())
            .collect(),
        interests: audience
            .interests
            .iter()
            .map(|i| i.slug().to_owned())
            .collect(),
        languages: audience
            .languages
            .iter()
            .map(|l| l.code().to_owned())
            .collect(),
    }
}

const FORM_ORDER: [&str; 7] = [
    "subject_en",
    "body_en",
    "subject_fr",
    "body_fr",
    "subject_es",
    "body_es",
    "chapters",
];

fn field_errors(problems: &[(&'static str, DraftFieldError)]) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (field, problem) in problems {
        let subject = field.starts_with("subject");
        let key = match problem {
            DraftFieldError::Missing if subject => "error-newsletter-subject-missing",
            DraftFieldError::Missing => "error-newsletter-body-missing",
            DraftFieldError::TooLong if subject => "error-newsletter-subject-long",
            DraftFieldError::TooLong => "error-newsletter-body-long",
            DraftFieldError::LineBreak => "error-newsletter-subject-line",
            DraftFieldError::HiddenText => "error-text-hidden",
            DraftFieldError::NoChapter => "error-newsletter-chapters",
            DraftFieldError::OutOfScope => "error-newsletter-chapters-scope",
        };
        errors.add(field, key);
    }
    errors.in_order(&FORM_ORDER)
}

pub async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let chapters = staff.chapters(&state).await?;
    let values = DraftValues {
        chapters: chapters
            .first()
            .map(|c| c.slug.clone())
            .into_iter()
            .collect(),
        ..Default::default()
    };
    form_page(
        &staff,
        csrf_token,
        &chapters,
        None,
        &values,
        &FieldErrors::default(),
    )
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let letter = in_scope(&state, &staff, id).await?;
    if !letter.is_editable() {
        return Ok(Redirect::to(&format!("/admin/newsletters/{id}")).into_response());
    }
    let chapters = staff.chapters(&state).await?;
    let values = stored_values(&letter, &chapters);
    form_page(
        &staff,
        csrf_token,
        &chapters,
        Some(id),
        &values,
        &FieldErrors::default(),
    )
}

/// A rejected form comes back as 422, like every other form of the site.
fn status_of(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

fn form_page(
    staff: &Staff,
    csrf_token: CsrfToken,
    chapters: &[chapter::Model],
    id: Option<i64>,
    values: &DraftValues,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let viewer = staff.viewer(&csrf);
    let page = view::admin_form(&view::DraftForm {
        lang: staff.lang,
        viewer: &viewer,
        id,
        chapters,
        values,
        errors,
    });
    Ok((status_of(errors), csrf_token, page).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Form(input): Form<DraftInput>,
) -> Result<Response, AppError> {
    save(state, staff, csrf_token, None, input).await
}

pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(input): Form<DraftInput>,
) -> Result<Response, AppError> {
    save(state, staff, csrf_token, Some(id), input).await
}

async fn save(
    state: AppState,
    staff: Staff,
    csrf_token: CsrfToken,
    id: Option<i64>,
    input: DraftInput,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &input.csrf_token)?;
    if let Some(id) = id {
        in_scope(&state, &staff, id).await?;
    }
    let chapters = staff.chapters(&state).await?;
    let mut draft = input.draft(&chapters);
    // A chapter slug outside the organizer's scope was dropped above: say so.
    let mut problems = draft.check(&staff.scope);
    if input
        .chapters
        .iter()
        .any(|slug| !chapters.iter().any(|c| &c.slug == slug))
    {
        problems.retain(|(field, _)| *field != "chapters");
        problems.push(("chapters", DraftFieldError::OutOfScope));
    }
    if !problems.is_empty() {
        return form_page(
            &staff,
            csrf_token,
            &chapters,
            id,
            &input.values(),
            &field_errors(&problems),
        );
    }
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    let saved = match id {
        None => Some(
            newsletters::create(&txn, &draft, Some(staff.organizer.id), now)
                .await?
                .id,
        ),
        Some(id) => newsletters::update(&txn, id, &draft, now)
            .await?
            .then_some(id),
    };
    let Some(saved) = saved else {
        // It started sending meanwhile: nothing to change any more.
        return Ok(
            Redirect::to(&format!("/admin/newsletters/{}", id.unwrap_or_default())).into_response(),
        );
    };
    let action = if id.is_some() {
        "newsletter-updated"
    } else {
        "newsletter-created"
    };
    staff
        .audit(
            &txn,
            action,
            "newsletter",
            Some(saved),
            serde_json::json!({ "subject": draft.en.subject }),
        )
        .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/admin/newsletters/{saved}?notice=saved")).into_response())
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
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let letter = in_scope(&state, &staff, id).await?;
    let now = Utc::now();
    let to = staff.organizer.email.clone();
    let txn = state.db.begin_write().await?;
    let recent = outbox::recent_count(
        &txn,
        &to,
        newsletters::TEST_MAIL_KIND,
        now - chrono::Duration::hours(1),
    )
    .await?;
    if recent >= TESTS_PER_HOUR {
        return Ok(
            Redirect::to(&format!("/admin/newsletters/{id}?notice=test-limit")).into_response(),
        );
    }
    for lang in letter.languages() {
        if let Some(template) = Template::new(&state.brand, &letter, lang) {
            let copy = template.test_copy(&state.brand);
            outbox::enqueue(
                &txn,
                email_to(newsletters::TEST_MAIL_KIND, &to, None, lang, copy),
                now,
            )
            .await?;
        }
    }
    staff
        .audit(
            &txn,
            "newsletter-test-sent",
            "newsletter",
            Some(id),
            serde_json::json!({}),
        )
        .await?;
    txn.commit().await?;
    state.mail_waker.notify_one();
    Ok(Redirect::to(&format!("/admin/newsletters/{id}?notice=test-sent")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ScheduleInput {
    csrf_token: String,
    at: String,
    time_zone: String,
}

pub async fn schedule(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(input): Form<ScheduleInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &input.csrf_token)?;
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
    let txn = state.db.begin_write().await?;
    if newsletters::schedule(&txn, id, at).await? {
        staff
            .audit(
                &txn,
                "newsletter-scheduled",
                "newsletter",
                Some(id),
                serde_json::json!({ "at": at.to_rfc3339() }),
            )
            .await?;
    }
    txn.commit().await?;
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
    csrf_token: CsrfToken,
    Path((id, action)): Path<(i64, String)>,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
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
            let txn = state.db.begin_write().await?;
            let done = match action.as_str() {
                "unschedule" => newsletters::unschedule(&txn, id).await?,
                "publish" => newsletters::set_published(&txn, id, true).await?,
                "unpublish" => newsletters::set_published(&txn, id, false).await?,
                _ => return Err(AppError::NotFound),
            };
            if done {
                staff
                    .audit(
                        &txn,
                        &format!("newsletter-{action}"),
                        "newsletter",
                        Some(id),
                        serde_json::json!({}),
                    )
                    .await?;
            }
            txn.commit().await?;
            done
        }
    };
    if done && (action == "send" || action == "resume") {
        state.jobs_waker.notify_one();
        state.mail_waker.notify_one();
    }
    Ok(Redirect::to(&format!("/admin/newsletters/{id}?notice={action}")).into_response())
}
