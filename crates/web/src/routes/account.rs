//! The account page of a signed-in member: details, newsletter, address, data, leaving.

use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::{
    Interest, Language,
    account::{self, Link, ProfileUpdate},
    consent,
    entities::{chapter, member},
};
use serde::Deserialize;
use validator::Validate;

use crate::form_fields;
use crate::{
    error::AppError,
    lang::Lang,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf::{self, ButtonForm},
    },
    session::{self as web_session, SignedIn},
    state::AppState,
    views::{
        self,
        account::{AccountPage, ProfileValues},
        form::FieldErrors,
    },
};

/// The version of the newsletter wording on the account page (`account-subscribe`); the ledger
/// records it with each choice made there.
pub const ACCOUNT_WORDING_VERSION: &str = "account-2026-11-28";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    saved: String,
}

#[derive(Debug, Default, Deserialize, Validate)]
#[serde(default)]
pub struct ProfileForm {
    csrf_token: String,
    #[validate(length(max = 100, code = "name-too-long"))]
    full_name: String,
    chapter: String,
    region: String,
    #[validate(length(max = 6, code = "interests-invalid"))]
    interests: Vec<String>,
    language: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewsletterForm {
    csrf_token: String,
    subscribe: String,
}

#[derive(Debug, Default, Deserialize, Validate)]
#[serde(default)]
pub struct EmailForm {
    csrf_token: String,
    // The address's syntax is the domain's and the mailer's (`form_fields::reachable_email`).
    #[validate(length(max = 254, code = "email-too-long"))]
    email: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeleteForm {
    csrf_token: String,
    confirm: String,
}

carries_csrf!(ProfileForm, NewsletterForm, EmailForm, DeleteForm);

fn stored_values(member: &member::Model, chapters: &[chapter::Model]) -> ProfileValues {
    ProfileValues {
        full_name: member.full_name.clone(),
        chapter: chapters
            .iter()
            .find(|c| c.id == member.chapter_id)
            .map(|c| c.slug.clone())
            .unwrap_or_default(),
        region: member.region.clone().unwrap_or_default(),
        interests: Interest::parse_stored(&member.interests)
            .into_iter()
            .map(|i| i.slug().to_owned())
            .collect(),
        language: member.language.code().to_owned(),
    }
}

/// What the page can show besides the forms.
struct Rendering<'a> {
    values: Option<ProfileValues>,
    errors: FieldErrors,
    new_email: &'a str,
    email_errors: FieldErrors,
    notice: Option<&'static str>,
}

async fn render(
    state: &AppState,
    lang: Language,
    member: &member::Model,
    csrf_token: &CsrfToken,
    r: Rendering<'_>,
) -> Result<maud::Markup, AppError> {
    let csrf = csrf::form_value(csrf_token)?;
    let reader = state.db.reader();
    let chapters = state.chapters.get(&state.db).await?;
    let consents = consent::history(reader, member.id).await?;
    let subscribed = account::newsletter_subscribed(reader, member.id).await?;
    let registrations =
        domain::events::registrations_of_person(reader, member.id, &member.email).await?;
    let event_ids: Vec<i64> = registrations.iter().map(|(_, e)| e.id).collect();
    let programmes = domain::summit::with_programme(reader, &event_ids).await?;
    let values = r.values.unwrap_or_else(|| stored_values(member, &chapters));
    let listing = domain::experts::by_member(reader, member.id).await?;
    let expert = views::experts::listing::account_section(lang, listing.as_ref());
    Ok(views::account::account(&AccountPage {
        lang,
        brand: &state.brand,
        member,
        chapters: &chapters,
        values: &values,
        errors: &r.errors,
        new_email: r.new_email,
        email_errors: &r.email_errors,
        subscribed,
        consents: &consents,
        registrations: &registrations,
        programmes: &programmes,
        notice: r.notice,
        csrf: &csrf,
        expert,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    csrf_token: CsrfToken,
    Query(notice): Query<Notice>,
) -> Result<Response, AppError> {
    let notice = match notice.saved.as_str() {
        "profile" => Some("account-saved"),
        "newsletter" => Some("account-newsletter-saved"),
        "email" => Some("account-email-sent"),
        _ => None,
    };
    let page = render(
        &state,
        lang,
        &member,
        &csrf_token,
        Rendering {
            values: None,
            errors: FieldErrors::default(),
            new_email: "",
            email_errors: FieldErrors::default(),
            notice,
        },
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

fn saved(lang: Language, what: &str) -> Response {
    Redirect::to(&format!("/{}/account?saved={what}", lang.code())).into_response()
}

pub async fn update_profile(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<ProfileForm>,
) -> Result<Response, AppError> {
    let chapters = state.chapters.get(&state.db).await?;
    let mut errors = form_fields::rule_errors(form.validate());
    let full_name = form_fields::name(&form.full_name, &mut errors);
    let profile = form_fields::profile(
        &form_fields::ProfileInput {
            chapter: &form.chapter,
            region: &form.region,
            interests: &form.interests,
            language: &form.language,
        },
        &chapters,
        &mut errors,
    );
    let errors = errors.in_order(&form_fields::ORDER);
    let (Some(full_name), Some(profile), true) = (full_name, profile, errors.is_empty()) else {
        let values = ProfileValues {
            full_name: form.full_name.clone(),
            chapter: form.chapter.clone(),
            region: form.region.clone(),
            interests: form.interests.clone(),
            language: form.language.clone(),
        };
        let page = render(
            &state,
            lang,
            &member,
            &csrf_token,
            Rendering {
                values: Some(values),
                errors,
                new_email: "",
                email_errors: FieldErrors::default(),
                notice: None,
            },
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    app::account::update_profile(
        &state.app,
        member,
        ProfileUpdate {
            full_name,
            language: profile.language,
            chapter_id: profile.chapter_id,
            region: profile.region,
            interests: profile.interests,
        },
    )
    .await?;
    Ok(saved(lang, "profile"))
}

pub async fn newsletter(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    CheckedForm { form, .. }: CheckedForm<NewsletterForm>,
) -> Result<Response, AppError> {
    let subscribe = match form.subscribe.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    app::consent::set_newsletter(&state.app, &member, subscribe, ACCOUNT_WORDING_VERSION).await?;
    Ok(saved(lang, "newsletter"))
}

pub async fn change_email(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<EmailForm>,
) -> Result<Response, AppError> {
    let trimmed = EmailForm {
        email: form.email.trim().to_owned(),
        ..Default::default()
    };
    let mut email_errors = form_fields::rule_errors(trimmed.validate());
    let new_email = form_fields::reachable_email(
        &form.email,
        state.settings.mail.address_policy(),
        &mut email_errors,
    );
    let Some(new_email) = new_email.filter(|_| email_errors.is_empty()) else {
        let page = render(
            &state,
            lang,
            &member,
            &csrf_token,
            Rendering {
                values: None,
                errors: FieldErrors::default(),
                new_email: &form.email,
                email_errors,
                notice: None,
            },
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    app::account::request_email_change(&state.app, &member, &new_email).await?;
    Ok(saved(lang, "email"))
}

pub async fn show_email_link(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let path = format!("/account/email/{token}");
    Ok(
        match account::check_email_change(state.db.reader(), &token, Utc::now()).await? {
            Link::Valid(new_email) => {
                let page = views::account::email_change_confirm(
                    lang,
                    &state.brand,
                    &token,
                    &new_email,
                    &csrf,
                );
                (csrf_token, page).into_response()
            }
            other => dead_link(&state, lang, &path, &other),
        },
    )
}

pub async fn confirm_email_link(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    jar: CookieJar,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let path = format!("/account/email/{token}");
    let current = jar
        .get(web_session::cookie_name(&state))
        .map(|c| c.value().to_owned());
    let outcome =
        app::account::confirm_email_change(&state.app, &token, current.as_deref()).await?;
    Ok(match outcome {
        Link::Valid(_) => views::account::email_changed(lang, &state.brand).into_response(),
        other => dead_link(&state, lang, &path, &other),
    })
}

/// "Sign out everywhere": every session of the member ends, this one too.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    jar: CookieJar,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    app::account::sign_out_everywhere(&state.app, &member).await?;
    let jar = jar.remove(web_session::removal(&state));
    // Like signing out: a 303, so a reload does not post the form again.
    Ok((jar, Redirect::to(&format!("/{}/signed-out", lang.code()))).into_response())
}

/// Everything held about the member, as a JSON download.
pub async fn data(
    State(state): State<AppState>,
    SignedIn { member }: SignedIn,
) -> Result<Response, AppError> {
    let data = account::export(state.db.reader(), &member).await?;
    let body =
        serde_json::to_string_pretty(&data).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"reseau-my-data.json\"",
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn delete_form(
    State(state): State<AppState>,
    Lang(lang): Lang,
    _signed_in: SignedIn,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let page = views::account::delete_form(lang, &state.brand, &FieldErrors::default(), &csrf);
    Ok((csrf_token, page).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    jar: CookieJar,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<DeleteForm>,
) -> Result<Response, AppError> {
    if form.confirm != "yes" {
        let mut errors = FieldErrors::default();
        errors.add("confirm", "error-delete-confirm");
        let csrf = csrf::form_value(&csrf_token)?;
        let page = views::account::delete_form(lang, &state.brand, &errors, &csrf);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    }
    app::account::erase(&state.app, member).await?;
    let jar = jar.remove(web_session::removal(&state));
    Ok((
        jar,
        Redirect::to(&format!("/{}/account/deleted", lang.code())),
    )
        .into_response())
}

pub async fn deleted(State(state): State<AppState>, Lang(lang): Lang) -> maud::Markup {
    views::account::deleted(lang, &state.brand)
}

fn dead_link<T>(state: &AppState, lang: Language, path: &str, link: &Link<T>) -> Response {
    let (status, page) = match link {
        Link::Expired => (
            StatusCode::GONE,
            views::message::message(
                lang,
                &state.brand,
                path,
                "link-expired-title",
                &["link-unknown-text"],
                maud::html! {},
            ),
        ),
        Link::Used => (
            StatusCode::GONE,
            views::message::link_used(lang, &state.brand, path),
        ),
        Link::Unknown | Link::Valid(_) => (
            StatusCode::NOT_FOUND,
            views::message::link_unknown(lang, &state.brand, path),
        ),
    };
    (status, page).into_response()
}
