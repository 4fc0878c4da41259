use sea_orm::entity::prelude::*;

/// An organizer's key to the partners' API. Only the SHA-256 of the key is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The first characters of the key, shown to tell keys apart.
    pub prefix: String,
    #[sea_orm(unique)]
    pub key_hash: String,
    /// Read-write: the sign-up and attendance helpers; otherwise read only.
    pub can_write: bool,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    /// Updated at most once a minute.
    pub last_used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoked_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
