//! The newsletter form: writing a new draft and editing one (English and French required,
//! Spanish optional), with its audience among the organizer's chapters. Saved by
//! `app::newsletters::save`.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{
    entities::{chapter, newsletter},
    newsletters::{Audience, Draft, DraftFieldError, Version},
};
use serde::Deserialize;

use super::{in_scope, status_of};
use crate::{
    admin::session::Staff,
    error::AppError,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{
        admin::newsletters::{self as view, DraftValues},
        form::FieldErrors,
    },
};

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

carries_csrf!(DraftInput);

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
    CheckedForm {
        csrf: csrf_token,
        form: input,
    }: CheckedForm<DraftInput>,
) -> Result<Response, AppError> {
    save(state, staff, csrf_token, None, input).await
}

pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm {
        csrf: csrf_token,
        form: input,
    }: CheckedForm<DraftInput>,
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
    let Some(saved) =
        app::newsletters::save(&state.app, staff.organizer.id, id, &draft, Utc::now()).await?
    else {
        // It started sending meanwhile: nothing to change any more.
        return Ok(
            Redirect::to(&format!("/admin/newsletters/{}", id.unwrap_or_default())).into_response(),
        );
    };
    Ok(Redirect::to(&format!("/admin/newsletters/{saved}?notice=saved")).into_response())
}
