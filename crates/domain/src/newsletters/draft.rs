//! What an organizer writes: a subject and body per language and an audience, checked field
//! by field; created, rewritten while not yet sending, found and listed.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use crate::{DomainError, Language, entities::newsletter, organizers::Scope};

use super::{
    audience::{Audience, audience_json},
    sending::Status,
};

pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 50_000;

/// One language's version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Version {
    pub subject: String,
    pub body: String,
}

/// What an organizer writes: English and French required, Spanish optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub en: Version,
    pub fr: Version,
    pub es: Option<Version>,
    pub audience: Audience,
}

/// What is wrong with one field of a newsletter draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftFieldError {
    Missing,
    TooLong,
    /// A subject is one line: a line break would end up in the mail's headers.
    LineBreak,
    /// An invisible or direction-changing character (U+202E and friends): a subject that
    /// reads as something else in a mail client (`domain::text`).
    HiddenText,
    NoChapter,
    /// A chapter the organizer does not run.
    OutOfScope,
}

impl Draft {
    /// Trims subjects, and lists what is wrong by form field.
    pub fn check(&mut self, scope: &Scope) -> Vec<(&'static str, DraftFieldError)> {
        let mut problems = Vec::new();
        let mut version = |v: &mut Version, subject: &'static str, body: &'static str| {
            v.subject = v.subject.trim().to_owned();
            if v.subject.is_empty() {
                problems.push((subject, DraftFieldError::Missing));
            } else if v.subject.chars().any(char::is_control) {
                problems.push((subject, DraftFieldError::LineBreak));
            } else if crate::text::check_line(&v.subject).is_err() {
                problems.push((subject, DraftFieldError::HiddenText));
            } else if v.subject.chars().count() > SUBJECT_MAX {
                problems.push((subject, DraftFieldError::TooLong));
            }
            if v.body.trim().is_empty() {
                problems.push((body, DraftFieldError::Missing));
            } else if crate::text::check_multiline(&v.body).is_err() {
                problems.push((body, DraftFieldError::HiddenText));
            } else if v.body.chars().count() > BODY_MAX {
                problems.push((body, DraftFieldError::TooLong));
            }
        };
        version(&mut self.en, "subject_en", "body_en");
        version(&mut self.fr, "subject_fr", "body_fr");
        if let Some(es) = &mut self.es {
            version(es, "subject_es", "body_es");
        }
        if self.audience.chapters.is_empty() {
            problems.push(("chapters", DraftFieldError::NoChapter));
        } else if !self.audience.chapters.iter().all(|id| scope.allows(*id)) {
            problems.push(("chapters", DraftFieldError::OutOfScope));
        }
        problems
    }
}

impl newsletter::Model {
    pub fn version(&self, lang: Language) -> Option<Version> {
        match lang {
            Language::En => Some(Version {
                subject: self.subject_en.clone(),
                body: self.body_en.clone(),
            }),
            Language::Fr => Some(Version {
                subject: self.subject_fr.clone(),
                body: self.body_fr.clone(),
            }),
            Language::Es => match (&self.subject_es, &self.body_es) {
                (Some(subject), Some(body)) => Some(Version {
                    subject: subject.clone(),
                    body: body.clone(),
                }),
                _ => None,
            },
            // No column for this language: its readers get the English version.
            _ => None,
        }
    }

    /// The language a member of `lang` reads it in: theirs, else English.
    pub fn language_for(&self, lang: Language) -> Language {
        if self.version(lang).is_some() {
            lang
        } else {
            Language::En
        }
    }

    /// The languages it is written in.
    pub fn languages(&self) -> Vec<Language> {
        Language::ALL
            .into_iter()
            .filter(|lang| self.version(*lang).is_some())
            .collect()
    }

