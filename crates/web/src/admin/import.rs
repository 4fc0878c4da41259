//! Importing members from a CSV file into one of the organizer's chapters: the upload form
//! and the report. The rows go through `app::import`, the same as `reseau members import`.

use axum::{
    extract::{Multipart, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use axum_csrf::CsrfToken;
use bytes::Bytes;

use super::session::Staff;
use crate::{
    error::AppError,
    security::csrf,
    state::AppState,
    views::{admin::import as view, form::FieldErrors},
};

/// The fields of the import form, read from a multipart body. A multipart body is not a
/// `CheckedForm`, so its token is checked here, once, before any field is used.
struct ImportUpload {
    chapter: String,
    source: String,
    file: Option<Bytes>,
}

impl ImportUpload {
    async fn read_checked(
        csrf_token: &CsrfToken,
        mut multipart: Multipart,
    ) -> Result<Self, AppError> {
        let mut csrf_field = String::new();
        let mut upload = ImportUpload {
            chapter: String::new(),
            source: String::new(),
            file: None,
        };
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| AppError::BadRequest)?
        {
            match field.name().unwrap_or_default() {
                "csrf_token" => csrf_field = text_of(field).await?,
                "chapter" => upload.chapter = text_of(field).await?,
                "consent_source" => upload.source = text_of(field).await?,
                "file" => {
                    upload.file = Some(field.bytes().await.map_err(|_| AppError::BadRequest)?)
                }
                _ => {}
            }
        }
        csrf::verify(csrf_token, &csrf_field)?;
        Ok(upload)
    }
}

async fn text_of(field: axum::extract::multipart::Field<'_>) -> Result<String, AppError> {
    field.text().await.map_err(|_| AppError::BadRequest)
}

pub async fn import_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let chapters = staff.chapters(&state).await?;
    let viewer = staff.viewer(&csrf);
    let page = view::import_form(&view::ImportPage {
        lang: staff.lang,
        viewer: &viewer,
        chapters: &chapters,
        chapter: "",
        source: "",
        errors: &FieldErrors::default(),
    });
    Ok((csrf_token, page).into_response())
}

/// The upload: a chapter in the organizer's scope, where the consent comes from, the file.
pub async fn import(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let ImportUpload {
        chapter: chapter_slug,
        source,
        file,
    } = ImportUpload::read_checked(&csrf_token, multipart).await?;
    let chapters = staff.chapters(&state).await?;
    let chapter = chapters
        .iter()
        .find(|c| c.slug == chapter_slug)
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let source = source.trim().to_owned();
    if source.is_empty() || source.chars().count() > 100 {
        errors.add("consent_source", "error-consent-source");
    }
    let rows = file
        .filter(|f| !f.is_empty())
        .and_then(|bytes| app::import::read(&bytes).ok());
    if rows.is_none() {
        errors.add("file", "error-import-file");
    }
    let Some(rows) = rows.filter(|_| errors.is_empty()) else {
        let csrf = csrf::form_value(&csrf_token)?;
        let viewer = staff.viewer(&csrf);
        let page = view::import_form(&view::ImportPage {
            lang: staff.lang,
            viewer: &viewer,
            chapters: &chapters,
            chapter: &chapter_slug,
            source: &source,
            errors: &errors,
        });
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    let importer = app::import::Importer {
        organizer_id: Some(staff.organizer.id),
        scope: staff.scope.clone(),
    };
    let report = app::import::run(&state.app, &rows, chapter, &source, &importer, |_| {})
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let csrf = csrf::form_value(&csrf_token)?;
    let rejected: Vec<(usize, Vec<&'static str>)> = report
        .rejected
        .iter()
        .map(|(line, reasons)| (*line, reasons.iter().map(|r| r.as_str()).collect()))
        .collect();
    let page = view::import_report(
        staff.lang,
        &staff.viewer(&csrf),
        [
            ("import-invited", report.invited),
            ("import-existing", report.existing),
            ("import-other-chapter", report.other_chapter),
            ("import-throttled", report.throttled),
            ("import-rejected", report.rejected.len()),
        ],
        &rejected,
    );
    Ok((csrf_token, page).into_response())
}
