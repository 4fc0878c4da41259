use sea_orm::entity::prelude::*;

/// One person's registration for one event (unique per event and address). Only the SHA-256
/// of the registration page's token is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registrations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    /// Set when a signed-in member registered; registering never makes a member.
    pub member_id: Option<i64>,
    /// Trimmed and lower-cased, like a member's.
    pub email: String,
    pub full_name: String,
    /// The language of their emails.
    pub language: crate::Language,
    pub status: crate::events::RegistrationStatus,
    /// 1 is next in line; set only while `waitlisted`, and kept 1..N without gaps.
    pub waitlist_position: Option<i32>,
    /// JSON of `crate::events::Accommodations`; erased some days after the event.
    pub accommodations: Option<String>,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub checked_in_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// When the seat was taken (at confirmation, or at promotion from the waitlist).
    pub confirmed_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id"
    )]
    Event,
    #[sea_orm(
        belongs_to = "super::member::Entity",
        from = "Column::MemberId",
        to = "super::member::Column::Id"
    )]
    Member,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Member.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
