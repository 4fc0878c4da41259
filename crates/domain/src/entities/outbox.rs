use sea_orm::entity::prelude::*;

/// One email, written in the transaction that caused it and delivered by the worker.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub language: crate::Language,
    pub member_id: Option<i64>,
    pub newsletter_id: Option<i64>,
    pub subject: String,
    /// Emptied once sent: a body can carry a live token, which must not outlive delivery.
    pub body_text: String,
    pub body_html: String,
    /// Extra headers as a JSON array of `[name, value]` pairs.
    pub headers: String,
    pub status: crate::outbox::Status,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// While `status` is `sending`, the lease of the worker that claimed the row.
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub message_id: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// A file to attach, as JSON `{"filename", "content_type", "content"}` (text content).
    pub attachment: Option<String>,
    /// Which of the worker's lanes sends it.
    pub lane: crate::outbox::Lane,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
