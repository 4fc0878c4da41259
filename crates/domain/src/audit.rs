//! The audit log: every organizer action that changes or exports data. Rows are appended,
//! never updated or deleted.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::{DomainError, entities::audit};

/// Every action the code records, grouped by what it acts on. The back office names each in
/// words (`audit-action-<code>` in the locale files); recording one that is not listed here
/// fails in debug builds (every test), so none reaches the log without its words.
pub const ACTIONS: &[&str] = &[
    // Sign-in and the organizer's own account.
    "setup",
    "invitation-accepted",
    "sign-in",
    "sign-in-password",
    "sign-in-failed",
    "sign-in-code-failed",
    "sign-out",
    "step-up",
    "step-up-failed",
    "step-up-code-failed",
    "password-check-failed",
    "password-changed",
    "two-factor-enrolled",
    // Organizers and settings.
    "organizer-invited",
    "organizer-activated",
    "organizer-deactivated",
    "organizer-chapters-changed",
    "organizer-created-from-command-line",
    "two-factor-policy",
    // Chapters and members.
    "chapter-created",
    "chapter-updated",
    "member-corrected",
    "member-newsletters-resumed",
    "members-exported",
    "members-imported",
    "member-invited-by-import",
    "member-reinvited-by-import",
    "member-filled-by-import",
    // Events and registrations.
    "event-created",
    "event-updated",
    "event-published",
    "event-cancelled",
    "event-message",
    "registration-check-in",
    "registration-undo",
    "registrations-exported",
    "accommodations-erased",
    // The Digital Summit's sessions.
    "session-created",
    "session-updated",
    "session-moved",
    "session-cancelled",
    "session-check-in",
    "session-undo",
    "session-attendance-exported",
    // Newsletters.
    "newsletter-created",
    "newsletter-updated",
    "newsletter-test-sent",
    "newsletter-scheduled",
    "newsletter-unschedule",
    "newsletter-held",
    "newsletter-send",
    "newsletter-pause",
    "newsletter-resume",
    "newsletter-cancel",
    "newsletter-publish",
    "newsletter-unpublish",
    // The Trilateral Expert Network.
    "expert-approved",
    "expert-returned",
    "expert-hidden",
    "expert-message-reported",
    "expert-sender-unblocked",
    // Partners: API keys, their reads and writes, and webhooks.
    "api-key-created",
    "api-key-revoked",
    "api-people-read",
    "api-person-signup",
    "api-attendance-requested",
    "webhook-created",
    "webhook-enabled",
    "webhook-disabled",
];

/// What the recorded actions act on; named in words too (`audit-target-<type>`).
pub const TARGETS: &[&str] = &[
    "organizer",
    "settings",
    "chapter",
    "member",
    "event",
    "session",
    "registration",
    "newsletter",
    "expert_profile",
    "expert_sender",
    "api_key",
    "webhook",
];

/// One action to record.
#[derive(Clone, Debug)]
pub struct Action<'a> {
    pub organizer_id: Option<i64>,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<i64>,
    pub details: serde_json::Value,
}

pub async fn record(
    conn: &impl ConnectionTrait,
    action: Action<'_>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    debug_assert!(
        ACTIONS.contains(&action.action) && TARGETS.contains(&action.target_type),
        "audit action {:?} on {:?} is not in audit::ACTIONS and TARGETS: list it and name it \
         in words (audit-action-…, audit-target-… in locales/*/audit.ftl)",
        action.action,
        action.target_type
    );
    audit::Entity::insert(audit::ActiveModel {
        organizer_id: Set(action.organizer_id),
        action: Set(action.action.to_owned()),
        target_type: Set(action.target_type.to_owned()),
        target_id: Set(action.target_id),
        details: Set(action.details.to_string()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// A page of the log, newest first, optionally for one organizer or one action.
pub async fn page(
    conn: &impl ConnectionTrait,
    organizer_id: Option<i64>,
    action: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<audit::Model>, u64), DomainError> {
    let mut query = audit::Entity::find().order_by_desc(audit::Column::Id);
    if let Some(id) = organizer_id {
        query = query.filter(audit::Column::OrganizerId.eq(id));
    }
    if let Some(action) = action {
        query = query.filter(audit::Column::Action.eq(action));
    }
    let paginator = query.paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page).await?, total))
}
