use sea_orm::{
    ActiveValue::{self, Set},
    entity::prelude::*,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Trimmed and lower-cased: the one form of an address that is compared.
    #[sea_orm(unique)]
    pub email: String,
    pub full_name: String,
    /// The language of their emails.
    pub language: crate::Language,
    pub chapter_id: i64,
    /// ISO 3166-2 code, such as `CA-QC`.
    pub region: Option<String>,
    /// Interest slugs joined by commas.
    pub interests: String,
    pub status: crate::membership::Status,
    /// What the last join form asked for, recorded as consent only once the address is confirmed.
    pub newsletter_requested: bool,
    pub join_wording_version: String,
    pub join_source: String,
    pub join_language: crate::Language,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    /// Permanent SMTP refusals of this address.
    pub hard_bounces: i32,
    /// Set once the bounces reach the configured limit: no newsletter goes to this address.
    pub newsletter_suspended_at: Option<DateTimeUtc>,
    /// The name and address folded for search ([`crate::search::member_text`]); kept by
    /// `before_save` and set by inserts that bypass it; empty once the member is erased.
    pub search_text: String,
    /// The latest newsletter decision in the consent ledger (`None` before any): the ledger is
    /// the record, this mirrors its latest row so that an audience is counted from an index.
    /// Written in the statement that appends the decision (`consent::append`, and the
    /// confirmation's activation for the decision it appends).
    pub newsletter_decision: Option<bool>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::chapter::Entity",
        from = "Column::ChapterId",
        to = "super::chapter::Column::Id"
    )]
    Chapter,
}

impl Related<super::chapter::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Chapter.def()
    }
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    /// Every save that changes a name or an address refolds the search text, so no write path
    /// (join, import, correction, address change) can leave it stale; erasure empties it.
    async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        // `Set` only: `is_set` is also true of the `Unchanged` values `into_active_model` gives,
        // which would rewrite the indexed search text on every update (a confirmation, say).
        let changed = insert
            || matches!(self.full_name, ActiveValue::Set(_))
            || matches!(self.email, ActiveValue::Set(_))
            || matches!(
                self.status,
                ActiveValue::Set(crate::membership::Status::Erased)
            );
        if !changed {
            return Ok(self);
        }
        let erased = matches!(
            self.status.try_as_ref(),
            Some(crate::membership::Status::Erased)
        );
        if erased {
            self.search_text = Set(String::new());
        } else if let (Some(name), Some(email)) =
            (self.full_name.try_as_ref(), self.email.try_as_ref())
        {
            self.search_text = Set(crate::search::member_text(name, email));
        }
        Ok(self)
    }
}
