//! A member's own listing: the form that asks to be listed or changes the listing, where it
//! stands with the organizers, the contact pause, withdrawing; and its section of the
//! account page.

use domain::{
    Interest, Language,
    entities::{chapter, expert_profile},
    experts::{COUNTRIES, Field, SPOKEN, Status, Visibility, is_listed},
};
use mailer::{
    Brand,
    i18n::{t, t_with},
};
use maud::{Markup, html};

use super::{TextArea, area_name, checkboxes, country_name, spoken_name, text_area};
use crate::views::{
    form::{self, FieldErrors, TextField, error_of, field_id},
    layout::{Shell, page},
};

/// The listing form's values, as stored or as typed.
#[derive(Clone, Debug, Default)]
pub struct ListingValues {
    pub display_name: String,
    pub areas: Vec<String>,
    pub languages: Vec<String>,
    pub country: String,
    pub organisation: String,
    pub org_role: String,
    /// One text per language of the site.
    pub bio: Vec<(Language, String)>,
    pub lived_experience: String,
    pub lived_language: String,
    pub visibility: Visibility,
    pub consent: bool,
}

pub struct ListingPage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub chapter: Option<&'a chapter::Model>,
    pub profile: Option<&'a expert_profile::Model>,
    pub values: &'a ListingValues,
    pub errors: &'a FieldErrors,
    pub notice: Option<&'static str>,
    pub csrf: &'a str,
}

/// The order of the form's fields, for the error summary.
pub const ORDER: [&str; 14] = [
    "display_name",
    "areas",
    "languages",
    "country",
    "organisation",
    "org_role",
    "bio_en",
    "bio_fr",
    "bio_es",
    "bio_pt",
    "lived_experience",
    "lived_language",
    "visibility",
    "directory",
];

pub fn page_view(p: &ListingPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(
        lang,
        if p.profile.is_some() {
            "expert-listing-title"
        } else {
            "expert-join-title"
        },
    );
    let base = format!("/{}/account/expert", lang.code());
    page(
        &Shell {
            lang,
            title: &title,
            path: "/account/expert",
            brand: p.brand,
        },
        html! {
            (form::error_summary(lang, p.errors))
            p { a href={ "/" (lang.code()) "/account" } { (t(lang, "expert-back-to-account")) } }
            h1 { (title) }
            @if let Some(key) = p.notice {
                p class="notice" role="status" { (t(lang, key)) }
            }
            @match p.profile {
                Some(profile) => {
                    (standing(lang, profile))
                    (contact_pause(lang, &base, profile, p.csrf))
                }
                None => {
                    p class="lede" { (t(lang, "expert-join-intro")) }
                    p { (t(lang, "expert-join-review")) }
                }
            }
            section aria-labelledby="listing-form-title" {
                h2 id="listing-form-title" { (t(lang, if p.profile.is_some() { "expert-listing-edit" } else { "expert-listing-profile" })) }
                (listing_form(p, &base))
            }
            @if p.profile.is_some() {
                section aria-labelledby="withdraw-title" {
                    h2 id="withdraw-title" { (t(lang, "expert-withdraw-title")) }
                    p { (t(lang, "expert-withdraw-text")) }
                    p { a href={ (base) "/withdraw" } { (t(lang, "expert-withdraw-link")) } }
                }
            }
        },
    )
}

/// Where the listing stands, in words.
fn standing(lang: Language, profile: &expert_profile::Model) -> Markup {
    let listed = is_listed(profile);
    let key = match profile.status {
        Status::Pending if listed => "expert-standing-changes-pending",
        Status::Pending => "expert-standing-pending",
        Status::Approved => "expert-standing-listed",
        Status::Returned if listed => "expert-standing-returned-listed",
        Status::Returned => "expert-standing-returned",
        Status::Hidden => "expert-standing-hidden",
    };
    html! {
        section aria-labelledby="standing-title" {
            h2 id="standing-title" { (t(lang, "expert-standing-title")) }
            p { (t(lang, key)) }
            @if matches!(profile.status, Status::Returned | Status::Hidden) && !profile.review_note.is_empty() {
                p { (t(lang, "expert-standing-note")) }
                blockquote { p class="preview-text" { (profile.review_note) } }
            }
            @if listed {
                p { a href={ "/" (lang.code()) "/experts/" (profile.slug) } { (t(lang, "expert-standing-see")) } }
            }
        }
    }
}

