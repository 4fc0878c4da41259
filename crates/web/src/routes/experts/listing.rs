//! A signed-in member's own listing: asking to be listed, changing it, pausing contact
//! requests, withdrawing.

use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use domain::{
    Language,
    entities::{chapter, expert_profile, member},
    experts::{self, COUNTRIES, Content, ContentInput, Field, Problem, Visibility},
};
use serde::Deserialize;

use crate::{
    error::AppError,
    lang::Lang,
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf::{self, ButtonForm},
    },
    session::SignedIn,
    state::AppState,
    views::{
        experts::listing::{self as view, ListingValues, ORDER},
        form::FieldErrors,
    },
};

/// The version of the listing's consent wording (`expert-consent-label`,
/// `expert-consent-withdraw`, `expert-join-intro`): the ledger records it with each decision.
/// Change it whenever that wording changes.
pub const LISTING_WORDING_VERSION: &str = "directory-2026-12-06";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    saved: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListingForm {
    csrf_token: String,
    display_name: String,
    areas: Vec<String>,
    languages: Vec<String>,
    country: String,
    organisation: String,
    org_role: String,
    bio_en: String,
    bio_fr: String,
    bio_es: String,
    bio_pt: String,
    lived_experience: String,
    lived_language: String,
    show_name: String,
    show_areas: String,
    show_languages: String,
    show_place: String,
    show_organisation: String,
    show_bio: String,
    show_lived: String,
    directory: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PauseForm {
    csrf_token: String,
    paused: String,
}

carries_csrf!(ListingForm, PauseForm);

impl ListingForm {
    fn bio(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.bio_en,
            Language::Fr => &self.bio_fr,
            Language::Es => &self.bio_es,
            Language::Pt => &self.bio_pt,
        }
    }

    /// Who sees each part; a value no form of ours sends is a 400.
    fn visibility(&self) -> Result<Visibility, AppError> {
        let mut visibility = Visibility::default();
        for field in Field::ALL {
            let chosen = match field {
                Field::Name => &self.show_name,
                Field::Areas => &self.show_areas,
                Field::Languages => &self.show_languages,
                Field::Place => &self.show_place,
                Field::Organisation => &self.show_organisation,
                Field::Bio => &self.show_bio,
                Field::Lived => &self.show_lived,
            };
            match chosen.as_str() {
                "public" => visibility.set(field, true),
                "members" => visibility.set(field, false),
                _ => return Err(AppError::BadRequest),
            }
        }
        Ok(visibility)
    }

    fn values(&self, visibility: Visibility) -> ListingValues {
        ListingValues {
            display_name: self.display_name.clone(),
            areas: self.areas.clone(),
            languages: self.languages.clone(),
            country: self.country.clone(),
            organisation: self.organisation.clone(),
            org_role: self.org_role.clone(),
            bio: Language::ALL
                .into_iter()
                .map(|l| (l, self.bio(l).to_owned()))
                .collect(),
            lived_experience: self.lived_experience.clone(),
            lived_language: self.lived_language.clone(),
            visibility,
            consent: self.directory.is_some(),
        }
    }

    fn content(&self) -> Result<Content, Vec<Problem>> {
        ContentInput {
            display_name: &self.display_name,
            areas: &self.areas,
            languages: &self.languages,
            country: &self.country,
            organisation: &self.organisation,
            org_role: &self.org_role,
            bio: Language::ALL
                .into_iter()
                .map(|l| (l, self.bio(l)))
                .collect(),
            lived_experience: &self.lived_experience,
            lived_language: &self.lived_language,
        }
        .parse()
    }
}

/// The message of each problem.
fn problem_key(problem: Problem) -> &'static str {
    match problem {
        Problem::NameEmpty => "error-name-empty",
        Problem::NameTooLong => "error-name-too-long",
        Problem::NameInvalid => "error-name-invalid",
        Problem::AreasEmpty => "expert-error-areas-empty",
        Problem::AreaUnknown => "expert-error-area-unknown",
        Problem::LanguagesEmpty => "expert-error-languages-empty",
        Problem::LanguageUnknown => "expert-error-language-unknown",
        Problem::CountryUnknown => "expert-error-country",
        Problem::OrganisationTooLong | Problem::RoleTooLong => "expert-error-line-too-long",
        Problem::BioEmpty => "expert-error-bio-empty",
        Problem::BioTooLong(_) => "expert-error-bio-too-long",
        Problem::LivedTooLong => "expert-error-lived-too-long",
        Problem::LivedLanguage => "expert-error-lived-language",
        Problem::OrganisationHidden
        | Problem::RoleHidden
        | Problem::BioHidden(_)
        | Problem::LivedHidden => "expert-error-text-hidden",
    }
}

