//! Organizers and the directory: a decision on a member's submission (audited, and the
//! member told in their language), and lifting a sender's block.

use chrono::Utc;
use domain::{
    DomainError, audit,
    experts::{self, Decided, Decision},
    organizers::Scope,
};
use mailer::compose::experts as compose;

use crate::{App, mail::new_email};

/// What a decision came to.
#[derive(Debug)]
pub enum Reviewed {
    Done,
    /// The member changed the profile after the organizer opened it: decide again.
    Stale,
    /// Not in the organizer's chapters (or no such profile).
    NotFound,
}

/// Decides on the submission `revision` of profile `id`, within `scope`.
pub async fn decide(
    app: &App,
    organizer_id: i64,
    scope: &Scope,
    id: i64,
    revision: i32,
    decision: Decision,
) -> Result<Reviewed, DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    let Some(entry) = experts::in_scope(work.conn(), scope, id).await? else {
        return Ok(Reviewed::NotFound);
    };
    let profile = match experts::decide(
        work.conn(),
        &entry.profile,
        revision,
        &decision,
        organizer_id,
        now,
    )
    .await?
    {
        Decided::Done(profile) => profile,
        Decided::Stale => return Ok(Reviewed::Stale),
    };
    // The note is between the organizer and the member: the log says one was written.
    let note = match &decision {
        Decision::Approve => "",
        Decision::Return(note) | Decision::Hide(note) => note.as_str(),
    };
    work.audit(
        audit::Action {
            organizer_id: Some(organizer_id),
            action: decision.action(),
            target_type: "expert_profile",
            target_id: Some(profile.id),
            details: serde_json::json!({
                "revision": revision,
                "note": !note.is_empty(),
            }),
        },
        now,
    )
    .await?;
    let member = entry.member;
    let lang = member.language;
    let profile_url = app
        .brand
        .link(&format!("/{}/experts/{}", lang.code(), profile.slug));
    let told = match &decision {
        Decision::Approve => compose::Decision::Approved {
            profile_url: &profile_url,
        },
        Decision::Return(note) => compose::Decision::Returned { note },
        Decision::Hide(note) => compose::Decision::Hidden { note },
    };
    let mail = compose::review(&app.brand, lang, &member.full_name, &told);
    work.enqueue(new_email(experts::REVIEW_MAIL, &member, lang, mail), now)
        .await?;
    work.commit().await?;
    Ok(Reviewed::Done)
}

/// Lifts a sender's block (an admin's call, audited); returns whether there was one.
pub async fn unblock(app: &App, organizer_id: i64, sender_id: i64) -> Result<bool, DomainError> {
    let now = Utc::now();
    let work = app.begin().await?;
    let lifted = experts::unblock(work.conn(), sender_id).await?;
    if lifted {
        work.audit(
            audit::Action {
                organizer_id: Some(organizer_id),
                action: "expert-sender-unblocked",
                target_type: "expert_sender",
                target_id: Some(sender_id),
                details: serde_json::json!({}),
            },
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(lifted)
}
