//! The newsletter form: writing a new draft and editing one (English and French required,
//! the other languages optional), with its audience among the organizer's chapters. Saved by
//! `app::newsletters::save`.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{
    entities::{chapter, newsletter},
    newsletters::{Audience, Draft, DraftField, DraftFieldError},
};
use serde::Deserialize;

use super::{in_scope, status_of};
use crate::{
    admin::session::Staff,
    error::AppError,
    language_texts::{LanguageTexts, field_name},
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
    /// `subject_<code>` and `body_<code>` for every language.
    #[serde(flatten)]
    texts: LanguageTexts,
    chapters: Vec<String>,
    interests: Vec<String>,
    languages: Vec<String>,
}

carries_csrf!(DraftInput);

impl DraftInput {
    fn values(&self) -> DraftValues {
        DraftValues {
            texts: self.texts.clone(),
            chapters: self.chapters.clone(),
            interests: self.interests.clone(),
            languages: self.languages.clone(),
        }
    }

    fn draft(&self, chapters: &[chapter::Model]) -> Draft {
        Draft {
            subject: self.texts.localized("subject"),
            body: self.texts.localized("body"),
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
        texts: LanguageTexts::stored(&[("subject", &letter.subject), ("body", &letter.body)]),
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

fn field_errors(problems: &[(DraftField, DraftFieldError)]) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (field, problem) in problems {
        let subject = matches!(field, DraftField::Subject(_));
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
        let name = match field {
            DraftField::Subject(lang) => field_name("subject", *lang),
            DraftField::Body(lang) => field_name("body", *lang),
            DraftField::Chapters => "chapters".to_owned(),
        };
        errors.add(name, key);
    }
    let mut order = crate::views::admin::texts::field_order(&view::TEXTS);
    order.push("chapters".to_owned());
    errors.in_order(&order)
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
    let draft = input.draft(&chapters);
    // A chapter slug outside the organizer's scope was dropped above: say so.
    let mut problems = draft.check(&staff.scope);
    if input
        .chapters
        .iter()
        .any(|slug| !chapters.iter().any(|c| &c.slug == slug))
    {
        problems.retain(|(field, _)| *field != DraftField::Chapters);
        problems.push((DraftField::Chapters, DraftFieldError::OutOfScope));
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
