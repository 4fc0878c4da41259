use sea_orm::entity::prelude::*;

use crate::Localized;

/// A member's listing in the Trilateral Expert Network. The content columns hold the version
/// an organizer approved; changes waiting for review are in `draft`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expert_profiles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub member_id: i64,
    /// Random and stable: it names no one and cannot be counted through.
    #[sea_orm(unique)]
    pub slug: String,
    pub display_name: String,
    /// Area slugs (`domain::Interest`) joined by commas.
    pub areas: String,
    /// Spoken language codes (`experts::SPOKEN`) joined by commas.
    pub languages: String,
    /// ISO 3166-1 alpha-2 (`experts::COUNTRIES`).
    pub country: String,
    pub organisation: String,
    pub org_role: String,
    pub bio: Localized,
    /// The communities of lived experience the member speaks from, in their own words.
    pub lived_experience: Localized,
    pub public_name: bool,
    pub public_areas: bool,
    pub public_languages: bool,
    pub public_place: bool,
    pub public_organisation: bool,
    pub public_bio: bool,
    pub public_lived: bool,
    /// Changes waiting for an organizer, as JSON (`experts::Content`).
    pub draft: Option<String>,
    /// Counts the member's submissions: an organizer's decision names the one it was made on.
    pub revision: i32,
    pub status: crate::experts::Status,
    /// What the organizer wrote when sending the profile back or hiding it.
    pub review_note: String,
    pub contact_paused: bool,
    /// The public fields, folded for search (`domain::search::fold`).
    pub search_public: String,
    /// Every field but the lived experience, folded, for signed-in members.
    pub search_members: String,
    /// The first approval: listed from then on unless hidden.
    pub published_at: Option<DateTimeUtc>,
    pub submitted_at: DateTimeUtc,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::member::Entity",
        from = "Column::MemberId",
        to = "super::member::Column::Id"
    )]
    Member,
}

impl Related<super::member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Member.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
