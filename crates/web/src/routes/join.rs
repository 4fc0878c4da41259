//! Joining: the form, its validation, and the request that queues a confirmation.

use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{Language, chapter::DEFAULT_SLUG, entities::chapter, membership::JoinRequest};
use maud::Markup;
use serde::Deserialize;
use validator::Validate;

use crate::form_fields;
use crate::{
    error::AppError,
    lang::Lang,
    page_cache::{self, Rendered},
    security::{
        checked_form::{GuardedForm, carries_stamp},
        csrf,
        form_guard::Verdict,
    },
    state::AppState,
    views::{
        self,
        form::FieldErrors,
        join::{JoinPage, JoinValues},
    },
};

/// The version of the consent wording the join form shows (`join-purpose`, `join-withdraw`,
/// `field-newsletter` in the locale files). Change it whenever that wording changes: the
/// consent ledger records it.
pub const CONSENT_WORDING_VERSION: &str = "join-2026-11-28";
const FORM_NAME: &str = "join";

#[derive(Debug, Default, Deserialize, Validate)]
#[serde(default)]
pub struct JoinForm {
    csrf_token: String,
    form_ts: String,
    website: String,
    #[validate(length(max = 100, code = "name-too-long"))]
    full_name: String,
    // The address's syntax is the domain's and the mailer's (`form_fields::reachable_email`).
    #[validate(length(max = 254, code = "email-too-long"))]
    email: String,
    chapter: String,
    region: String,
    #[validate(length(max = 6, code = "interests-invalid"))]
    interests: Vec<String>,
    language: String,
    newsletter: Option<String>,
}

carries_stamp!(JoinForm, FORM_NAME);

impl JoinForm {
    fn values(&self) -> JoinValues {
        JoinValues {
            full_name: self.full_name.clone(),
            email: self.email.clone(),
            chapter: self.chapter.clone(),
            region: self.region.clone(),
            interests: self.interests.clone(),
            language: self.language.clone(),
            newsletter: self.newsletter.is_some(),
        }
    }

    /// Checks every field, first with `validator`'s rules on the raw text, then by parsing into
    /// domain types. All errors are collected, in the order of the form, so the person fixes
    /// them in one go.
    fn parse(
        &self,
        chapters: &[chapter::Model],
        policy: domain::email::AddressPolicy,
    ) -> Result<JoinRequest, FieldErrors> {
        let trimmed = JoinForm {
            email: self.email.trim().to_owned(),
            full_name: self.full_name.clone(),
            interests: self.interests.clone(),
            ..Default::default()
        };
        let mut errors = form_fields::rule_errors(trimmed.validate());
        let full_name = form_fields::name(&self.full_name, &mut errors);
        let email = form_fields::reachable_email(&self.email, policy, &mut errors);
        let profile = form_fields::profile(
            &form_fields::ProfileInput {
                chapter: &self.chapter,
                region: &self.region,
                interests: &self.interests,
                language: &self.language,
            },
            chapters,
            &mut errors,
        );
        let errors = errors.in_order(&form_fields::ORDER);
        match (email, full_name, profile) {
            (Some(email), Some(full_name), Some(profile)) if errors.is_empty() => Ok(JoinRequest {
                email,
                full_name,
                chapter_id: profile.chapter_id,
                region: profile.region,
                interests: profile.interests,
                language: profile.language,
                newsletter: self.newsletter.is_some(),
                wording_version: CONSENT_WORDING_VERSION.to_owned(),
                source: FORM_NAME.to_owned(),
                evidence: None,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JoinQuery {
    chapter: String,
}

pub async fn form(
    State(state): State<AppState>,
    Lang(lang): Lang,
    csrf_token: CsrfToken,
    Query(query): Query<JoinQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let chapters = state.chapters.get(&state.db).await?;
    let chapter = if chapters.iter().any(|c| c.slug == query.chapter) {
        query.chapter
    } else {
        DEFAULT_SLUG.to_owned()
    };
    let key = format!("join/{}/{chapter}", lang.code());
    let page = state
        .pages
        .form(&state, &headers, key, &csrf_token, FORM_NAME, || async {
            let chapters = domain::chapter::all(state.db.reader()).await?;
            let values = JoinValues {
                chapter,
                language: lang.code().to_owned(),
                ..Default::default()
            };
            Ok(Rendered {
                html: page(
                    &state,
                    lang,
                    page_cache::CSRF_MARK,
                    page_cache::STAMP_MARK,
                    &chapters,
                    &values,
                    &FieldErrors::default(),
                )
                .into_string(),
                until: None,
            })
        })
        .await?;
    Ok((csrf_token, page).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    GuardedForm {
        csrf: csrf_token,
        form,
        verdict,
    }: GuardedForm<JoinForm>,
) -> Result<Response, AppError> {
    let check_email = Redirect::to(&format!("/{}/join/check-email", lang.code())).into_response();
    let chapters = state.chapters.get(&state.db).await?;

    match verdict {
        // Same answer as a success, so a bot learns nothing.
        Verdict::Bot => {
            tracing::info!("join form dropped as automated");
            return Ok(check_email);
        }
        Verdict::Expired => {
            let mut errors = FieldErrors::default();
            errors.add("email", "error-form-expired");
            let page = render(
                &state,
                lang,
                &csrf_token,
                &chapters,
                &form.values(),
                &errors,
            )?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
        }
        Verdict::Person => {}
    }

    let request = match form.parse(&chapters, state.settings.mail.address_policy()) {
        Ok(request) => request,
        Err(errors) => {
            let page = render(
                &state,
                lang,
                &csrf_token,
                &chapters,
                &form.values(),
                &errors,
            )?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
        }
    };

    app::membership::join(&state.app, request, &chapters).await?;
    Ok(check_email)
}

pub async fn check_email(State(state): State<AppState>, Lang(lang): Lang) -> Markup {
    views::confirmation::check_email(lang, &state.brand)
}

fn render(
    state: &AppState,
    lang: Language,
    csrf_token: &CsrfToken,
    chapters: &[chapter::Model],
    values: &JoinValues,
    errors: &FieldErrors,
) -> Result<Markup, AppError> {
    let csrf = csrf::form_value(csrf_token)?;
    let stamp = state.guard.stamp(FORM_NAME, Utc::now());
    Ok(page(state, lang, &csrf, &stamp, chapters, values, errors))
}

fn page(
    state: &AppState,
    lang: Language,
    csrf: &str,
    stamp: &str,
    chapters: &[chapter::Model],
    values: &JoinValues,
    errors: &FieldErrors,
) -> Markup {
    views::join::page_view(&JoinPage {
        lang,
        brand: &state.brand,
        chapters,
        values,
        errors,
        csrf,
        stamp,
    })
}
