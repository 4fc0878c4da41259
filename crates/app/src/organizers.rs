//! An admin manages the organizers: invites one (an account without a password and a
//! week-long link to set it), deactivates or reactivates one (a deactivated organizer's
//! sessions end at once), and changes the chapters one runs. The operator creates one from
//! the command line. Each is audited.

use chrono::{DateTime, Duration, Utc};
use domain::{
    DomainError, EmailAddress, Language,
    entities::{organizer, organizer_session},
    organizers::{self, Role},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};

use crate::{App, by_organizer, mail::email_to};

/// Someone to invite into the back office.
#[derive(Clone, Debug)]
pub struct Invitation {
    pub email: EmailAddress,
    pub name: String,
    pub role: Role,
    pub chapter_ids: Vec<i64>,
    /// The language of the invitation email: the inviter's.
    pub language: Language,
}

/// What an invitation did.
#[derive(Debug)]
pub enum Invited {
    /// The account and its link; the invitation is queued.
    Sent(organizer::Model),
    /// The address became an organizer's meanwhile: nothing was written.
    AlreadyOrganizer,
}

/// Creates the account, gives it its chapters and emails the invitee their link.
pub async fn invite(
    app: &App,
    inviter: &organizer::Model,
    invitation: &Invitation,
    now: DateTime<Utc>,
) -> Result<Invited, DomainError> {
    let mut work = app.begin().await?;
    let Some(organizer) = organizers::create(
        work.conn(),
        &invitation.email,
        &invitation.name,
        invitation.role,
        None,
        now,
    )
    .await?
    else {
        return Ok(Invited::AlreadyOrganizer);
    };
    organizers::assign_chapters(work.conn(), organizer.id, &invitation.chapter_ids).await?;
    let secret = organizers::issue_link(
        work.conn(),
        organizers::LinkPurpose::Invite,
        Some(organizer.id),
        Duration::days(7),
        now,
    )
    .await?;
    let mail = mailer::compose::account::invitation(
        &app.brand,
        invitation.language,
        &invitation.name,
        &inviter.name,
        secret.as_str(),
    );
    work.enqueue(
        email_to(
            "organizer-invite",
            invitation.email.as_str(),
            None,
            invitation.language,
            mail,
        ),
        now,
    )
    .await?;
    work.audit(
        by_organizer::action(
            inviter.id,
            "organizer-invited",
            "organizer",
            Some(organizer.id),
            serde_json::json!({
                "role": invitation.role.as_str(),
                "chapters": invitation.chapter_ids,
            }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(Invited::Sent(organizer))
}

/// Activates or deactivates an organizer; deactivating ends their sessions at once. The
/// caller keeps an admin from deactivating themself.
pub async fn set_active(
    app: &App,
    by: i64,
    target: organizer::Model,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let id = target.id;
    let work = app.begin().await?;
    let mut model = target.into_active_model();
    model.active = Set(active);
    model.updated_at = Set(now);
    model.update(work.conn()).await?;
    if !active {
        organizer_session::Entity::delete_many()
            .filter(organizer_session::Column::OrganizerId.eq(id))
            .exec(work.conn())
            .await?;
    }
    let action = if active {
        "organizer-activated"
    } else {
        "organizer-deactivated"
    };
    work.audit(
        by_organizer::action(by, action, "organizer", Some(id), serde_json::json!({})),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(())
}

/// Replaces the chapters an organizer runs. Audited with before and after.
pub async fn assign_chapters(
    app: &App,
    by: i64,
    target_id: i64,
    chapter_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let work = app.begin().await?;
    let before = organizers::chapters_of(work.conn(), target_id).await?;
    organizers::assign_chapters(work.conn(), target_id, chapter_ids).await?;
    work.audit(
        by_organizer::action(
            by,
            "organizer-chapters-changed",
            "organizer",
            Some(target_id),
            serde_json::json!({ "before": before, "after": chapter_ids }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(())
}

/// The operator creates an organizer from the command line, with a password. `None` when
/// the address is an organizer's already.
pub async fn create_by_operator(
    app: &App,
    email: &EmailAddress,
    name: &str,
    role: Role,
    chapter_ids: &[i64],
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<Option<organizer::Model>, DomainError> {
    let work = app.begin().await?;
    let Some(organizer) =
        organizers::create(work.conn(), email, name, role, Some(password_hash), now).await?
    else {
        return Ok(None);
    };
    organizers::assign_chapters(work.conn(), organizer.id, chapter_ids).await?;
    work.audit(
        domain::audit::Action {
            organizer_id: None,
            action: "organizer-created-from-command-line",
            target_type: "organizer",
            target_id: Some(organizer.id),
            details: serde_json::json!({ "role": role.as_str(), "chapters": chapter_ids }),
        },
        now,
    )
    .await?;
    work.commit().await?;
    Ok(Some(organizer))
}
