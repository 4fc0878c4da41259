//! A member's data as they download it: profile, consent history, emails, registrations.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::{
    DomainError, Interest, consent,
    entities::{chapter, member, outbox as outbox_row},
};

use super::*;

/// Everything Réseau holds about a member, as they download it.
#[derive(Debug, Serialize)]
pub struct MemberData {
    pub profile: Profile,
    pub newsletter_subscribed: bool,
    pub consents: Vec<ConsentEntry>,
    pub emails: Vec<EmailSent>,
    /// Their event registrations, with what they asked for.
    pub registrations: Vec<serde_json::Value>,
    /// The partners' API keys that read their record, first and last time.
    pub read_by_api_keys: Vec<crate::api_keys::KeyRead>,
    /// Their listing in the Trilateral Expert Network, if they have one.
    pub expert_profile: Option<serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct Profile {
    pub email: String,
    pub full_name: String,
    pub language: String,
    pub chapter: String,
    pub region: Option<String>,
    pub interests: Vec<String>,
    pub status: String,
    pub joined_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
pub struct ConsentEntry {
    pub purpose: String,
    pub granted: bool,
    pub wording_version: String,
    pub language: String,
    pub source: String,
    /// What a partner sent as proof of consent, for a sign-up through the API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<serde_json::Value>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Serialize)]
pub struct EmailSent {
    pub kind: String,
    pub subject: String,
    pub status: String,
    pub queued_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

pub async fn export(
    conn: &impl ConnectionTrait,
    member: &member::Model,
) -> Result<MemberData, DomainError> {
    let chapter = chapter::Entity::find_by_id(member.chapter_id)
        .one(conn)
        .await?
        .map(|c| c.slug)
        .unwrap_or_default();
    let consents = consent::history(conn, member.id)
        .await?
        .into_iter()
        .map(|c| ConsentEntry {
            purpose: c.purpose.as_str().to_owned(),
            granted: c.granted,
            wording_version: c.wording_version,
            language: c.language.code().to_owned(),
            source: c.source,
            evidence: c
                .evidence
                .as_deref()
                .and_then(|e| serde_json::from_str(e).ok()),
            at: c.created_at,
        })
        .collect();
    let emails = outbox_row::Entity::find()
        .filter(outbox_row::Column::MemberId.eq(member.id))
        .order_by_asc(outbox_row::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| EmailSent {
            kind: row.kind,
            subject: row.subject,
            status: row.status.as_str().to_owned(),
            queued_at: row.created_at,
            sent_at: row.sent_at,
        })
        .collect();
    Ok(MemberData {
        profile: Profile {
            email: member.email.clone(),
            full_name: member.full_name.clone(),
            language: member.language.code().to_owned(),
            chapter,
            region: member.region.clone(),
            interests: Interest::parse_stored(&member.interests)
                .into_iter()
                .map(|i| i.slug().to_owned())
                .collect(),
            status: member.status.as_str().to_owned(),
            joined_at: member.created_at,
            confirmed_at: member.confirmed_at,
        },
        newsletter_subscribed: newsletter_subscribed(conn, member.id).await?,
        consents,
        emails,
        registrations: crate::events::registrations_of_person(conn, member.id, &member.email)
            .await?
            .into_iter()
            .map(|(r, e)| {
                serde_json::json!({
                    "event": e.slug,
                    "title": e.title(member.language),
                    "starts_at": e.starts_at,
                    "status": r.status.as_str(),
                    "waitlist_position": r.waitlist_position,
                    "accommodations": r.accommodations,
                    "registered_at": r.created_at,
                })
            })
            .collect(),
        read_by_api_keys: crate::api_keys::readers_of(conn, member.id).await?,
        expert_profile: crate::experts::export(conn, member.id, Utc::now()).await?,
    })
}
