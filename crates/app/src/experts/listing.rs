//! A member and their listing: asking to be listed (a consent of its own), editing it,
//! pausing contact requests, withdrawing it.

use chrono::Utc;
use domain::{
    DomainError, Language,
    entities::{expert_profile, member},
    experts::{self, ConsentRecord, Content, Saved, Visibility},
};

use crate::App;

/// Lists a member: the ledger records their consent (the form's wording version, its
/// language, the form) and the profile waits for an organizer of their chapter.
pub async fn list(
    app: &App,
    member: &member::Model,
    content: Content,
    visibility: Visibility,
    wording_version: &str,
    language: Language,
) -> Result<expert_profile::Model, DomainError> {
    let now = Utc::now();
    let work = app.begin().await?;
    let email_hash = app.ledger_key.of(&member.email);
    let profile = experts::create(
        work.conn(),
        member,
        content,
        visibility,
        ConsentRecord {
            wording_version,
            language,
            email_hash: &email_hash,
        },
        now,
    )
    .await?;
    work.commit().await?;
    Ok(profile)
}

/// Saves a member's edit of their own listing.
pub async fn save(
    app: &App,
    member: &member::Model,
    content: Content,
    visibility: Visibility,
) -> Result<Option<Saved>, DomainError> {
    let now = Utc::now();
    let work = app.begin().await?;
    let Some(profile) = experts::by_member(work.conn(), member.id).await? else {
        return Ok(None);
    };
    let saved = experts::save(work.conn(), profile, content, visibility, now).await?;
    work.commit().await?;
    Ok(Some(saved))
}

/// Pauses or resumes contact requests; `None` when the member has no listing.
pub async fn set_paused(
    app: &App,
    member: &member::Model,
    paused: bool,
) -> Result<Option<expert_profile::Model>, DomainError> {
    let work = app.begin().await?;
    let Some(profile) = experts::by_member(work.conn(), member.id).await? else {
        return Ok(None);
    };
    let saved = experts::set_paused(work.conn(), profile, paused, Utc::now()).await?;
    work.commit().await?;
    Ok(Some(saved))
}

/// Withdraws the member's listing at once, with the withdrawal in the ledger.
pub async fn withdraw(
    app: &App,
    member: &member::Model,
    wording_version: &str,
    language: Language,
) -> Result<bool, DomainError> {
    let work = app.begin().await?;
    let email_hash = app.ledger_key.of(&member.email);
    let withdrawn = experts::withdraw(
        work.conn(),
        member,
        ConsentRecord {
            wording_version,
            language,
            email_hash: &email_hash,
        },
        experts::SOURCE_PROFILE,
        Utc::now(),
    )
    .await?;
    work.commit().await?;
    Ok(withdrawn)
}