/// The form's values for a member not listed yet: their name, their chapter's country, no
/// text, the default audiences, the consent box unticked.
fn fresh_values(
    lang: Language,
    member: &member::Model,
    chapter: Option<&chapter::Model>,
) -> ListingValues {
    let country = chapter
        .map(|c| c.country.as_str())
        .filter(|c| COUNTRIES.contains(c))
        .unwrap_or("CA");
    ListingValues {
        display_name: member.full_name.clone(),
        country: country.to_owned(),
        bio: Language::ALL
            .into_iter()
            .map(|l| (l, String::new()))
            .collect(),
        lived_language: lang.code().to_owned(),
        visibility: Visibility::default(),
        ..Default::default()
    }
}

fn stored_values(lang: Language, profile: &expert_profile::Model) -> ListingValues {
    let c = Content::latest(profile);
    let (lived_language, lived_experience) = c
        .lived_experience
        .iter()
        .next()
        .map_or((lang, String::new()), |(l, text)| (l, text.to_owned()));
    ListingValues {
        areas: c.area_list().iter().map(|a| a.slug().to_owned()).collect(),
        languages: c.language_list().iter().map(|l| (*l).to_owned()).collect(),
        bio: Language::ALL
            .into_iter()
            .map(|l| (l, c.bio.own(l).to_owned()))
            .collect(),
        lived_experience,
        lived_language: lived_language.code().to_owned(),
        visibility: Visibility::of(profile),
        consent: true,
        display_name: c.display_name,
        country: c.country,
        organisation: c.organisation,
        org_role: c.org_role,
    }
}

async fn render(
    state: &AppState,
    lang: Language,
    member: &member::Model,
    csrf_token: &CsrfToken,
    values: Option<ListingValues>,
    errors: &FieldErrors,
    notice: Option<&'static str>,
) -> Result<maud::Markup, AppError> {
    let csrf = csrf::form_value(csrf_token)?;
    let chapters = state.chapters.get(&state.db).await?;
    let chapter = chapters.iter().find(|c| c.id == member.chapter_id);
    let profile = experts::by_member(state.db.reader(), member.id).await?;
    let values = values.unwrap_or_else(|| match &profile {
        Some(p) => stored_values(lang, p),
        None => fresh_values(lang, member, chapter),
    });
    Ok(view::page_view(&view::ListingPage {
        lang,
        brand: &state.brand,
        chapter,
        profile: profile.as_ref(),
        values: &values,
        errors,
        notice,
        csrf: &csrf,
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
        "listed" => Some("expert-notice-listed"),
        "review" => Some("expert-notice-review"),
        "saved" => Some("expert-notice-saved"),
        "paused" => Some("expert-notice-paused"),
        "resumed" => Some("expert-notice-resumed"),
        "withdrawn" => Some("expert-notice-withdrawn"),
        _ => None,
    };
    let page = render(
        &state,
        lang,
        &member,
        &csrf_token,
        None,
        &FieldErrors::default(),
        notice,
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

fn saved(lang: Language, what: &str) -> Response {
    Redirect::to(&format!("/{}/account/expert?saved={what}", lang.code())).into_response()
}

pub async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<ListingForm>,
) -> Result<Response, AppError> {
    let visibility = form.visibility()?;
    let listed = experts::by_member(state.db.reader(), member.id)
        .await?
        .is_some();
    let mut errors = FieldErrors::default();
    let content = form
        .content()
        .map_err(|problems| {
            for problem in problems {
                errors.add(problem.field(), problem_key(problem));
            }
        })
        .ok();
    if !listed && form.directory.as_deref() != Some("yes") {
        errors.add("directory", "expert-error-consent");
    }
    let errors = errors.in_order(&ORDER);
    let Some(content) = content.filter(|_| errors.is_empty()) else {
        let page = render(
            &state,
            lang,
            &member,
            &csrf_token,
            Some(form.values(visibility)),
            &errors,
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    };
    if !listed {
        app::experts::listing::list(
            &state.app,
            &member,
            content,
            visibility,
            LISTING_WORDING_VERSION,
            lang,
        )
        .await?;
        return Ok(saved(lang, "listed"));
    }
    Ok(
        match app::experts::listing::save(&state.app, &member, content, visibility).await? {
            Some(s) if s.needs_review => saved(lang, "review"),
            Some(_) => saved(lang, "saved"),
            // Withdrawn meanwhile (another tab): the page says there is no listing.
            None => saved(lang, ""),
        },
    )
}

pub async fn pause(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    CheckedForm { form, .. }: CheckedForm<PauseForm>,
) -> Result<Response, AppError> {
    let paused = match form.paused.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    app::experts::listing::set_paused(&state.app, &member, paused).await?;
    Ok(saved(lang, if paused { "paused" } else { "resumed" }))
}

pub async fn withdraw_form(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    if experts::by_member(state.db.reader(), member.id)
        .await?
        .is_none()
    {
        return Ok(saved(lang, ""));
    }
    let csrf = csrf::form_value(&csrf_token)?;
    let page = view::withdraw(lang, &state.brand, &csrf);
    Ok((csrf_token, page).into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    Lang(lang): Lang,
    SignedIn { member }: SignedIn,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    app::experts::listing::withdraw(&state.app, &member, LISTING_WORDING_VERSION, lang).await?;
    Ok(saved(lang, "withdrawn"))
}
