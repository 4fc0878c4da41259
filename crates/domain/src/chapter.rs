use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{DomainError, Language, Localized, entities::chapter};

/// The chapter new members are offered first.
pub const DEFAULT_SLUG: &str = "canada";

pub async fn all(conn: &impl ConnectionTrait) -> Result<Vec<chapter::Model>, DomainError> {
    Ok(chapter::Entity::find()
        .order_by_asc(chapter::Column::Position)
        .order_by_asc(chapter::Column::Id)
        .all(conn)
        .await?)
}

pub async fn by_slug(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<chapter::Model>, DomainError> {
    Ok(chapter::Entity::find()
        .filter(chapter::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

/// A chapter as an admin writes it.
#[derive(Clone, Debug, Default)]
pub struct ChapterFields {
    pub slug: String,
    pub country: String,
    /// By language; English and French are required.
    pub names: Localized,
    pub descriptions: Localized,
}

/// What is wrong with a chapter form, field by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChapterProblem {
    Slug,
    SlugTaken,
    Country,
    /// A required language's text (English or French) is missing.
    NameMissing(Language),
    DescriptionMissing(Language),
    TooLong,
    /// An invisible or direction-changing character (`domain::text`), by language.
    NameHidden(Language),
    DescriptionHidden(Language),
}

impl ChapterFields {
    /// English and French are required (Official Languages); the others fall back to English.
    pub fn problems(&self) -> Vec<ChapterProblem> {
        let mut problems = Vec::new();
        let slug_ok = (2..=64).contains(&self.slug.len())
            && self
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !self.slug.starts_with('-')
            && !self.slug.ends_with('-');
        if !slug_ok {
            problems.push(ChapterProblem::Slug);
        }
        if self.country.len() != 2 || !self.country.bytes().all(|b| b.is_ascii_uppercase()) {
            problems.push(ChapterProblem::Country);
        }
        for lang in self.names.missing(&Language::REQUIRED) {
            problems.push(ChapterProblem::NameMissing(lang));
        }
        for lang in self.descriptions.missing(&Language::REQUIRED) {
            problems.push(ChapterProblem::DescriptionMissing(lang));
        }
        for (lang, name) in self.names.iter() {
            if crate::text::check_line(name).is_err() {
                problems.push(ChapterProblem::NameHidden(lang));
            }
        }
        for (lang, description) in self.descriptions.iter() {
            if crate::text::check_multiline(description).is_err() {
                problems.push(ChapterProblem::DescriptionHidden(lang));
            }
        }
        if self.names.longest_chars() > 200 || self.descriptions.longest_chars() > 5000 {
            problems.push(ChapterProblem::TooLong);
        }
        problems
    }
}

/// Creates (`id` None) or updates a chapter. Returns the problems instead when there are any.
pub async fn save(
    conn: &impl ConnectionTrait,
    id: Option<i64>,
    fields: &ChapterFields,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Result<chapter::Model, Vec<ChapterProblem>>, DomainError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel, TryIntoModel};

    let mut problems = fields.problems();
    if let Some(existing) = by_slug(conn, &fields.slug).await?
        && Some(existing.id) != id
    {
        problems.push(ChapterProblem::SlugTaken);
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut model = match id {
        Some(id) => chapter::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or(DomainError::Inconsistent("no such chapter"))?
            .into_active_model(),
        None => chapter::ActiveModel {
            position: Set(all(conn).await?.len() as i32),
            created_at: Set(now),
            ..Default::default()
        },
    };
    model.slug = Set(fields.slug.clone());
    model.country = Set(fields.country.clone());
    model.name = Set(fields.names.clone());
    model.description = Set(fields.descriptions.clone());
    Ok(Ok(model.save(conn).await?.try_into_model()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_french_are_required() {
        let fields = ChapterFields {
            slug: "brazil".into(),
            country: "BR".into(),
            names: Localized::new()
                .with(Language::En, "Brazil")
                .with(Language::Pt, "Brasil"),
            descriptions: Localized::uniform("d", &[Language::En, Language::Fr]),
        };
        assert_eq!(
            fields.problems(),
            vec![ChapterProblem::NameMissing(Language::Fr)]
        );
        let bad = ChapterFields {
            slug: "Bad Slug".into(),
            country: "br".into(),
            ..fields
        };
        assert!(bad.problems().contains(&ChapterProblem::Slug));
        assert!(bad.problems().contains(&ChapterProblem::Country));
    }
}
