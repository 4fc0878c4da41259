use sea_orm::entity::prelude::*;

/// A chapter an organizer may run.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organizer_chapters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organizer_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub chapter_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
