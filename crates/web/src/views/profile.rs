//! The profile fields the join form and the account page share: chapter, region, interests and
//! the language of emails.

use domain::{Interest, Language, entities::chapter, profile::regions};
use mailer::i18n::t;
use maud::{Markup, html};

use super::form::{FieldErrors, error_of, field_id};

pub struct Fields<'a> {
    pub lang: Language,
    pub chapters: &'a [chapter::Model],
    pub chapter: &'a str,
    pub region: &'a str,
    pub interests: &'a [String],
    /// The selected language of emails.
    pub language: &'a str,
    pub errors: &'a FieldErrors,
}

pub fn fields(f: &Fields<'_>) -> Markup {
    let lang = f.lang;
    let (chapter_error, chapter_described) = error_of(lang, f.errors, "chapter");
    let (region_error, region_described) = error_of(lang, f.errors, "region");
    let (interests_error, interests_described) = error_of(lang, f.errors, "interests");
    let (language_error, language_described) = error_of(lang, f.errors, "language");
    html! {
        div class={ "field" @if chapter_described.is_some() { " field-error" } } {
            label for=(field_id("chapter")) { (t(lang, "field-chapter")) }
            (chapter_error)
            select id=(field_id("chapter")) name="chapter" aria-invalid=[chapter_described.as_ref().map(|_| "true")] aria-describedby=[chapter_described] {
                @for chapter in f.chapters {
                    option value=(chapter.slug) selected[chapter.slug == f.chapter] lang=[super::shown::shown_lang(&chapter.name, lang)] { (chapter.name(lang)) }
                }
            }
        }
        div class={ "field" @if region_described.is_some() { " field-error" } } {
            label for=(field_id("region")) {
                (t(lang, "field-region")) " " span class="optional" { "(" (t(lang, "optional")) ")" }
            }
            (region_error)
            select id=(field_id("region")) name="region" autocomplete="address-level1" aria-invalid=[region_described.as_ref().map(|_| "true")] aria-describedby=[region_described] {
                option value="" selected[f.region.is_empty()] { (t(lang, "field-region-none")) }
                @for chapter in f.chapters {
                    @let codes = regions::of_country(&chapter.country);
                    @if !codes.is_empty() {
                        optgroup label=(chapter.name(lang)) {
                            @for code in codes {
                                option value=(code) selected[*code == f.region] { (t(lang, &format!("region-{code}"))) }
                            }
                        }
                    }
                }
            }
        }
        fieldset id=(field_id("interests")) tabindex="-1" class={ "field" @if interests_described.is_some() { " field-error" } } aria-describedby=[interests_described] {
            legend {
                (t(lang, "field-interests")) " " span class="optional" { "(" (t(lang, "optional")) ")" }
            }
            p class="hint" { (t(lang, "field-interests-hint")) }
            (interests_error)
            @for interest in Interest::ALL {
                div class="choice" {
                    input type="checkbox" id={ "interest-" (interest.slug()) } name="interests" value=(interest.slug())
                        checked[f.interests.iter().any(|i| i == interest.slug())];
                    label for={ "interest-" (interest.slug()) } { (t(lang, &format!("interest-{}", interest.slug()))) }
                }
            }
        }
        div class={ "field" @if language_described.is_some() { " field-error" } } {
            label for=(field_id("language")) { (t(lang, "field-language")) }
            (language_error)
            select id=(field_id("language")) name="language" aria-invalid=[language_described.as_ref().map(|_| "true")] aria-describedby=[language_described] {
                @for option_lang in Language::ALL {
                    option value=(option_lang.code()) lang=(option_lang.tag()) selected[option_lang.code() == f.language] {
                        (t(option_lang, &format!("autonym-{}", option_lang.code())))
                    }
                }
            }
        }
    }
}
