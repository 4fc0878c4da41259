use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{DomainError, entities::chapter};

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
    /// English, French, Spanish.
    pub names: [String; 3],
    pub descriptions: [String; 3],
}

/// What is wrong with a chapter form, field by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChapterProblem {
    Slug,
    SlugTaken,
    Country,
    /// A required text (English or French) is missing, by index in `names`/`descriptions`.
    NameMissing(usize),
    DescriptionMissing(usize),
    TooLong,
    /// An invisible or direction-changing character (`domain::text`), by index.
    NameHidden(usize),
    DescriptionHidden(usize),
}

impl ChapterFields {
    /// English and French are required (Official Languages); Spanish falls back to English.
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
        for i in 0..2 {
            if self.names[i].trim().is_empty() {
                problems.push(ChapterProblem::NameMissing(i));
            }
            if self.descriptions[i].trim().is_empty() {
                problems.push(ChapterProblem::DescriptionMissing(i));
            }
        }
        for (i, name) in self.names.iter().enumerate() {
            if crate::text::check_line(name).is_err() {
                problems.push(ChapterProblem::NameHidden(i));
            }
        }
        for (i, description) in self.descriptions.iter().enumerate() {
            if crate::text::check_multiline(description).is_err() {
                problems.push(ChapterProblem::DescriptionHidden(i));
            }
        }
        if self.names.iter().any(|n| n.chars().count() > 200)
            || self.descriptions.iter().any(|d| d.chars().count() > 5000)
        {
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
    let [name_en, name_fr, name_es] = fields.names.clone().map(|s| s.trim().to_owned());
    let [description_en, description_fr, description_es] =
        fields.descriptions.clone().map(|s| s.trim().to_owned());
    model.slug = Set(fields.slug.clone());
    model.country = Set(fields.country.clone());
    model.name_en = Set(name_en);
    model.name_fr = Set(name_fr);
    model.name_es = Set(name_es);
    model.description_en = Set(description_en);
    model.description_fr = Set(description_fr);
    model.description_es = Set(description_es);
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
            names: ["Brazil".into(), String::new(), String::new()],
            descriptions: ["d".into(), "d".into(), String::new()],
        };
        assert_eq!(fields.problems(), vec![ChapterProblem::NameMissing(1)]);
        let bad = ChapterFields {
            slug: "Bad Slug".into(),
            country: "br".into(),
            ..fields
        };
        assert!(bad.problems().contains(&ChapterProblem::Slug));
        assert!(bad.problems().contains(&ChapterProblem::Country));
    }
}
