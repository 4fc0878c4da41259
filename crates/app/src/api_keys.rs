//! Organizer API keys and what partner systems do with them: an admin (or an organizer, for
//! their own chapters) creates a key, shown once, and revokes it at once; a key reads people
//! (each read recorded, for the member's data download and the audit log) and, with write
//! access, starts sign-ups and registrations through the very use cases of the public forms:
//! a partner never makes a member or a seat, it sends the person the link that does.

use chrono::{DateTime, Utc};
use domain::{
    DomainError,
    api_keys::{self, Caller, KeySecret, NewKey},
    audit,
    entities::{api_key, chapter, event, organizer},
    events::RegistrationRequest,
    membership::JoinRequest,
    organizers::Scope,
};

use crate::{App, by_organizer, registration::Requested};

/// The wording version recorded for a sign-up through the API: the text the person reads is
/// the confirmation email, whose button is their consent.
pub const SIGNUP_WORDING_VERSION: &str = "osdi-signup-2026-12-06";

/// The consent ledger's source of a sign-up sent with `key`.
pub fn ledger_source(key: &api_key::Model) -> String {
    let source = format!("api key {} ({}, {})", key.id, key.name, key.prefix);
    source.chars().take(200).collect()
}

/// Creates a key for `by`, naming only chapters within `scope`; audited.
pub async fn create(
    app: &App,
    by: &organizer::Model,
    scope: &Scope,
    new: NewKey,
    now: DateTime<Utc>,
) -> Result<(api_key::Model, KeySecret), DomainError> {
    let new = NewKey {
        chapter_ids: new
            .chapter_ids
            .into_iter()
            .filter(|&id| scope.allows(id))
            .collect(),
        ..new
    };
    let work = app.begin().await?;
    let (key, secret) = api_keys::create(work.conn(), by.id, &new, now).await?;
    work.audit(
        by_organizer::action(
            by.id,
            "api-key-created",
            "api_key",
            Some(key.id),
            serde_json::json!({
                "name": key.name,
                "prefix": key.prefix,
                "chapters": new.chapter_ids,
                "write": key.can_write,
            }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok((key, secret))
}

/// Revokes a key at once; audited when it was live.
pub async fn revoke(app: &App, by: i64, id: i64, now: DateTime<Utc>) -> Result<bool, DomainError> {
    let work = app.begin().await?;
    let revoked = api_keys::revoke(work.conn(), id, by, now).await?;
    if revoked {
        work.audit(
            by_organizer::action(
                by,
                "api-key-revoked",
                "api_key",
                Some(id),
                serde_json::json!({}),
            ),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(revoked)
}

/// The caller a presented key stands for, its last use written down (at most once a minute).
pub async fn authenticate(
    app: &App,
    presented: &str,
    now: DateTime<Utc>,
) -> Result<Option<Caller>, DomainError> {
    let Some(caller) = api_keys::authenticate(app.db.reader(), presented).await? else {
        return Ok(None);
    };
    if api_keys::due_for_touch(&caller.key, now) {
        api_keys::touch(app.db.writer(), caller.key.id, now).await?;
    }
    Ok(Some(caller))
}

/// An audit row of something a key did.
fn by_key<'a>(
    caller: &Caller,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<i64>,
    details: serde_json::Value,
) -> audit::Action<'a> {
    let mut details = details;
    if let Some(map) = details.as_object_mut() {
        map.insert("api_key".into(), serde_json::json!(caller.key.id));
        map.insert("api_key_name".into(), serde_json::json!(caller.key.name));
    }
    audit::Action {
        organizer_id: None,
        action,
        target_type,
        target_id,
        details,
    }
}

/// Records that `caller` read the records of `member_ids`: a row in the audit log for the
/// request, and the per-member index a data download reads. One transaction, two statements.
pub async fn record_people_read(
    app: &App,
    caller: &Caller,
    member_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if member_ids.is_empty() {
        return Ok(());
    }
    let work = app.begin().await?;
    api_keys::record_reads(work.conn(), caller.key.id, member_ids, now).await?;
    let single = (member_ids.len() == 1).then(|| member_ids[0]);
    work.audit(
        by_key(
            caller,
            "api-people-read",
            "api_key",
            Some(caller.key.id),
            serde_json::json!({ "people": member_ids, "single": single }),
        ),
        now,
    )
    .await?;
    work.commit().await
}

/// Why a write through the API was refused.
#[derive(Debug, thiserror::Error)]
pub enum WriteRefused {
    #[error("this key may only read")]
    ReadOnly,
    #[error("this key may not act on that chapter")]
    OutOfScope,
    #[error(transparent)]
    Domain(#[from] DomainError),
}

fn may_write(caller: &Caller, chapter_id: i64) -> Result<(), WriteRefused> {
    if !caller.key.can_write {
        return Err(WriteRefused::ReadOnly);
    }
    if !caller.sees(chapter_id) {
        return Err(WriteRefused::OutOfScope);
    }
    Ok(())
}

/// The person sign-up helper: the same double opt-in as the join form (`membership::join`),
/// the confirmation email in the person's language; the ledger will name the key as the
/// source and keep the partner's evidence, once the person confirms. Audited in the same
/// transaction as the sign-up.
pub async fn sign_up(
    app: &App,
    caller: &Caller,
    mut request: JoinRequest,
    chapters: &[chapter::Model],
    now: DateTime<Utc>,
) -> Result<(), WriteRefused> {
    may_write(caller, request.chapter_id)?;
    request.source = ledger_source(&caller.key);
    request.wording_version = SIGNUP_WORDING_VERSION.to_owned();
    let chapter_id = request.chapter_id;
    let mut work = app.begin().await?;
    crate::membership::join_in(app, &mut work, request, chapters, now).await?;
    work.audit(
        by_key(
            caller,
            "api-person-signup",
            "chapter",
            Some(chapter_id),
            serde_json::json!({}),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(())
}

/// The record-attendance helper: the same request as the event page's form
/// (`registration::request`), which mails the registration link; no seat is taken until the
/// person presses its button. Audited.
pub async fn record_attendance(
    app: &App,
    caller: &Caller,
    event: &event::Model,
    request: RegistrationRequest,
    now: DateTime<Utc>,
) -> Result<Requested, WriteRefused> {
    may_write(caller, event.chapter_id)?;
    let mut work = app.begin().await?;
    let requested = crate::registration::request_in(app, &mut work, event, request, now).await?;
    work.audit(
        by_key(
            caller,
            "api-attendance-requested",
            "event",
            Some(event.id),
            serde_json::json!({}),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok(requested)
}
