use sea_orm::entity::prelude::*;

/// One event for one endpoint: written in the transaction of the change, delivered by the
/// worker's webhook loop with retries. Unique per endpoint and event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub endpoint_id: i64,
    /// The `webhook-id` header, the same on every attempt.
    pub event_id: String,
    pub topic: String,
    /// The exact body that is signed and sent.
    pub body: String,
    pub status: crate::webhooks::DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// While `sending`, the lease of the worker that claimed it.
    pub locked_until: Option<DateTimeUtc>,
    /// The HTTP status of the last answer.
    pub response_status: Option<i32>,
    /// The start of the last answer's body.
    pub response_body: Option<String>,
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
