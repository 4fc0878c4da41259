//! What an organizer writes: a subject and body per language and an audience, checked field
//! by field; created, rewritten while not yet sending, found and listed.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use crate::{DomainError, Language, Localized, entities::newsletter, organizers::Scope};

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

/// What an organizer writes: a subject and a body by language, English and French required,
/// the others optional (a language has a version when it has both).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub subject: Localized,
    /// Markdown.
    pub body: Localized,
    pub audience: Audience,
}

/// A field of the newsletter form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DraftField {
    Subject(Language),
    Body(Language),
    Chapters,
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
    /// Lists what is wrong, field by field: a required language's subject or body missing, a
    /// version given by half, a subject on several lines, hidden characters, lengths, chapters.
    pub fn check(&self, scope: &Scope) -> Vec<(DraftField, DraftFieldError)> {
        let mut problems = Vec::new();
        for lang in Language::ALL {
            let (subject, body) = (self.subject.get(lang), self.body.get(lang));
            let wanted = lang.is_required() || subject.is_some() || body.is_some();
            match subject {
                None if wanted => {
                    problems.push((DraftField::Subject(lang), DraftFieldError::Missing))
                }
                None => {}
                Some(subject) => {
                    if let Some(problem) = subject_problem(subject) {
                        problems.push((DraftField::Subject(lang), problem));
                    }
                }
            }
            match body {
                None if wanted => problems.push((DraftField::Body(lang), DraftFieldError::Missing)),
                None => {}
                Some(body) => {
                    if crate::text::check_multiline(body).is_err() {
                        problems.push((DraftField::Body(lang), DraftFieldError::HiddenText));
                    } else if body.chars().count() > BODY_MAX {
                        problems.push((DraftField::Body(lang), DraftFieldError::TooLong));
                    }
                }
            }
        }
        if self.audience.chapters.is_empty() {
            problems.push((DraftField::Chapters, DraftFieldError::NoChapter));
        } else if !self.audience.chapters.iter().all(|id| scope.allows(*id)) {
            problems.push((DraftField::Chapters, DraftFieldError::OutOfScope));
        }
        problems
    }
}

fn subject_problem(subject: &str) -> Option<DraftFieldError> {
    if subject.chars().any(char::is_control) {
        Some(DraftFieldError::LineBreak)
    } else if crate::text::check_line(subject).is_err() {
        Some(DraftFieldError::HiddenText)
    } else if subject.chars().count() > SUBJECT_MAX {
        Some(DraftFieldError::TooLong)
    } else {
        None
    }
}

impl newsletter::Model {
    /// `lang`'s version, when it has both a subject and a body.
    pub fn version(&self, lang: Language) -> Option<Version> {
        Some(Version {
            subject: self.subject.get(lang)?.to_owned(),
            body: self.body.get(lang)?.to_owned(),
        })
    }

    /// The language a member of `lang` reads it in: theirs, else English.
    pub fn language_for(&self, lang: Language) -> Language {
        if self.subject.get(lang).is_some() && self.body.get(lang).is_some() {
            lang
        } else {
            Language::En
        }
    }

    /// The languages it is written in.
    pub fn languages(&self) -> Vec<Language> {
        Language::ALL
            .into_iter()
            .filter(|lang| self.language_for(*lang) == *lang)
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
        subject: Set(draft.subject.clone()),
        body: Set(draft.body.clone()),
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
            newsletter::Column::Subject,
            Expr::value(draft.subject.clone()),
        )
        .col_expr(newsletter::Column::Body, Expr::value(draft.body.clone()))
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
