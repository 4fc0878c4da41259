use sea_orm::entity::prelude::*;

use crate::{Language, Localized};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chapters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub country: String,
    pub position: i32,
    /// The name by language (a JSON object in a text column); English and French are required.
    pub name: Localized,
    pub description: Localized,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The name a reader of `lang` is shown: theirs, else English.
    pub fn name(&self, lang: Language) -> &str {
        self.name.or_english(lang)
    }

    pub fn description(&self, lang: Language) -> &str {
        self.description.or_english(lang)
    }
}