    pub fn audience(&self) -> Audience {
        Audience {
            chapters: serde_json::from_str(&self.audience_chapters).unwrap_or_default(),
            interests: serde_json::from_str::<Vec<String>>(&self.audience_interests)
                .unwrap_or_default()
                .iter()
                .filter_map(|slug| slug.parse().ok())
                .collect(),
            languages: serde_json::from_str::<Vec<String>>(&self.audience_languages)
                .unwrap_or_default()
                .iter()
                .filter_map(|code| code.parse().ok())
                .collect(),
        }
    }

    /// Whether an organizer with `scope` may see and manage it: all its chapters are theirs.
    pub fn within(&self, scope: &Scope) -> bool {
        self.audience()
            .chapters
            .iter()
            .all(|chapter| scope.allows(*chapter))
    }

    pub fn is_editable(&self) -> bool {
        self.status == Status::Draft || self.status == Status::Scheduled
    }
}

pub async fn create(
    conn: &impl ConnectionTrait,
    draft: &Draft,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<newsletter::Model, DomainError> {
    let (chapters, interests, languages) = audience_json(&draft.audience);
    let model = newsletter::ActiveModel {
        subject_en: Set(draft.en.subject.clone()),
        body_en: Set(draft.en.body.clone()),
        subject_fr: Set(draft.fr.subject.clone()),
        body_fr: Set(draft.fr.body.clone()),
        subject_es: Set(draft.es.as_ref().map(|v| v.subject.clone())),
        body_es: Set(draft.es.as_ref().map(|v| v.body.clone())),
        audience_chapters: Set(chapters),
        audience_interests: Set(interests),
        audience_languages: Set(languages),
        status: Set(Status::Draft),
        scheduled_at: Set(None),
        started_at: Set(None),
        audience_max_member_id: Set(None),
        expanded_through: Set(0),
        expanded_at: Set(None),
        finished_at: Set(None),
        recipients: Set(0),
        published: Set(false),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
        held_reason: Set(None),
        ..Default::default()
    };
    Ok(newsletter::Entity::insert(model)
        .exec_with_returning(conn)
        .await?)
}

/// Rewrites a newsletter that has not started sending. False if it has.
pub async fn update(
    conn: &impl ConnectionTrait,
    id: i64,
    draft: &Draft,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let (chapters, interests, languages) = audience_json(&draft.audience);
    let result = newsletter::Entity::update_many()
        .col_expr(
            newsletter::Column::SubjectEn,
            Expr::value(&draft.en.subject),
        )
        .col_expr(newsletter::Column::BodyEn, Expr::value(&draft.en.body))
        .col_expr(
            newsletter::Column::SubjectFr,
            Expr::value(&draft.fr.subject),
        )
        .col_expr(newsletter::Column::BodyFr, Expr::value(&draft.fr.body))
        .col_expr(
            newsletter::Column::SubjectEs,
            Expr::value(draft.es.as_ref().map(|v| v.subject.clone())),
        )
        .col_expr(
            newsletter::Column::BodyEs,
            Expr::value(draft.es.as_ref().map(|v| v.body.clone())),
        )
        .col_expr(newsletter::Column::AudienceChapters, Expr::value(chapters))
        .col_expr(
            newsletter::Column::AudienceInterests,
            Expr::value(interests),
        )
        .col_expr(
            newsletter::Column::AudienceLanguages,
            Expr::value(languages),
        )
        .col_expr(newsletter::Column::UpdatedAt, Expr::value(now))
        .filter(newsletter::Column::Id.eq(id))
        .filter(newsletter::Column::Status.is_in([Status::Draft, Status::Scheduled]))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<newsletter::Model>, DomainError> {
    Ok(newsletter::Entity::find_by_id(id).one(conn).await?)
}

/// Every newsletter an organizer with `scope` may manage, newest first.
pub async fn list(
    conn: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<newsletter::Model>, DomainError> {
    Ok(newsletter::Entity::find()
        .order_by_desc(newsletter::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter(|n| n.within(scope))
        .collect())
}
