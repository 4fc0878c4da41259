//! The public archive of newsletters an organizer chose to publish: their text only, no
//! recipient, no link of anyone's.

use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Response},
};
use domain::newsletters;
use serde::Deserialize;

use crate::{error::AppError, lang::Lang, state::AppState, views};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ArchiveQuery {
    chapter: String,
}

pub async fn archive(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Query(query): Query<ArchiveQuery>,
) -> Result<Response, AppError> {
    let chapters = domain::chapter::all(state.db.reader()).await?;
    let chosen = chapters.iter().find(|c| c.slug == query.chapter);
    let letters = newsletters::archive(state.db.reader(), chosen.map(|c| c.id)).await?;
    Ok(
        views::newsletters::archive(&views::newsletters::ArchivePage {
            lang,
            brand: &state.brand,
            letters: &letters,
            chapters: &chapters,
            chapter: chosen.map(|c| c.slug.as_str()).unwrap_or_default(),
        })
        .into_response(),
    )
}

pub async fn archived(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let letter = newsletters::archived(state.db.reader(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(views::newsletters::archived(lang, &state.brand, &letter).into_response())
}
