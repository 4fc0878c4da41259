//! The members, as organizers see them within their chapters: the filtered, paged directory,
//! its CSV export (after a step up, audited), and one member's page, where a name or a
//! chapter can be corrected and newsletters resumed after bounces.

use axum::{
    body::Body,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{
    Interest, Language, consent,
    directory::{self, Cursor, Filter, Standing},
    entities::{chapter, member, outbox as outbox_row},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;

use super::{csv_export, session::Staff, step_up};
use crate::{
    error::AppError,
    form_fields as fields,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf::{self, ButtonForm},
    },
    state::AppState,
    views::{admin::members as view, form::FieldErrors},
};

const PER_PAGE: u64 = 50;

/// The member filter as typed in the query string.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct MemberQuery {
    q: String,
    chapter: String,
    status: String,
    language: String,
    interest: String,
    newsletter: String,
    /// The next page: members joined before this id.
    before: Option<i64>,
    /// The previous page: members joined after this id (0: the oldest, the last page).
    after: Option<i64>,
}

impl MemberQuery {
    fn filter(&self, chapters: &[chapter::Model]) -> Result<Filter, AppError> {
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        let chapter_id = match self.chapter.as_str() {
            "" => None,
            // A chapter outside the organizer's scope is as unknown as one that does not exist.
            slug => Some(
                chapters
                    .iter()
                    .find(|c| c.slug == slug)
                    .ok_or(AppError::NotFound)?
                    .id,
            ),
        };
        let status = match self.status.as_str() {
            "" => None,
            s => Some(Standing::parse(s).ok_or(AppError::BadRequest)?),
        };
        let language = match self.language.as_str() {
            "" => None,
            l => Some(
                l.parse::<Language>()
                    .map_err(|_| AppError::BadRequest)?
                    .code()
                    .to_owned(),
            ),
        };
        let interest = match self.interest.as_str() {
            "" => None,
            i => Some(
                i.parse::<Interest>()
                    .map_err(|_| AppError::BadRequest)?
                    .slug()
                    .to_owned(),
            ),
        };
        let newsletter = match self.newsletter.as_str() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => return Err(AppError::BadRequest),
        };
        if self.q.chars().count() > 100 {
            return Err(AppError::BadRequest);
        }
        Ok(Filter {
            query: nonempty(&self.q),
            chapter_id,
            status,
            language,
            interest,
            newsletter,
        })
    }

    /// The names of the filters that are set, for the audit log.
    fn filters_used(&self) -> Vec<&'static str> {
        [
            ("q", &self.q),
            ("chapter", &self.chapter),
            ("status", &self.status),
            ("language", &self.language),
            ("interest", &self.interest),
            ("newsletter", &self.newsletter),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, _)| name)
        .collect()
    }

    /// The filter again as a query string, without the page.
    fn query_string(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.q)
            .append_pair("chapter", &self.chapter)
            .append_pair("status", &self.status)
            .append_pair("language", &self.language)
            .append_pair("interest", &self.interest)
            .append_pair("newsletter", &self.newsletter)
            .finish()
    }
}

pub async fn members(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Query(query): Query<MemberQuery>,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let chapters = staff.chapters(&state).await?;
    let filter = query.filter(&chapters)?;
    let cursor = match (query.before, query.after) {
        (None, None) => Cursor::Newest,
        (Some(id), None) => Cursor::Before(id),
        (None, Some(id)) => Cursor::After(id),
        (Some(_), Some(_)) => return Err(AppError::BadRequest),
    };
    let page = directory::page(state.db.reader(), &staff.scope, &filter, cursor, PER_PAGE).await?;
    let viewer = staff.viewer(&csrf);
    let query_string = query.query_string();
    let html = view::members(&view::MembersPage {
        lang: staff.lang,
        viewer: &viewer,
        chapters: &chapters,
        page: &page,
        query_string: &query_string,
        q: &query.q,
        chapter: &query.chapter,
        status: &query.status,
        language: &query.language,
        interest: &query.interest,
        newsletter: &query.newsletter,
    });
    Ok((csrf_token, html).into_response())
}