fn contact_pause(
    lang: Language,
    base: &str,
    profile: &expert_profile::Model,
    csrf: &str,
) -> Markup {
    let paused = profile.contact_paused;
    html! {
        section aria-labelledby="contact-pause-title" {
            h2 id="contact-pause-title" { (t(lang, "expert-pause-title")) }
            p { (t(lang, if paused { "expert-pause-on" } else { "expert-pause-off" })) }
            form method="post" action={ (base) "/contact" } class="button-form" {
                input type="hidden" name="csrf_token" value=(csrf);
                input type="hidden" name="paused" value=(if paused { "no" } else { "yes" });
                button type="submit" class="button secondary" {
                    (t(lang, if paused { "expert-pause-resume" } else { "expert-pause-button" }))
                }
            }
        }
    }
}

fn listing_form(p: &ListingPage<'_>, base: &str) -> Markup {
    let lang = p.lang;
    let v = p.values;
    let errors = p.errors;
    let area_options: Vec<(&str, String)> = Interest::ALL
        .iter()
        .map(|a| (a.slug(), area_name(lang, *a)))
        .collect();
    let language_options: Vec<(&str, String)> =
        SPOKEN.iter().map(|l| (*l, spoken_name(lang, l))).collect();
    let (country_error, country_described) = error_of(lang, errors, "country");
    let (lived_lang_error, lived_lang_described) = error_of(lang, errors, "lived_language");
    let (consent_error, consent_described) = error_of(lang, errors, "directory");
    html! {
        form method="post" action=(base) novalidate {
            input type="hidden" name="csrf_token" value=(p.csrf);
            (form::text_field(TextField { required: true, lang, name: "display_name", label_key: "expert-field-name", hint_key: Some("expert-field-name-hint"),
                value: &v.display_name, input_type: "text", autocomplete: "name", max_length: 100, errors }))
            (checkboxes(lang, "areas", &t(lang, "expert-field-areas"), Some(&t(lang, "expert-field-areas-hint")), &area_options, &v.areas, errors))
            (checkboxes(lang, "languages", &t(lang, "expert-field-languages"), None, &language_options, &v.languages, errors))
            div class={ "field" @if country_described.is_some() { " field-error" } } {
                label for=(field_id("country")) { (t(lang, "expert-field-country")) " " span class="required" { "(" (t(lang, "required")) ")" } }
                (country_error)
                select id=(field_id("country")) name="country" aria-invalid=[country_described.as_ref().map(|_| "true")] aria-describedby=[country_described] {
                    @for c in COUNTRIES { option value=(c) selected[c == v.country] { (country_name(lang, c)) } }
                }
            }
            p {
                (t_with(lang, "expert-field-chapter", &[("chapter", p.chapter.map_or("", |c| c.name(lang)))]))
                " " a href={ "/" (lang.code()) "/account" } { (t(lang, "expert-field-chapter-change")) }
            }
            (form::text_field(TextField { required: false, lang, name: "organisation", label_key: "expert-field-organisation-name", hint_key: None,
                value: &v.organisation, input_type: "text", autocomplete: "organization", max_length: 150, errors }))
            (form::text_field(TextField { required: false, lang, name: "org_role", label_key: "expert-field-role", hint_key: None,
                value: &v.org_role, input_type: "text", autocomplete: "organization-title", max_length: 150, errors }))
            fieldset class="field" {
                legend { (t(lang, "expert-field-bio")) }
                p class="hint" { (t(lang, "expert-field-bio-hint")) }
                @for (text_lang, text) in &v.bio {
                    (text_area(TextArea { lang, name: bio_field(*text_lang),
                        label: t_with(lang, "expert-field-bio-in", &[("language", &t(lang, &format!("in-language-{}", text_lang.code())))]),
                        hint: None, value: text, max_length: domain::experts::BIO_MAX_CHARS, rows: 5, errors, required: false, text_lang: Some(*text_lang) }))
                }
            }
            fieldset class="field" {
                legend { (t(lang, "expert-field-lived")) " " span class="optional" { "(" (t(lang, "optional")) ")" } }
                p class="hint" { (t(lang, "expert-field-lived-hint")) }
                (text_area(TextArea { lang, name: "lived_experience", label: t(lang, "expert-field-lived-words"),
                    hint: None, value: &v.lived_experience, max_length: domain::experts::LIVED_MAX_CHARS, rows: 3, errors, required: false, text_lang: None }))
                div class={ "field" @if lived_lang_described.is_some() { " field-error" } } {
                    label for=(field_id("lived_language")) { (t(lang, "expert-field-lived-language")) }
                    (lived_lang_error)
                    select id=(field_id("lived_language")) name="lived_language" aria-describedby=[lived_lang_described] {
                        @for l in Language::ALL {
                            option value=(l.code()) selected[l.code() == v.lived_language] { (t(lang, &format!("language-name-{}", l.code()))) }
                        }
                    }
                }
            }
            section aria-labelledby="visibility-title" {
                h3 id="visibility-title" { (t(lang, "expert-visibility-title")) }
                p class="hint" { (t(lang, "expert-visibility-hint")) }
                @for field in Field::ALL { (audience_choice(lang, field, v.visibility.is_public(field))) }
            }
            @if p.profile.is_none() {
                div class={ "field choice consent" @if consent_described.is_some() { " field-error" } } {
                    (consent_error)
                    input type="checkbox" id=(field_id("directory")) name="directory" value="yes" checked[v.consent]
                        aria-invalid=[consent_described.as_ref().map(|_| "true")] aria-describedby=[consent_described];
                    label for=(field_id("directory")) { (t(lang, "expert-consent-label")) }
                }
                p class="hint" { (t(lang, "expert-consent-withdraw")) }
            }
            button type="submit" class="button" { (t(lang, if p.profile.is_some() { "expert-listing-save" } else { "expert-join-submit" })) }
        }
    }
}

