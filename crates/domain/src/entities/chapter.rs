use sea_orm::entity::prelude::*;

use crate::Language;

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
    /// The name in `lang`; Spanish is optional and falls back to English.
    pub fn name(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.name_en,
            Language::Fr => &self.name_fr,
            Language::Es if self.name_es.is_empty() => &self.name_en,
            Language::Es => &self.name_es,
        }
    }

    pub fn description(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.description_en,
            Language::Fr => &self.description_fr,
            Language::Es if self.description_es.is_empty() => &self.description_en,
            Language::Es => &self.description_es,
        }
    }
}
