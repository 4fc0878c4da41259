use sea_orm::entity::prelude::*;

/// One entry of the consent ledger. Rows are appended, never updated or deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub member_id: i64,
    pub purpose: crate::consent::Purpose,
    pub granted: bool,
    pub wording_version: String,
    pub language: crate::Language,
    pub source: String,
    /// SHA-256 of the address at the time, kept when the member is erased so that a complaint
    /// can still be checked against the ledger.
    pub email_hash: String,
    pub created_at: DateTimeUtc,
    /// What a partner sent as proof of the consent it collected, when a sign-up came through
    /// the API (JSON); the consent itself is still the person's own confirmation.
    pub evidence: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
