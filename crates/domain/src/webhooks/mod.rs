//! Webhooks: an admin registers an address for some event types; each event is written, in
//! the transaction of the change that caused it, as one delivery row per endpoint that wants
//! it (unique per endpoint and event), and the worker's webhook loop posts it signed as
//! Standard Webhooks says, with retries and backoff (`deliveries`).
//!
//! Bodies are thin: identifiers and links to the OSDI resources, never a name or an address,
//! so a delivery row holds nothing an erasure would have to forget.

mod deliveries;
mod endpoints;
pub mod signature;
pub mod target;

use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DeriveActiveEnum, EntityTrait, EnumIter,
    QueryFilter, sea_query::OnConflict,
};

pub use deliveries::{
    Claimed, Failure, claim, deliveries_of, due_exists, mark_delivered, mark_failed, record_answer,
    retry_later,
};
pub use endpoints::{
    NewEndpoint, all as all_endpoints, create as create_endpoint, find as find_endpoint,
    set_active as set_endpoint_active,
};

use crate::{
    DomainError,
    entities::{webhook_delivery, webhook_endpoint},
};

/// What happened, as receivers subscribe to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    MemberConfirmed,
    MemberUnsubscribed,
    MemberErased,
    RegistrationConfirmed,
    RegistrationCancelled,
    NewsletterSent,
}

impl Topic {
    pub const ALL: [Topic; 6] = [
        Topic::MemberConfirmed,
        Topic::MemberUnsubscribed,
        Topic::MemberErased,
        Topic::RegistrationConfirmed,
        Topic::RegistrationCancelled,
        Topic::NewsletterSent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::MemberConfirmed => "member.confirmed",
            Topic::MemberUnsubscribed => "member.unsubscribed",
            Topic::MemberErased => "member.erased",
            Topic::RegistrationConfirmed => "registration.confirmed",
            Topic::RegistrationCancelled => "registration.cancelled",
            Topic::NewsletterSent => "newsletter.sent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The stored list of an endpoint's topics.
    pub fn to_stored(topics: &[Topic]) -> String {
        topics
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn parse_stored(stored: &str) -> Vec<Topic> {
        stored.split(',').filter_map(Topic::parse).collect()
    }
}

/// Where a delivery is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum DeliveryStatus {
    /// Waiting for `next_attempt_at`.
    #[sea_orm(string_value = "queued")]
    Queued,
    /// Claimed by a worker until `locked_until`.
    #[sea_orm(string_value = "sending")]
    Sending,
    /// Recorded just before the request's last byte left: never sent again.
    #[sea_orm(string_value = "delivered")]
    Delivered,
    /// Given up: the last attempt failed, or the address was refused.
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Its endpoint was switched off before it went.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Queued => "queued",
            DeliveryStatus::Sending => "sending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Cancelled => "cancelled",
        }
    }
}

/// A new event id, the `webhook-id` of each of its deliveries.
fn event_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    format!("msg_{}", hex::encode(bytes))
}

/// Writes one delivery of an event for each active endpoint that wants `topic`, in the
/// caller's transaction. The body is `{"type", "timestamp", "data"}`. Returns how many.
pub async fn emit(
    conn: &impl ConnectionTrait,
    topic: Topic,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let endpoints: Vec<i64> = webhook_endpoint::Entity::find()
        .filter(webhook_endpoint::Column::Active.eq(true))
        .all(conn)
        .await?
        .into_iter()
        .filter(|e| Topic::parse_stored(&e.topics).contains(&topic))
        .map(|e| e.id)
        .collect();
    if endpoints.is_empty() {
        return Ok(0);
    }
    let id = event_id();
    let body = serde_json::json!({
        "type": topic.as_str(),
        "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "data": data,
    })
    .to_string();
    webhook_delivery::Entity::insert_many(endpoints.iter().map(|&endpoint_id| {
        webhook_delivery::ActiveModel {
            endpoint_id: Set(endpoint_id),
            event_id: Set(id.clone()),
            topic: Set(topic.as_str().to_owned()),
            body: Set(body.clone()),
            status: Set(DeliveryStatus::Queued),
            attempts: Set(0),
            next_attempt_at: Set(now),
            locked_until: Set(None),
            response_status: Set(None),
            response_body: Set(None),
            last_error: Set(None),
            delivered_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
    }))
    .on_conflict(
        OnConflict::columns([
            webhook_delivery::Column::EndpointId,
            webhook_delivery::Column::EventId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(endpoints.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip() {
        for topic in Topic::ALL {
            assert_eq!(Topic::parse(topic.as_str()), Some(topic));
        }
        let stored = Topic::to_stored(&[Topic::MemberErased, Topic::NewsletterSent]);
        assert_eq!(stored, "member.erased,newsletter.sent");
        assert_eq!(
            Topic::parse_stored(&format!("{stored},nonsense")),
            vec![Topic::MemberErased, Topic::NewsletterSent]
        );
        assert!(event_id().starts_with("msg_"));
    }
}
