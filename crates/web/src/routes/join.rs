//! Joining: the form, its validation, and the request that queues a confirmation.

use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::Form;
use chrono::Utc;
use domain::{
    EmailAddress, FullName, Interest, Language,
    chapter::DEFAULT_SLUG,
    email::EmailError,
    entities::chapter,
    membership::{self, JoinOutcome, JoinRequest},
    outbox::{self, NewEmail},
    profile::{NameError, regions},
};
use maud::Markup;
use serde::Deserialize;
use validator::Validate;

use crate::{
    error::AppError,
    lang::Lang,
    security::{csrf, form_guard::Verdict},
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
    #[validate(
        length(max = 254, code = "email-too-long"),
        email(code = "email-invalid")
    )]
    email: String,
    chapter: String,
    region: String,
    #[validate(length(max = 6, code = "interests-invalid"))]
    interests: Vec<String>,
    language: String,
    newsletter: Option<String>,
}

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

    /// `validator`'s verdict on the raw text fields: field name to locale key.
    fn rule_errors(&self) -> Vec<(&'static str, &'static str)> {
        let trimmed = JoinForm {
            email: self.email.trim().to_owned(),
            full_name: self.full_name.clone(),
            interests: self.interests.clone(),
            ..Default::default()
        };
        let Err(report) = trimmed.validate() else {
            return Vec::new();
        };
        let fields = report.field_errors();
        let code = |field: &str| {
            fields
                .get(field)
                .and_then(|errors| errors.first())
                .map(|e| e.code.to_string())
        };
        let mut found = Vec::new();
        match code("email").as_deref() {
            Some("email-too-long") => found.push(("email", "error-email-too-long")),
            Some(_) if !trimmed.email.is_empty() => found.push(("email", "error-email-invalid")),
            _ => {}
        }
        if code("full_name").is_some() {
            found.push(("full_name", "error-name-too-long"));
        }
        if code("interests").is_some() {
            found.push(("interests", "error-interests-invalid"));
        }
        found
    }

    /// Checks every field, first with `validator`'s rules on the raw text, then by parsing into
    /// domain types. All errors are collected, in the order of the form, so the person fixes
    /// them in one go.
    fn parse(&self, chapters: &[chapter::Model]) -> Result<JoinRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let rules = self.rule_errors();
        let rule = |field: &str| rules.iter().find(|(f, _)| *f == field).map(|(_, key)| *key);

        if let Some(key) = rule("full_name") {
            errors.add("full_name", key);
        }
        let full_name = FullName::parse(&self.full_name)
            .map_err(|e| match e {
                NameError::Empty => errors.add("full_name", "error-name-empty"),
                NameError::TooLong => errors.add("full_name", "error-name-too-long"),
                NameError::InvalidCharacters => errors.add("full_name", "error-name-invalid"),
            })
            .ok();
        if let Some(key) = rule("email") {
            errors.add("email", key);
        }
        let email = EmailAddress::parse(&self.email)
            .map_err(|e| match e {
                EmailError::Empty => errors.add("email", "error-email-empty"),
                EmailError::TooLong => errors.add("email", "error-email-too-long"),
                EmailError::Invalid => errors.add("email", "error-email-invalid"),
            })
            .ok();
        let chapter = chapters.iter().find(|c| c.slug == self.chapter);
        if chapter.is_none() {
            errors.add("chapter", "error-chapter-invalid");
        }
        let region = match (self.region.as_str(), chapter) {
            ("", _) => None,
            (code, Some(c)) if regions::belongs(&c.country, code) => Some(code.to_owned()),
            (_, Some(_)) => {
                errors.add("region", "error-region-invalid");
                None
            }
            // The chapter is already wrong; one message is enough.
            (_, None) => None,
        };
        if let Some(key) = rule("interests") {
            errors.add("interests", key);
        }
        let interests: Result<Vec<Interest>, _> =
            self.interests.iter().map(|i| i.parse()).collect();
        let interests = interests
            .map_err(|_| errors.add("interests", "error-interests-invalid"))
            .unwrap_or_default();
        let language = self
            .language
            .parse::<Language>()
            .map_err(|_| errors.add("language", "error-language-invalid"))
            .ok();

        match (email, full_name, chapter, language) {
            (Some(email), Some(full_name), Some(chapter), Some(language)) if errors.is_empty() => {
                Ok(JoinRequest {
                    email,
                    full_name,
                    chapter_id: chapter.id,
                    region,
                    interests,
                    language,
                    newsletter: self.newsletter.is_some(),
                    wording_version: CONSENT_WORDING_VERSION.to_owned(),
                    source: FORM_NAME.to_owned(),
                })
            }
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
) -> Result<Response, AppError> {
    let chapters = domain::chapter::all(state.db.reader()).await?;
    let chapter = if chapters.iter().any(|c| c.slug == query.chapter) {
        query.chapter
    } else {
        DEFAULT_SLUG.to_owned()
    };
    let values = JoinValues {
        chapter,
        language: lang.code().to_owned(),
        ..Default::default()
    };
    let page = render(
        &state,
        lang,
        &csrf_token,
        &chapters,
        &values,
        &FieldErrors::default(),
    )?;
    Ok((csrf_token, page).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    csrf_token: CsrfToken,
    Form(form): Form<JoinForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let now = Utc::now();
    let check_email = Redirect::to(&format!("/{}/join/check-email", lang.code())).into_response();
    let chapters = domain::chapter::all(state.db.reader()).await?;

    match state
        .guard
        .check(FORM_NAME, &form.form_ts, &form.website, now)
    {
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

    let request = match form.parse(&chapters) {
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

    let txn = state.db.begin_write().await?;
    let outcome = membership::request(&txn, request, state.throttle(), now).await?;
    let email = match outcome {
        JoinOutcome::Confirm { member, token } => {
            let language = member_language(&member.language);
            let chapter = chapter_name(&chapters, member.chapter_id, language);
            let mail = mailer::compose::membership::confirmation(
                &state.brand,
                language,
                &member.full_name,
                &chapter,
                token.as_str(),
            );
            Some(new_email(membership::CONFIRM_MAIL, &member, language, mail))
        }
        JoinOutcome::AlreadyMember { member } => {
            let language = member_language(&member.language);
            let mail = mailer::compose::membership::already_member(
                &state.brand,
                language,
                &member.full_name,
            );
            Some(new_email(
                membership::ALREADY_MEMBER_MAIL,
                &member,
                language,
                mail,
            ))
        }
        JoinOutcome::Throttled => None,
    };
    let queued = email.is_some();
    if let Some(email) = email {
        outbox::enqueue(&txn, email, now).await?;
    }
    txn.commit().await?;
    if queued {
        state.mail_waker.notify_one();
    }
    Ok(check_email)
}

pub async fn check_email(State(state): State<AppState>, Lang(lang): Lang) -> Markup {
    views::pages::check_email(lang, &state.brand)
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
    Ok(views::join::page_view(&JoinPage {
        lang,
        brand: &state.brand,
        chapters,
        values,
        errors,
        csrf: &csrf,
        stamp: &stamp,
    }))
}

/// A stored language code, English if it were ever unreadable.
pub(crate) fn member_language(code: &str) -> Language {
    code.parse().unwrap_or(Language::En)
}

pub(crate) fn chapter_name(chapters: &[chapter::Model], id: i64, lang: Language) -> String {
    chapters
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.name(lang).to_owned())
        .unwrap_or_default()
}

pub(crate) fn new_email(
    kind: &'static str,
    member: &domain::entities::member::Model,
    language: Language,
    mail: mailer::Composed,
) -> NewEmail {
    NewEmail {
        kind,
        recipient: member.email.clone(),
        language,
        member_id: Some(member.id),
        subject: mail.subject,
        body_text: mail.text,
        body_html: mail.html,
        headers: Vec::new(),
    }
}
