//! Leaving for good: a member anonymised, their mail cancelled and addresses forgotten, the
//! ledger kept with the address's hash; and a sign-up never confirmed forgotten the same way.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use tracing::instrument;

use crate::{
    DomainError, consent, entities::member, membership::Status, outbox, session,
    sign_in_guard::AddressKey, token,
};

use super::*;

/// Erases a member: the row is anonymised and marked erased, pending mail to them cancelled
/// (except the goodbye the caller has just queued), every address in the outbox forgotten,
/// links and sessions revoked. The consent ledger stays, with its hash of the address, and
/// records the withdrawal.
#[instrument(skip_all, fields(member = member.id))]
pub async fn erase(
    conn: &impl ConnectionTrait,
    key: &AddressKey,
    member: member::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let hash = key.of(&member.email);
    let language = member.language;
    for purpose in [consent::Purpose::Newsletter, consent::Purpose::Membership] {
        consent::append(
            conn,
            consent::Entry {
                member_id: member.id,
                purpose,
                granted: false,
                wording_version: "erasure",
                language,
                source: SOURCE_ERASURE,
                email_hash: &hash,
                evidence: None,
            },
            now,
        )
        .await?;
    }
    forget(conn, member, GOODBYE_MAIL, now).await
}

/// Everything an erasure and a forgotten sign-up share: their mail is cancelled and its
/// address forgotten (but for rows of `keep_kind`), their links and sessions end, and the row
/// keeps only its id and an undeliverable placeholder address.
pub(super) async fn forget(
    conn: &impl ConnectionTrait,
    member: member::Model,
    keep_kind: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    outbox::cancel_for_member(conn, member.id, keep_kind).await?;
    outbox::forget_member_addresses(conn, member.id, keep_kind).await?;
    outbox::forget_address(conn, &member.email, keep_kind).await?;
    token::revoke_all(conn, member.id).await?;
    session::end_all(conn, member.id).await?;

    let id = member.id;
    let mut active = member.into_active_model();
    active.email = Set(erased_address(id));
    active.full_name = Set(String::new());
    active.region = Set(None);
    active.interests = Set(String::new());
    active.status = Set(Status::Erased);
    active.newsletter_requested = Set(false);
    active.updated_at = Set(now);
    active.update(conn).await?;
    Ok(())
}

/// Forgets a sign-up that was never confirmed: like an erasure, without a consent to withdraw
/// (there is none) or a goodbye to send (they never joined).
pub async fn forget_unconfirmed(
    conn: &impl ConnectionTrait,
    member: member::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    forget(conn, member, "", now).await
}

/// The placeholder that takes an erased member's address: unique, and undeliverable by
/// construction (RFC 2606 reserves `.invalid`).
pub fn erased_address(member_id: i64) -> String {
    format!("erased-{member_id}@erased.invalid")
}

/// Members whose status is `erased`, among `ids`: the worker refuses to mail them.
pub async fn erased_among(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<i64>, DomainError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = member::Entity::find()
        .filter(member::Column::Id.is_in(ids.iter().copied()))
        .filter(member::Column::Status.eq(Status::Erased))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|m| m.id).collect())
}
