use sea_orm::entity::prelude::*;

/// A registration's choice of one session (unique per registration and session).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_choices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub registration_id: i64,
    pub session_id: i64,
    pub status: crate::summit::ChoiceStatus,
    /// 1 is next in line; set only while `waitlisted`, kept 1..N without gaps per session.
    pub waitlist_position: Option<i32>,
    /// Grows with each change of this choice (part of its calendar entry's SEQUENCE).
    pub revision: i32,
    /// When the reminder an hour before was queued: at most once.
    pub reminded_at: Option<DateTimeUtc>,
    pub checked_in_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::registration::Entity",
        from = "Column::RegistrationId",
        to = "super::registration::Column::Id"
    )]
    Registration,
    #[sea_orm(
        belongs_to = "super::event_session::Entity",
        from = "Column::SessionId",
        to = "super::event_session::Column::Id"
    )]
    Session,
}

impl Related<super::registration::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Registration.def()
    }
}

impl Related<super::event_session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Session.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
