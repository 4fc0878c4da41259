use sea_orm::entity::prelude::*;

/// A one-time link of the back office: the first-run setup, an invitation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organizer_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organizer_id: Option<i64>,
    pub purpose: crate::organizers::LinkPurpose,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
