//! Organizers correct a member's name or chapter (never their consent), and let newsletters
//! go to an address again after bounces suspended them. Both audited; the log names the
//! member by id and says what changed, never the name itself, so that an erased member's name
//! does not outlive them in it.

use chrono::{DateTime, Utc};
use domain::{
    DomainError, FullName,
    entities::{chapter, member},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};

use crate::{App, by_organizer};

/// Sets a member's name and chapter. A region of the old chapter's country that the new
/// chapter's country lacks is dropped.
pub async fn correct(
    app: &App,
    by: i64,
    member: member::Model,
    name: &FullName,
    chapter: &chapter::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let id = member.id;
    let mut changed = Vec::new();
    if member.full_name != name.as_str() {
        changed.push("full_name");
    }
    if member.chapter_id != chapter.id {
        changed.push("chapter");
    }
    let details = serde_json::json!({
        "changed": changed,
        "chapter_before": member.chapter_id,
        "chapter_after": chapter.id,
    });
    let work = app.begin().await?;
    let mut active = member.into_active_model();
    active.full_name = Set(name.as_str().to_owned());
    active.chapter_id = Set(chapter.id);
    active.updated_at = Set(now);
    if !domain::profile::regions::belongs(
        &chapter.country,
        active.region.as_ref().as_deref().unwrap_or_default(),
    ) {
        active.region = Set(None);
    }
    active.update(work.conn()).await?;
    work.audit(
        by_organizer::action(by, "member-corrected", "member", Some(id), details),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(())
}

/// Newsletters to a member's address again, after bounces had suspended them. Audited only
/// when there was a suspension to lift.
pub async fn lift_suspension(
    app: &App,
    by: i64,
    member: &member::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let work = app.begin().await?;
    if domain::newsletters::lift_suspension(work.conn(), member.id).await? {
        work.audit(
            by_organizer::action(
                by,
                "member-newsletters-resumed",
                "member",
                Some(member.id),
                serde_json::json!({ "hard_bounces": member.hard_bounces }),
            ),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(())
}

/// Records that `by` exported the members with the filters named in `filters` (the names of
/// the filters, never what was typed in them: a name or an address).
pub async fn record_export(
    app: &App,
    by: i64,
    filters: &[&str],
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let work = app.begin().await?;
    work.audit(
        by_organizer::action(
            by,
            "members-exported",
            "member",
            None,
            serde_json::json!({ "filters": filters }),
        ),
        now,
    )
    .await?;
    work.commit().await
}
