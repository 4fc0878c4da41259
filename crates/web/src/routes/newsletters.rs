//! The public archive of newsletters an organizer chose to publish: their text only, no
//! recipient, no link of anyone's.

use axum::{
    extract::{Path, Query, State},
    http::HeaderMap,
    response::Response,
};
use domain::newsletters;
use serde::Deserialize;

use crate::{error::AppError, lang::Lang, page_cache::Rendered, state::AppState, views};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ArchiveQuery {
    chapter: String,
}

pub async fn archive(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Query(query): Query<ArchiveQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let chapters = state.chapters.get(&state.db).await?;
    // An unknown chapter shows them all: the key is the chapter found, so the pages are few.
    let chosen = chapters
        .iter()
        .find(|c| c.slug == query.chapter)
        .map(|c| c.slug.clone())
        .unwrap_or_default();
    let key = format!("archive/{}/{chosen}", lang.code());
    state
        .pages
        .page(&state, &headers, key, || async {
            let chapters = domain::chapter::all(state.db.reader()).await?;
            let chosen = chapters.iter().find(|c| c.slug == chosen);
            let letters = newsletters::archive(state.db.reader(), chosen.map(|c| c.id)).await?;
            Ok(Rendered {
                html: views::newsletters::archive(&views::newsletters::ArchivePage {
                    lang,
                    brand: &state.brand,
                    letters: &letters,
                    chapters: &chapters,
                    chapter: chosen.map(|c| c.slug.as_str()).unwrap_or_default(),
                })
                .into_string(),
                until: None,
            })
        })
        .await
}

pub async fn archived(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .pages
        .page(
            &state,
            &headers,
            format!("letter/{}/{id}", lang.code()),
            || async {
                let letter = newsletters::archived(state.db.reader(), id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                Ok(Rendered {
                    html: views::newsletters::archived(lang, &state.brand, &letter).into_string(),
                    until: None,
                })
            },
        )
        .await
}
