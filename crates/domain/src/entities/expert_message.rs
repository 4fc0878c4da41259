use sea_orm::entity::prelude::*;

/// A message sent to an expert through the relay. The sender's name, address and text are
/// kept only until it is relayed or dropped.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expert_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub expert_id: i64,
    /// Keyed hash of the sender's normalised address.
    pub sender_hash: String,
    /// Keyed hash of the client's address (its /64 for IPv6).
    pub ip_hash: String,
    pub status: crate::experts::MessageStatus,
    /// The language of the page the sender wrote from.
    pub language: crate::Language,
    pub sender_name: String,
    pub sender_email: String,
    pub subject: String,
    pub body: String,
    /// The sender agreed that the expert may reply (their address as Reply-To).
    pub allow_reply: bool,
    pub confirm_hash: Option<String>,
    pub confirm_expires_at: Option<DateTimeUtc>,
    /// SHA-256 of the token of the report link in the relayed email.
    pub report_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub relayed_at: Option<DateTimeUtc>,
    pub reported_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::expert_profile::Entity",
        from = "Column::ExpertId",
        to = "super::expert_profile::Column::Id"
    )]
    Profile,
}

impl Related<super::expert_profile::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Profile.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
