//! The back office pages behind sign-in: dashboard, members, audit log, organizers.

use axum::{
    body::Body,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::{CookieJar, Form};
use chrono::{Duration, Utc};
use domain::{
    Db, Interest, Language, audit, consent,
    directory::{self, Filter, Standing},
    entities::{chapter, member, outbox as outbox_row},
    organizers::{self, Role, Scope},
    outbox, stats,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use serde::Deserialize;

use super::{auth::Staff, csv_export, step_up};
use crate::{
    error::AppError,
    routes::fields,
    security::csrf,
    state::AppState,
    views::{admin as view, form::FieldErrors},
};

const PER_PAGE: u64 = 50;
/// The last page index a query may ask for: far past any directory, and small enough that
/// `page × per page` (and the pager's `page + 2`) never overflow, whatever `?page=` says.
const MAX_PAGE: u64 = 1_000_000;

pub async fn dashboard(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let reader = state.db.reader();
    let chapters = visible_chapters(&state.db, &staff.scope).await?;
    let figures = stats::dashboard(reader, &staff.scope, Utc::now()).await?;
    let page = view::dashboard(staff.lang, &staff.viewer(&csrf), &chapters, &figures);
    Ok((csrf_token, page).into_response())
}

async fn visible_chapters(db: &Db, scope: &Scope) -> Result<Vec<chapter::Model>, AppError> {
    Ok(domain::chapter::all(db.reader())
        .await?
        .into_iter()
        .filter(|c| scope.allows(c.id))
        .collect())
}

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
    page: u64,
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
    let chapters = visible_chapters(&state.db, &staff.scope).await?;
    let filter = query.filter(&chapters)?;
    let page = query.page.saturating_sub(1).min(MAX_PAGE);
    let (rows, total) =
        directory::page(state.db.reader(), &staff.scope, &filter, page, PER_PAGE).await?;
    let viewer = staff.viewer(&csrf);
    let query_string = query.query_string();
    let html = view::members(&view::MembersPage {
        lang: staff.lang,
        viewer: &viewer,
        chapters: &chapters,
        members: &rows,
        total,
        page,
        pages: total.div_ceil(PER_PAGE),
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
    let chapters = visible_chapters(&state.db, &staff.scope).await?;
    let filter = query.filter(&chapters)?;
    staff
        .audit(
            state.db.writer(),
            "members-exported",
            "member",
            None,
            // Which filters were used, never what was typed in them (a name or an address).
            serde_json::json!({ "filters": query.filters_used() }),
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
    let chapters = visible_chapters(&state.db, &staff.scope).await?;
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

/// Organizers may correct a name or a chapter; the audit log keeps before and after. They
/// cannot touch consent.
/// Newsletters to a member's address again, after bounces had suspended them.
pub async fn lift_suspension(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(form): Form<crate::security::csrf::ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let member = directory::member_in_scope(state.db.reader(), &staff.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = state.db.begin_write().await?;
    if domain::newsletters::lift_suspension(&txn, member.id).await? {
        staff
            .audit(
                &txn,
                "member-newsletters-resumed",
                "member",
                Some(member.id),
                serde_json::json!({ "hard_bounces": member.hard_bounces }),
            )
            .await?;
    }
    txn.commit().await?;
    Ok(Redirect::to(&format!("/admin/members/{id}")).into_response())
}

pub async fn correct_member(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(form): Form<CorrectionInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let member = directory::member_in_scope(state.db.reader(), &staff.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let chapters = visible_chapters(&state.db, &staff.scope).await?;
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
    // The log names the person by id and says what changed, never the name itself: an erased
    // member's name must not outlive them in it.
    let mut changed = Vec::new();
    if member.full_name != name.as_str() {
        changed.push("full_name");
    }
    if member.chapter_id != chapter.id {
        changed.push("chapter");
    }
    let details = serde_json::json!({
        "changed": changed,
        "chapter_before": member.chapter_id,
        "chapter_after": chapter.id,
    });
    let txn = state.db.begin_write().await?;
    let mut active = member.into_active_model();
    active.full_name = Set(name.as_str().to_owned());
    active.chapter_id = Set(chapter.id);
    active.updated_at = Set(Utc::now());
    // The region belongs to the old chapter's country; it cannot stay with another country.
    if active.chapter_id.is_set()
        && !domain::profile::regions::belongs(
            &chapter.country,
            active.region.as_ref().as_deref().unwrap_or_default(),
        )
    {
        active.region = Set(None);
    }
    active.update(&txn).await?;
    staff
        .audit(&txn, "member-corrected", "member", Some(id), details)
        .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/admin/members/{id}?saved=1")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    page: u64,
    organizer: String,
    action: String,
}

pub async fn audit_log(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let csrf = csrf::form_value(&csrf_token)?;
    let organizer = match q.organizer.as_str() {
        "" => None,
        id => Some(id.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    let action = (!q.action.is_empty()).then_some(q.action.as_str());
    let page_index = q.page.saturating_sub(1).min(MAX_PAGE);
    let (rows, _total) = audit::page(state.db.reader(), organizer, action, page_index, 100).await?;
    let organizers = organizers::all(state.db.reader()).await?;
    let viewer = staff.viewer(&csrf);
    let page = view::audit_page(
        staff.lang,
        &viewer,
        &rows,
        &organizers,
        organizer,
        &q.action,
    );
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Invited {
    invited: String,
}

pub async fn organizers_page(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Query(q): Query<Invited>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let csrf = csrf::form_value(&csrf_token)?;
    let page = organizers_view(
        &state,
        &staff,
        &csrf,
        &FieldErrors::default(),
        "",
        "",
        q.invited == "1",
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

async fn organizers_view(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    errors: &FieldErrors,
    name: &str,
    email: &str,
    invited: bool,
) -> Result<maud::Markup, AppError> {
    let all = organizers::all(state.db.reader()).await?;
    let chapters = domain::chapter::all(state.db.reader()).await?;
    let viewer = staff.viewer(csrf);
    let required_for_all = domain::two_factor::required_for_all(state.db.reader()).await?;
    let assignments: Vec<(i64, i64)> = domain::entities::organizer_chapter::Entity::find()
        .all(state.db.reader())
        .await?
        .into_iter()
        .map(|a| (a.organizer_id, a.chapter_id))
        .collect();
    Ok(view::organizers(&view::OrganizersPage {
        assignments: &assignments,
        required_for_all,
        lang: staff.lang,
        viewer: &viewer,
        organizers: &all,
        chapters: &chapters,
        errors,
        name,
        email,
        invited,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteInput {
    csrf_token: String,
    full_name: String,
    email: String,
    role: String,
    chapters: Vec<String>,
    step_up_password: String,
    step_up_code: String,
}

pub async fn invite(
    State(state): State<AppState>,
    mut staff: Staff,
    csrf_token: CsrfToken,
    jar: CookieJar,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
    Form(form): Form<InviteInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let mut errors = FieldErrors::default();
    // The same rules as a member's name: it greets the invitee and signs the audit log.
    let name = fields::name(&form.full_name, &mut errors);
    let email = fields::reachable_email(
        &form.email,
        state.settings.mail.address_policy(),
        &mut errors,
    );
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", "error-role-invalid");
    }
    let all_chapters = domain::chapter::all(state.db.reader()).await?;
    let chapter_ids: Vec<i64> = all_chapters
        .iter()
        .filter(|c| form.chapters.contains(&c.slug))
        .map(|c| c.id)
        .collect();
    if let Some(email) = &email
        && organizers::find_by_email(state.db.reader(), email)
            .await?
            .is_some()
    {
        errors.add("email", "error-organizer-exists");
    }
    let (Some(name), Some(email), Some(role), true) = (name, email, role, errors.is_empty()) else {
        let csrf = csrf::form_value(&csrf_token)?;
        let page = organizers_view(
            &state,
            &staff,
            &csrf,
            &errors,
            &form.full_name,
            &form.email,
            false,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    // Inviting someone into the back office asks for the password again (ASVS 5.0 7.5.3).
    let mut carried = vec![
        ("full_name".to_owned(), form.full_name.clone()),
        ("email".to_owned(), form.email.clone()),
        ("role".to_owned(), form.role.clone()),
    ];
    carried.extend(
        form.chapters
            .iter()
            .map(|c| ("chapters".to_owned(), c.clone())),
    );
    let given = step_up::Given::new(
        &state,
        peer,
        &headers,
        form.step_up_password.clone(),
        form.step_up_code.clone(),
    );
    let jar = match step_up::gate(
        &state,
        &mut staff,
        &csrf_token,
        &given,
        "/admin/organizers",
        carried,
    )
    .await?
    {
        step_up::Gate::Pass(Some(cookie)) => jar.add(cookie),
        step_up::Gate::Pass(None) => jar,
        step_up::Gate::Ask(page) => return Ok((csrf_token, page).into_response()),
    };
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    let organizer = organizers::create(&txn, &email, name.as_str(), role, None, now)
        .await?
        .ok_or(AppError::Internal("organizer vanished".into()))?;
    organizers::assign_chapters(&txn, organizer.id, &chapter_ids).await?;
    let secret = organizers::issue_link(
        &txn,
        organizers::LinkPurpose::Invite,
        Some(organizer.id),
        Duration::days(7),
        now,
    )
    .await?;
    let mail = mailer::compose::account::invitation(
        &state.brand,
        staff.lang,
        name.as_str(),
        &staff.organizer.name,
        secret.as_str(),
    );
    outbox::enqueue(
        &txn,
        crate::routes::support::email_to(
            "organizer-invite",
            email.as_str(),
            None,
            staff.lang,
            mail,
        ),
        now,
    )
    .await?;
    staff
        .audit(
            &txn,
            "organizer-invited",
            "organizer",
            Some(organizer.id),
            serde_json::json!({ "role": role.as_str(), "chapters": chapter_ids }),
        )
        .await?;
    txn.commit().await?;
    state.mail_waker.notify_one();
    Ok((jar, Redirect::to("/admin/organizers?invited=1")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActiveInput {
    csrf_token: String,
    active: String,
}

pub async fn set_active(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(form): Form<ActiveInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let active = match form.active.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    // An admin cannot lock themself out.
    if id == staff.organizer.id {
        return Err(AppError::BadRequest);
    }
    let target = organizers::find(state.db.reader(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = state.db.begin_write().await?;
    let mut model = target.into_active_model();
    model.active = Set(active);
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    if !active {
        domain::entities::organizer_session::Entity::delete_many()
            .filter(domain::entities::organizer_session::Column::OrganizerId.eq(id))
            .exec(&txn)
            .await?;
    }
    staff
        .audit(
            &txn,
            if active {
                "organizer-activated"
            } else {
                "organizer-deactivated"
            },
            "organizer",
            Some(id),
            serde_json::json!({}),
        )
        .await?;
    txn.commit().await?;
    Ok(Redirect::to("/admin/organizers").into_response())
}

pub async fn import_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let chapters = visible_chapters(&state.db, &staff.scope).await?;
    let viewer = staff.viewer(&csrf);
    let page = view::import_form(&view::ImportPage {
        lang: staff.lang,
        viewer: &viewer,
        chapters: &chapters,
        chapter: "",
        source: "",
        errors: &FieldErrors::default(),
    });
    Ok((csrf_token, page).into_response())
}

/// The upload: a chapter in the organizer's scope, where the consent comes from, the file.
pub async fn import(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, AppError> {
    let (mut csrf_field, mut chapter_slug, mut source, mut file) =
        (String::new(), String::new(), String::new(), None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest)?
    {
        match field.name().unwrap_or_default() {
            "csrf_token" => csrf_field = field.text().await.map_err(|_| AppError::BadRequest)?,
            "chapter" => chapter_slug = field.text().await.map_err(|_| AppError::BadRequest)?,
            "consent_source" => source = field.text().await.map_err(|_| AppError::BadRequest)?,
            "file" => file = Some(field.bytes().await.map_err(|_| AppError::BadRequest)?),
            _ => {}
        }
    }
    csrf::verify(&csrf_token, &csrf_field)?;
    let chapters = visible_chapters(&state.db, &staff.scope).await?;
    let chapter = chapters
        .iter()
        .find(|c| c.slug == chapter_slug)
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let source = source.trim().to_owned();
    if source.is_empty() || source.chars().count() > 100 {
        errors.add("consent_source", "error-consent-source");
    }
    let rows = file
        .filter(|f| !f.is_empty())
        .and_then(|bytes| app::import::read(&bytes).ok());
    if rows.is_none() {
        errors.add("file", "error-import-file");
    }
    let Some(rows) = rows.filter(|_| errors.is_empty()) else {
        let csrf = csrf::form_value(&csrf_token)?;
        let viewer = staff.viewer(&csrf);
        let page = view::import_form(&view::ImportPage {
            lang: staff.lang,
            viewer: &viewer,
            chapters: &chapters,
            chapter: &chapter_slug,
            source: &source,
            errors: &errors,
        });
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    let importer = app::import::Importer {
        organizer_id: Some(staff.organizer.id),
        scope: staff.scope.clone(),
    };
    let report = app::import::run(&state.app, &rows, chapter, &source, &importer, |_| {})
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let csrf = csrf::form_value(&csrf_token)?;
    let rejected: Vec<(usize, Vec<&'static str>)> = report
        .rejected
        .iter()
        .map(|(line, reasons)| (*line, reasons.iter().map(|r| r.as_str()).collect()))
        .collect();
    let page = view::import_report(
        staff.lang,
        &staff.viewer(&csrf),
        [
            ("import-invited", report.invited),
            ("import-existing", report.existing),
            ("import-other-chapter", report.other_chapter),
            ("import-throttled", report.throttled),
            ("import-rejected", report.rejected.len()),
        ],
        &rejected,
    );
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedChapter {
    saved: String,
}

pub async fn chapters(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Query(q): Query<SavedChapter>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let csrf = csrf::form_value(&csrf_token)?;
    let all = domain::chapter::all(state.db.reader()).await?;
    let page = view::chapters(staff.lang, &staff.viewer(&csrf), &all, q.saved == "1");
    Ok((csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChapterInput {
    csrf_token: String,
    slug: String,
    country: String,
    name_en: String,
    name_fr: String,
    name_es: String,
    description_en: String,
    description_fr: String,
    description_es: String,
}

impl ChapterInput {
    fn fields(&self) -> domain::chapter::ChapterFields {
        domain::chapter::ChapterFields {
            slug: self.slug.trim().to_owned(),
            country: self.country.trim().to_owned(),
            names: [
                self.name_en.clone(),
                self.name_fr.clone(),
                self.name_es.clone(),
            ],
            descriptions: [
                self.description_en.clone(),
                self.description_fr.clone(),
                self.description_es.clone(),
            ],
        }
    }
}

fn chapter_errors(problems: &[domain::chapter::ChapterProblem]) -> FieldErrors {
    use domain::chapter::ChapterProblem as P;
    let mut errors = FieldErrors::default();
    for problem in problems {
        match problem {
            P::Slug => errors.add("slug", "error-slug-invalid"),
            P::SlugTaken => errors.add("slug", "error-slug-taken"),
            P::Country => errors.add("country", "error-country-invalid"),
            P::NameMissing(0) => errors.add("name_en", "error-text-required"),
            P::NameMissing(_) => errors.add("name_fr", "error-text-required"),
            P::DescriptionMissing(0) => errors.add("description_en", "error-text-required"),
            P::DescriptionMissing(_) => errors.add("description_fr", "error-text-required"),
            P::TooLong => errors.add("name_en", "error-text-too-long"),
            P::NameHidden(i) => errors.add(
                ["name_en", "name_fr", "name_es"][(*i).min(2)],
                "error-text-hidden",
            ),
            P::DescriptionHidden(i) => errors.add(
                ["description_en", "description_fr", "description_es"][(*i).min(2)],
                "error-text-hidden",
            ),
        }
    }
    errors.in_order(&[
        "slug",
        "country",
        "name_en",
        "name_fr",
        "description_en",
        "description_fr",
    ])
}

fn chapter_heading(lang: Language, existing: Option<&chapter::Model>) -> String {
    match existing {
        Some(c) => mailer::i18n::t_with(lang, "chapters-edit", &[("chapter", c.name(lang))]),
        None => mailer::i18n::t(lang, "chapters-new"),
    }
}

async fn existing_chapter(
    state: &AppState,
    id: Option<i64>,
) -> Result<Option<chapter::Model>, AppError> {
    match id {
        None => Ok(None),
        Some(id) => Ok(Some(
            chapter::Entity::find_by_id(id)
                .one(state.db.reader())
                .await?
                .ok_or(AppError::NotFound)?,
        )),
    }
}

/// `/admin/chapters/new` or `/admin/chapters/{id}`.
fn chapter_id(segment: &str) -> Result<Option<i64>, AppError> {
    match segment {
        "new" => Ok(None),
        id => id.parse().map(Some).map_err(|_| AppError::NotFound),
    }
}

pub async fn chapter_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(segment): Path<String>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    let existing = existing_chapter(&state, chapter_id(&segment)?).await?;
    let fields = existing
        .as_ref()
        .map(|c| domain::chapter::ChapterFields {
            slug: c.slug.clone(),
            country: c.country.clone(),
            names: [c.name_en.clone(), c.name_fr.clone(), c.name_es.clone()],
            descriptions: [
                c.description_en.clone(),
                c.description_fr.clone(),
                c.description_es.clone(),
            ],
        })
        .unwrap_or_default();
    let csrf = csrf::form_value(&csrf_token)?;
    let heading = chapter_heading(staff.lang, existing.as_ref());
    let action = format!("/admin/chapters/{segment}");
    let page = view::chapter_form(
        staff.lang,
        &staff.viewer(&csrf),
        &action,
        &heading,
        &fields,
        &FieldErrors::default(),
    );
    Ok((csrf_token, page).into_response())
}

pub async fn save_chapter(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(segment): Path<String>,
    Form(form): Form<ChapterInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let id = chapter_id(&segment)?;
    let existing = existing_chapter(&state, id).await?;
    let fields = form.fields();
    let txn = state.db.begin_write().await?;
    match domain::chapter::save(&txn, id, &fields, Utc::now()).await? {
        Ok(saved) => {
            let action = if id.is_some() {
                "chapter-updated"
            } else {
                "chapter-created"
            };
            staff
                .audit(
                    &txn,
                    action,
                    "chapter",
                    Some(saved.id),
                    serde_json::json!({ "slug": saved.slug, "country": saved.country }),
                )
                .await?;
            txn.commit().await?;
            state.chapters.invalidate();
            Ok(Redirect::to("/admin/chapters?saved=1").into_response())
        }
        Err(problems) => {
            txn.rollback().await?;
            let csrf = csrf::form_value(&csrf_token)?;
            let heading = chapter_heading(staff.lang, existing.as_ref());
            let action = format!("/admin/chapters/{segment}");
            let page = view::chapter_form(
                staff.lang,
                &staff.viewer(&csrf),
                &action,
                &heading,
                &fields,
                &chapter_errors(&problems),
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response())
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChaptersInput {
    csrf_token: String,
    chapters: Vec<String>,
}

/// An admin changes which chapters an organizer runs. Audited with before and after.
pub async fn assign_chapters(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(form): Form<ChaptersInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let target = organizers::find(state.db.reader(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let all = domain::chapter::all(state.db.reader()).await?;
    let ids: Vec<i64> = all
        .iter()
        .filter(|c| form.chapters.contains(&c.slug))
        .map(|c| c.id)
        .collect();
    let txn = state.db.begin_write().await?;
    let before = organizers::chapters_of(&txn, target.id).await?;
    organizers::assign_chapters(&txn, target.id, &ids).await?;
    staff
        .audit(
            &txn,
            "organizer-chapters-changed",
            "organizer",
            Some(target.id),
            serde_json::json!({ "before": before, "after": ids }),
        )
        .await?;
    txn.commit().await?;
    Ok(Redirect::to("/admin/organizers").into_response())
}
