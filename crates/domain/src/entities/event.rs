use sea_orm::entity::prelude::*;

use crate::{Language, Localized};

/// An event of a chapter. `seats_taken` counts confirmed registrations and is only ever changed
/// by the conditional UPDATEs in `crate::events::seats`, so it never passes `capacity`
/// (a CHECK constraint, or a trigger on SQLite, backs that up).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chapter_id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    /// The title by language (a JSON object in a text column); English and French are
    /// required to publish.
    pub title: Localized,
    /// Markdown by language, rendered safely by the web layer.
    pub description: Localized,
    pub format: crate::events::Format,
    pub venue: Option<String>,
    pub address: Option<String>,
    /// Shown to confirmed registrants only.
    pub online_link: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// The IANA zone the times are shown in, such as `America/Toronto`.
    pub time_zone: String,
    /// `None` is unlimited.
    pub capacity: Option<i32>,
    pub seats_taken: i32,
    pub waitlist_enabled: bool,
    pub registration_opens_at: Option<DateTimeUtc>,
    pub registration_closes_at: Option<DateTimeUtc>,
    pub status: crate::events::EventStatus,
    pub reminder_sent_at: Option<DateTimeUtc>,
    pub accommodations_purged_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::chapter::Entity",
        from = "Column::ChapterId",
        to = "super::chapter::Column::Id"
    )]
    Chapter,
    #[sea_orm(has_many = "super::registration::Entity")]
    Registration,
}

impl Related<super::chapter::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Chapter.def()
    }
}

impl Related<super::registration::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Registration.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The title a reader of `lang` is shown: theirs, else English.
    pub fn title(&self, lang: Language) -> &str {
        self.title.or_english(lang)
    }

    /// The Markdown description a reader of `lang` is shown, with the same fallback.
    pub fn description(&self, lang: Language) -> &str {
        self.description.or_english(lang)
    }

    /// Seats still free, or `None` when the event is unlimited.
    pub fn seats_left(&self) -> Option<u32> {
        self.capacity
            .map(|c| u32::try_from(c.saturating_sub(self.seats_taken)).unwrap_or(0))
    }

    /// Whether every seat is taken.
    pub fn is_full(&self) -> bool {
        self.seats_left() == Some(0)
    }
}