/// The current filter as CSV, streamed in chunks so any number of members fits. Audited.
/// Asks for the password again first, then comes back here (ASVS 5.0 7.5.3).
pub async fn export(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<MemberQuery>,
) -> Result<Response, AppError> {
    if !staff.stepped_up(&state) {
        return Ok(step_up::ask_then_return(&format!(
            "/admin/members.csv?{}",
            query.query_string()
        )));
    }
    let chapters = staff.chapters(&state).await?;
    let filter = query.filter(&chapters)?;
    // Which filters were used, never what was typed in them (a name or an address).
    app::members::record_export(
        &state.app,
        staff.organizer.id,
        &query.filters_used(),
        Utc::now(),
    )
    .await?;
    let stream = csv_export::members(state.db.clone(), staff.scope.clone(), filter, chapters);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"reseau-members.csv\"",
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Saved {
    saved: String,
}

/// What the correction form shows: the stored values, or what was typed and why it failed.
struct Correction<'a> {
    name: &'a str,
    chapter: &'a str,
    errors: &'a FieldErrors,
    saved: bool,
}

async fn member_page(
    state: &AppState,
    staff: &Staff,
    member: &member::Model,
    csrf: &str,
    correction: Correction<'_>,
) -> Result<maud::Markup, AppError> {
    let reader = state.db.reader();
    let chapters = staff.chapters(state).await?;
    let consents = consent::history(reader, member.id).await?;
    let emails = outbox_row::Entity::find()
        .filter(outbox_row::Column::MemberId.eq(member.id))
        .order_by_desc(outbox_row::Column::Id)
        .all(reader)
        .await?;
    let viewer = staff.viewer(csrf);
    Ok(view::member(&view::MemberPage {
        lang: staff.lang,
        viewer: &viewer,
        member,
        chapters: &chapters,
        consents: &consents,
        emails: &emails,
        name_value: correction.name,
        chapter_value: correction.chapter,
        errors: correction.errors,
        saved: correction.saved,
    }))
}

pub async fn member(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<Response, AppError> {
    let member = directory::member_in_scope(state.db.reader(), &staff.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let csrf = csrf::form_value(&csrf_token)?;
    let chapter_slug = domain::chapter::all(state.db.reader())
        .await?
        .into_iter()
        .find(|c| c.id == member.chapter_id)
        .map(|c| c.slug)
        .unwrap_or_default();
    let page = member_page(
        &state,
        &staff,
        &member,
        &csrf,
        Correction {
            name: &member.full_name,
            chapter: &chapter_slug,
            errors: &FieldErrors::default(),
            saved: q.saved == "1",
        },
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CorrectionInput {
    csrf_token: String,
    full_name: String,
    chapter: String,
}

carries_csrf!(CorrectionInput);

/// Newsletters to a member's address again, after bounces had suspended them.
pub async fn lift_suspension(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm { .. }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let member = directory::member_in_scope(state.db.reader(), &staff.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    app::members::lift_suspension(&state.app, staff.organizer.id, &member, Utc::now()).await?;
    Ok(Redirect::to(&format!("/admin/members/{id}")).into_response())
}

/// Organizers may correct a name or a chapter; the audit log keeps before and after. They
/// cannot touch consent.
pub async fn correct_member(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<CorrectionInput>,
) -> Result<Response, AppError> {
    let member = directory::member_in_scope(state.db.reader(), &staff.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let chapters = staff.chapters(&state).await?;
    let mut errors = FieldErrors::default();
    let name = fields::name(&form.full_name, &mut errors);
    let chapter = chapters.iter().find(|c| c.slug == form.chapter);
    if chapter.is_none() {
        errors.add("chapter", "error-chapter-invalid");
    }
    let (Some(name), Some(chapter)) = (name, chapter) else {
        let csrf = csrf::form_value(&csrf_token)?;
        let page = member_page(
            &state,
            &staff,
            &member,
            &csrf,
            Correction {
                name: &form.full_name,
                chapter: &form.chapter,
                errors: &errors,
                saved: false,
            },
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    app::members::correct(
        &state.app,
        staff.organizer.id,
        member,
        &name,
        chapter,
        Utc::now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/members/{id}?saved=1")).into_response())
}
