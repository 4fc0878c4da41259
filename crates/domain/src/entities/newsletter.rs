use sea_orm::entity::prelude::*;

/// A newsletter: its text per language, its audience, and how far its send has gone.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "newsletters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The subject by language (a JSON object in a text column); a language has a version
    /// when it has both a subject and a body.
    pub subject: crate::Localized,
    /// Markdown by language.
    pub body: crate::Localized,
    /// JSON array of chapter ids.
    pub audience_chapters: String,
    /// JSON array of interest slugs; empty means every member whatever their interests.
    pub audience_interests: String,
    /// JSON array of language codes; empty means every language.
    pub audience_languages: String,
    pub status: crate::newsletters::Status,
    pub scheduled_at: Option<DateTimeUtc>,
    pub started_at: Option<DateTimeUtc>,
    /// The audience is fixed when sending starts: nobody who joins later is added.
    pub audience_max_member_id: Option<i64>,
    /// The expansion into outbox rows has covered members up to this id.
    pub expanded_through: i64,
    pub expanded_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    /// Outbox rows written for this newsletter.
    pub recipients: i64,
    /// Shown in the public archive.
    pub published: bool,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Why it was held back, if it was: the sender identification CASL requires that was
    /// missing (`mail.postal_address` or `mail.contact_email`) when it was due to start or
    /// when a worker came to one of its copies. Cleared when it starts or resumes.
    pub held_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
