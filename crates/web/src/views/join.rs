use domain::{Interest, Language, entities::chapter, profile::regions};
use mailer::{
    Brand,
    i18n::{t, t_with},
};
use maud::{Markup, html};

use super::{
    form::{self, FieldErrors, TextField, error_of, field_id},
    layout::{Shell, page},
};

/// What the person typed, to show again when the form is rejected.
#[derive(Clone, Debug, Default)]
pub struct JoinValues {
    pub full_name: String,
    pub email: String,
    pub chapter: String,
    pub region: String,
    pub interests: Vec<String>,
    pub language: String,
    pub newsletter: bool,
}

pub struct JoinPage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub chapters: &'a [chapter::Model],
    pub values: &'a JoinValues,
    pub errors: &'a FieldErrors,
    pub csrf: &'a str,
    pub stamp: &'a str,
}

pub fn page_view(p: &JoinPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "join-title");
    let errors = p.errors;
    let (chapter_error, chapter_described) = error_of(lang, errors, "chapter");
    let (region_error, region_described) = error_of(lang, errors, "region");
    let (interests_error, interests_described) = error_of(lang, errors, "interests");
    let (language_error, language_described) = error_of(lang, errors, "language");
    let email_language = if p.values.language.is_empty() {
        lang.code()
    } else {
        p.values.language.as_str()
    };
    page(
        &Shell {
            lang,
            title: &title,
            path: "/join",
            brand: p.brand,
        },
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            div class="notice" {
                p { (t(lang, "join-purpose")) }
                p { (t_with(lang, "join-who", &[("email", &p.brand.contact_email)])) }
                p { (t(lang, "join-withdraw")) }
            }
            form method="post" action={ "/" (lang.code()) "/join" } novalidate {
                (form::protection(lang, p.csrf, p.stamp))
                (form::text_field(TextField {
                    lang, name: "full_name", label_key: "field-full-name", hint_key: Some("field-full-name-hint"),
                    value: &p.values.full_name, input_type: "text", autocomplete: "name", max_length: 100, errors,
                }))
                (form::text_field(TextField {
                    lang, name: "email", label_key: "field-email", hint_key: Some("field-email-hint"),
                    value: &p.values.email, input_type: "email", autocomplete: "email", max_length: 254, errors,
                }))
                div class={ "field" @if chapter_described.is_some() { " field-error" } } {
                    label for=(field_id("chapter")) { (t(lang, "field-chapter")) }
                    (chapter_error)
                    select id=(field_id("chapter")) name="chapter" aria-invalid=[chapter_described.as_ref().map(|_| "true")] aria-describedby=[chapter_described] {
                        @for chapter in p.chapters {
                            option value=(chapter.slug) selected[chapter.slug == p.values.chapter] { (chapter.name(lang)) }
                        }
                    }
                }
                div class={ "field" @if region_described.is_some() { " field-error" } } {
                    label for=(field_id("region")) {
                        (t(lang, "field-region")) " " span class="optional" { "(" (t(lang, "optional")) ")" }
                    }
                    (region_error)
                    select id=(field_id("region")) name="region" autocomplete="address-level1" aria-invalid=[region_described.as_ref().map(|_| "true")] aria-describedby=[region_described] {
                        option value="" selected[p.values.region.is_empty()] { (t(lang, "field-region-none")) }
                        @for chapter in p.chapters {
                            @let codes = regions::of_country(&chapter.country);
                            @if !codes.is_empty() {
                                optgroup label=(chapter.name(lang)) {
                                    @for code in codes {
                                        option value=(code) selected[*code == p.values.region] { (t(lang, &format!("region-{code}"))) }
                                    }
                                }
                            }
                        }
                    }
                }
                fieldset class={ "field" @if interests_described.is_some() { " field-error" } } aria-describedby=[interests_described] {
                    legend {
                        (t(lang, "field-interests")) " " span class="optional" { "(" (t(lang, "optional")) ")" }
                    }
                    p class="hint" { (t(lang, "field-interests-hint")) }
                    (interests_error)
                    @for interest in Interest::ALL {
                        div class="choice" {
                            input type="checkbox" id={ "interest-" (interest.slug()) } name="interests" value=(interest.slug())
                                checked[p.values.interests.iter().any(|i| i == interest.slug())];
                            label for={ "interest-" (interest.slug()) } { (t(lang, &format!("interest-{}", interest.slug()))) }
                        }
                    }
                }
                div class={ "field" @if language_described.is_some() { " field-error" } } {
                    label for=(field_id("language")) { (t(lang, "field-language")) }
                    (language_error)
                    select id=(field_id("language")) name="language" aria-invalid=[language_described.as_ref().map(|_| "true")] aria-describedby=[language_described] {
                        @for option_lang in Language::ALL {
                            option value=(option_lang.code()) lang=(option_lang.code()) selected[option_lang.code() == email_language] {
                                (t(option_lang, &format!("autonym-{}", option_lang.code())))
                            }
                        }
                    }
                }
                div class="field choice consent" {
                    input type="checkbox" id=(field_id("newsletter")) name="newsletter" value="yes" checked[p.values.newsletter];
                    label for=(field_id("newsletter")) { (t(lang, "field-newsletter")) }
                }
                p class="hint" { (t(lang, "join-confirm-note")) }
                button type="submit" class="button" { (t(lang, "join-submit")) }
            }
        },
    )
}
