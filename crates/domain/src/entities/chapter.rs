use sea_orm::entity::prelude::*;

use crate::{Language, language::own_or_english};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chapters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub country: String,
    pub position: i32,
    pub name_en: String,
    pub name_fr: String,
    pub name_es: String,
    pub description_en: String,
    pub description_fr: String,
    pub description_es: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The name in `lang`; Spanish is optional, and it and languages without a column fall
    /// back to English.
    pub fn name(&self, lang: Language) -> &str {
        let own = match lang {
            Language::Fr => Some(self.name_fr.as_str()),
            Language::Es => Some(self.name_es.as_str()),
            _ => None,
        };
        own_or_english(own, &self.name_en)
    }

    pub fn description(&self, lang: Language) -> &str {
        let own = match lang {
            Language::Fr => Some(self.description_fr.as_str()),
            Language::Es => Some(self.description_es.as_str()),
            _ => None,
        };
        own_or_english(own, &self.description_en)
    }
}
