//! The chapters, for admins: the list, and the form that creates or edits one.

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{Language, entities::chapter};
use sea_orm::EntityTrait;
use serde::Deserialize;

use super::session::Staff;
use crate::{
    error::AppError,
    language_texts::{LanguageTexts, field_name},
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{admin::chapters as view, form::FieldErrors},
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedChapter {
    saved: String,
}

pub async fn chapters(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Query(q): Query<SavedChapter>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let csrf = csrf::form_value(&csrf_token)?;
    let all = domain::chapter::all(state.db.reader()).await?;
    let page = view::chapters(staff.lang, &staff.viewer(&csrf), &all, q.saved == "1");
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChapterInput {
    csrf_token: String,
    slug: String,
    country: String,
    /// `name_<code>` and `description_<code>` for every language.
    #[serde(flatten)]
    texts: LanguageTexts,
}

carries_csrf!(ChapterInput);

impl ChapterInput {
    fn fields(&self) -> domain::chapter::ChapterFields {
        domain::chapter::ChapterFields {
            slug: self.slug.trim().to_owned(),
            country: self.country.trim().to_owned(),
            names: self.texts.localized("name"),
            descriptions: self.texts.localized("description"),
        }
    }
}

fn chapter_errors(problems: &[domain::chapter::ChapterProblem]) -> FieldErrors {
    use domain::chapter::ChapterProblem as P;
    let mut errors = FieldErrors::default();
    for problem in problems {
        match problem {
            P::Slug => errors.add("slug", "error-slug-invalid"),
            P::SlugTaken => errors.add("slug", "error-slug-taken"),
            P::Country => errors.add("country", "error-country-invalid"),
            P::NameMissing(lang) => errors.add(field_name("name", *lang), "error-text-required"),
            P::DescriptionMissing(lang) => {
                errors.add(field_name("description", *lang), "error-text-required")
            }
            P::TooLong => errors.add("name_en", "error-text-too-long"),
            P::NameHidden(lang) => errors.add(field_name("name", *lang), "error-text-hidden"),
            P::DescriptionHidden(lang) => {
                errors.add(field_name("description", *lang), "error-text-hidden")
            }
        }
    }
    let mut order = vec!["slug".to_owned(), "country".to_owned()];
    order.extend(crate::views::admin::texts::field_order(&view::TEXTS));
    errors.in_order(&order)
}

fn chapter_heading(lang: Language, existing: Option<&chapter::Model>) -> String {
    match existing {
        Some(c) => mailer::i18n::t_with(lang, "chapters-edit", &[("chapter", c.name(lang))]),
        None => mailer::i18n::t(lang, "chapters-new"),
    }
}

async fn existing_chapter(
    state: &AppState,
    id: Option<i64>,
) -> Result<Option<chapter::Model>, AppError> {
    match id {
        None => Ok(None),
        Some(id) => Ok(Some(
            chapter::Entity::find_by_id(id)
                .one(state.db.reader())
                .await?
                .ok_or(AppError::NotFound)?,
        )),
    }
}

/// `/admin/chapters/new` or `/admin/chapters/{id}`.
fn chapter_id(segment: &str) -> Result<Option<i64>, AppError> {
    match segment {
        "new" => Ok(None),
        id => id.parse().map(Some).map_err(|_| AppError::NotFound),
    }
}

pub async fn chapter_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(segment): Path<String>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let existing = existing_chapter(&state, chapter_id(&segment)?).await?;
    let fields = existing
        .as_ref()
        .map(|c| domain::chapter::ChapterFields {
            slug: c.slug.clone(),
            country: c.country.clone(),
            names: c.name.clone(),
            descriptions: c.description.clone(),
        })
        .unwrap_or_default();
    let csrf = csrf::form_value(&csrf_token)?;
    let heading = chapter_heading(staff.lang, existing.as_ref());
    let action = format!("/admin/chapters/{segment}");
    let page = view::chapter_form(
        staff.lang,
        &staff.viewer(&csrf),
        &action,
        &heading,
        &fields,
        &FieldErrors::default(),
    );
    Ok((csrf_token, page).into_response())
}

pub async fn save_chapter(
    State(state): State<AppState>,
    staff: Staff,
    Path(segment): Path<String>,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<ChapterInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let id = chapter_id(&segment)?;
    let existing = existing_chapter(&state, id).await?;
    let fields = form.fields();
    match app::chapters::save(&state.app, staff.organizer.id, id, &fields, Utc::now()).await? {
        Ok(_) => {
            state.chapters.invalidate();
            Ok(Redirect::to("/admin/chapters?saved=1").into_response())
        }
        Err(problems) => {
            let csrf = csrf::form_value(&csrf_token)?;
            let heading = chapter_heading(staff.lang, existing.as_ref());
            let action = format!("/admin/chapters/{segment}");
            let page = view::chapter_form(
                staff.lang,
                &staff.viewer(&csrf),
                &action,
                &heading,
                &fields,
                &chapter_errors(&problems),
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response())
        }
    }
}