/// The form field of the bio in `lang`.
pub fn bio_field(lang: Language) -> &'static str {
    match lang {
        Language::En => "bio_en",
        Language::Fr => "bio_fr",
        Language::Es => "bio_es",
        Language::Pt => "bio_pt",
    }
}

/// Everyone or members only, for one part of the profile.
fn audience_choice(lang: Language, field: Field, public: bool) -> Markup {
    let name = format!("show_{}", field.slug());
    html! {
        fieldset class="field" {
            legend { (t(lang, &format!("expert-field-{}", field.slug()))) }
            div class="choice" {
                input type="radio" id={ (name) "-public" } name=(name) value="public" checked[public];
                label for={ (name) "-public" } { (t(lang, "expert-audience-public")) }
            }
            div class="choice" {
                input type="radio" id={ (name) "-members" } name=(name) value="members" checked[!public];
                label for={ (name) "-members" } { (t(lang, "expert-audience-members")) }
            }
        }
    }
}

/// The page that asks before withdrawing.
pub fn withdraw(lang: Language, brand: &Brand, csrf: &str) -> Markup {
    let title = t(lang, "expert-withdraw-title");
    page(
        &Shell {
            lang,
            title: &title,
            path: "/account/expert/withdraw",
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "expert-withdraw-confirm-text")) }
            (form::button_form(&format!("/{}/account/expert/withdraw", lang.code()), csrf, &t(lang, "expert-withdraw-button")))
            p { a href={ "/" (lang.code()) "/account/expert" } { (t(lang, "expert-withdraw-cancel")) } }
        },
    )
}

/// The account page's section: where the listing stands, and the way to it.
pub fn account_section(lang: Language, profile: Option<&expert_profile::Model>) -> Markup {
    let href = format!("/{}/account/expert", lang.code());
    html! {
        section aria-labelledby="expert-title" {
            h2 id="expert-title" { (t(lang, "expert-account-title")) }
            @match profile {
                None => {
                    p { (t(lang, "expert-account-none")) }
                    p { a href=(href) { (t(lang, "expert-account-join")) } }
                }
                Some(profile) => {
                    p { (t(lang, if is_listed(profile) { "expert-account-listed" } else { "expert-account-waiting" })) }
                    p { a href=(href) { (t(lang, "expert-account-manage")) } }
                }
            }
        }
    }
}
