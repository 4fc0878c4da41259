//! The directory and one profile, as the reader may see them: a signed-in member sees the
//! parts experts kept to members.

use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::{
    Interest, Language,
    entities::{chapter, expert_profile},
    experts::{self, Audience, COUNTRIES, Filter, SPOKEN},
};
use serde::Deserialize;

use super::contact::FORM_NAME;
use crate::{
    error::AppError,
    lang::Lang,
    security::csrf,
    session,
    state::AppState,
    views::{
        experts::directory::{self as view, ContactValues, Filters},
        form::FieldErrors,
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    q: String,
    area: String,
    country: String,
    language: String,
    /// From 1.
    page: u64,
}

impl DirectoryQuery {
    /// The filter, or a 400 for a value no form of ours sends.
    fn filter(&self) -> Result<Filter, AppError> {
        let area = match self.area.as_str() {
            "" => None,
            slug => Some(slug.parse::<Interest>().map_err(|_| AppError::BadRequest)?),
        };
        let known = |value: &str, list: &[&str]| -> Result<Option<String>, AppError> {
            match value {
                "" => Ok(None),
                v if list.contains(&v) => Ok(Some(v.to_owned())),
                _ => Err(AppError::BadRequest),
            }
        };
        if self.q.chars().count() > 100 {
            return Err(AppError::BadRequest);
        }
        Ok(Filter {
            area,
            country: known(&self.country, &COUNTRIES)?,
            language: known(&self.language, &SPOKEN)?,
            query: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
        })
    }

    fn query_string(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.q)
            .append_pair("area", &self.area)
            .append_pair("country", &self.country)
            .append_pair("language", &self.language)
            .finish()
    }
}

pub async fn list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    jar: CookieJar,
    Query(query): Query<DirectoryQuery>,
) -> Result<Response, AppError> {
    let filter = query.filter()?;
    let settings = &state.settings.experts;
    let page = query.page.saturating_sub(1);
    // Past the cap, a search must be narrowed: no one pages through the whole directory.
    if page >= settings.max_pages {
        return Err(AppError::NotFound);
    }
    let member = session::current_member(&state, &jar).await?.is_some();
    let audience = if member {
        Audience::Members
    } else {
        Audience::Public
    };
    let reader = state.db.reader();
    let (profiles, total) =
        experts::page(reader, audience, &filter, page, settings.per_page).await?;
    let chapters = state.chapters.get(&state.db).await?;
    let chapter_ids = experts::chapters_of(reader, &profiles).await?;
    let entries: Vec<(expert_profile::Model, Option<chapter::Model>)> = profiles
        .into_iter()
        .map(|p| {
            let chapter = chapter_ids
                .get(&p.id)
                .and_then(|id| chapters.iter().find(|c| c.id == *id))
                .cloned();
            (p, chapter)
        })
        .collect();
    let pages = total.div_ceil(settings.per_page).min(settings.max_pages);
    let query_string = query.query_string();
    let filters = Filters {
        q: query.q.clone(),
        area: query.area.clone(),
        country: query.country.clone(),
        language: query.language.clone(),
    };
    Ok(view::list(&view::ListPage {
        lang,
        brand: &state.brand,
        entries: &entries,
        member,
        filters: &filters,
        total,
        page,
        pages,
        capped: total > settings.max_pages * settings.per_page,
        query_string: &query_string,
    })
    .into_response())
}

/// A listed profile by the slug in its address; anything else is a 404.
pub(super) async fn listed(
    state: &AppState,
    slug: &str,
) -> Result<expert_profile::Model, AppError> {
    // Slugs are short and plain: anything else is not worth a query.
    if slug.len() > 32 || !slug.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    experts::listed_by_slug(state.db.reader(), slug)
        .await?
        .ok_or(AppError::NotFound)
}

pub(super) async fn chapter_of(
    state: &AppState,
    profile: &expert_profile::Model,
) -> Result<Option<chapter::Model>, AppError> {
    let ids = experts::chapters_of(state.db.reader(), std::slice::from_ref(profile)).await?;
    let chapters = state.chapters.get(&state.db).await?;
    Ok(ids
        .get(&profile.id)
        .and_then(|id| chapters.iter().find(|c| c.id == *id))
        .cloned())
}

/// Renders a profile with its contact form (`values` as typed, `errors` on them).
pub(super) async fn render(
    state: &AppState,
    lang: Language,
    profile: &expert_profile::Model,
    member: bool,
    csrf_token: &CsrfToken,
    values: &ContactValues,
    errors: &FieldErrors,
) -> Result<maud::Markup, AppError> {
    let csrf = csrf::form_value(csrf_token)?;
    let stamp = state.guard.stamp(FORM_NAME, Utc::now());
    let chapter = chapter_of(state, profile).await?;
    Ok(view::profile(&view::ProfilePage {
        lang,
        brand: &state.brand,
        profile,
        chapter: chapter.as_ref(),
        member,
        values,
        errors,
        csrf: &csrf,
        stamp: &stamp,
    }))
}

pub async fn profile(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    jar: CookieJar,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let profile = listed(&state, &slug).await?;
    let member = session::current_member(&state, &jar).await?;
    // A signed-in member writes as themself, unless they change it.
    let values = member
        .as_ref()
        .map(|m| ContactValues {
            full_name: m.full_name.clone(),
            email: m.email.clone(),
            ..Default::default()
        })
        .unwrap_or_default();
    let page = render(
        &state,
        lang,
        &profile,
        member.is_some(),
        &csrf_token,
        &values,
        &FieldErrors::default(),
    )
    .await?;
    Ok((csrf_token, page).into_response())
}
