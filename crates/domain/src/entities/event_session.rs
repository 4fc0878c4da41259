use sea_orm::entity::prelude::*;

use crate::{Language, Localized};

/// A session of an event's programme. `seats_taken` counts the `chosen` choices and is only
/// ever changed by the conditional UPDATEs of `crate::summit::choices`, so it never passes
/// `capacity` (a CHECK backs that up).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    /// By language; English and French are required to publish the event.
    pub title: Localized,
    /// Markdown, by language.
    pub description: Localized,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// The track's name as the organizers wrote it ("" is the main track).
    pub track: String,
    pub format: crate::events::Format,
    pub room: Option<String>,
    /// Shown only to registrants who hold a seat in the session.
    pub livestream_url: Option<String>,
    /// Codes of the languages spoken, joined by commas.
    pub languages: String,
    pub interpretation: bool,
    /// JSON list of `crate::summit::Speaker`.
    pub speakers: String,
    /// `None` is unlimited (within the event's own seats).
    pub capacity: Option<i32>,
    pub seats_taken: i32,
    /// The calendar SEQUENCE: grows with every change calendars must follow.
    pub sequence: i32,
    pub cancelled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id"
    )]
    Event,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn title(&self, lang: Language) -> &str {
        self.title.or_english(lang)
    }

    pub fn description(&self, lang: Language) -> &str {
        self.description.or_english(lang)
    }

    /// The languages spoken, in the order written.
    pub fn spoken(&self) -> Vec<Language> {
        self.languages
            .split(',')
            .filter_map(|code| code.trim().parse().ok())
            .collect()
    }

    pub fn speakers(&self) -> Vec<crate::summit::Speaker> {
        serde_json::from_str(&self.speakers).unwrap_or_default()
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }

    pub fn seats_left(&self) -> Option<u32> {
        self.capacity
            .map(|c| u32::try_from(c.saturating_sub(self.seats_taken)).unwrap_or(0))
    }

    pub fn is_full(&self) -> bool {
        self.seats_left() == Some(0)
    }

    /// Whether it has a livestream people join.
    pub fn is_streamed(&self) -> bool {
        self.format != crate::events::Format::InPerson
    }
}
