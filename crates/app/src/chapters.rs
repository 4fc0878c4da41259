//! An admin creates or edits a chapter: its slug, country, names and descriptions. Audited.

use chrono::{DateTime, Utc};
use domain::{
    DomainError,
    chapter::{self, ChapterFields, ChapterProblem},
    entities::chapter as chapter_row,
};

use crate::{App, by_organizer};

/// Creates (`id` None) or updates a chapter; the problems instead when there are any, and
/// then nothing is written.
pub async fn save(
    app: &App,
    by: i64,
    id: Option<i64>,
    fields: &ChapterFields,
    now: DateTime<Utc>,
) -> Result<Result<chapter_row::Model, Vec<ChapterProblem>>, DomainError> {
    let work = app.begin().await?;
    let saved = match chapter::save(work.conn(), id, fields, now).await? {
        Ok(saved) => saved,
        // Dropped without commit: nothing written.
        Err(problems) => return Ok(Err(problems)),
    };
    let action = if id.is_some() {
        "chapter-updated"
    } else {
        "chapter-created"
    };
    work.audit(
        by_organizer::action(
            by,
            action,
            "chapter",
            Some(saved.id),
            serde_json::json!({ "slug": saved.slug, "country": saved.country }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(Ok(saved))
}
