//! The Trilateral Expert Network's pages: the public directory and a profile with its contact
//! form (`directory`), the pages of the relay's links (`messages`), and a member's own
//! listing (`listing`). What they share is here: the names of areas, languages and
//! countries, a profile read as a given audience, and the form pieces the site's forms lack
//! (text areas, groups of boxes).

pub mod directory;
pub mod listing;
pub mod messages;

use domain::{
    Interest, Language, Localized,
    entities::{chapter, expert_profile},
    experts::{Content, Field, Visibility, stored_list},
};
use mailer::i18n::t;
use maud::{Markup, html};

use super::form::{FieldErrors, error_of, field_id};

pub fn area_name(lang: Language, area: Interest) -> String {
    t(lang, &format!("interest-{}", area.slug()))
}

pub fn spoken_name(lang: Language, code: &str) -> String {
    t(lang, &format!("expert-spoken-{code}"))
}

pub fn country_name(lang: Language, code: &str) -> String {
    t(
        lang,
        &format!("expert-country-{}", code.to_ascii_lowercase()),
    )
}

/// A profile as one reader may see it: the approved content, each part present only if the
/// reader is in its audience.
pub struct Shown<'a> {
    pub name: Option<&'a str>,
    pub areas: Option<Vec<Interest>>,
    pub languages: Option<Vec<&'a str>>,
    /// Country code and chapter.
    pub place: Option<(&'a str, Option<&'a chapter::Model>)>,
    /// Organisation and role (either may be empty).
    pub organisation: Option<(&'a str, &'a str)>,
    pub bio: Option<&'a Localized>,
    pub lived: Option<&'a Localized>,
    /// Whether any part is kept from this reader.
    pub partial: bool,
}

impl<'a> Shown<'a> {
    pub fn of(
        p: &'a expert_profile::Model,
        chapter: Option<&'a chapter::Model>,
        member: bool,
    ) -> Self {
        let v = Visibility::of(p);
        let sees = |field: Field| member || v.is_public(field);
        let has_lived = !p.lived_experience.is_empty();
        let has_org = !(p.organisation.is_empty() && p.org_role.is_empty());
        Self {
            name: sees(Field::Name).then_some(p.display_name.as_str()),
            areas: sees(Field::Areas).then(|| Interest::parse_stored(&p.areas)),
            languages: sees(Field::Languages).then(|| stored_list(&p.languages)),
            place: sees(Field::Place).then_some((p.country.as_str(), chapter)),
            organisation: (sees(Field::Organisation) && has_org)
                .then_some((p.organisation.as_str(), p.org_role.as_str())),
            bio: sees(Field::Bio).then_some(&p.bio),
            lived: (sees(Field::Lived) && has_lived).then_some(&p.lived_experience),
            partial: !member
                && Field::ALL.iter().any(|f| {
                    !v.is_public(*f)
                        && match f {
                            Field::Lived => has_lived,
                            Field::Organisation => has_org,
                            _ => true,
                        }
                }),
        }
    }

    /// The name, or what stands for it when it is kept to members.
    pub fn title(&self, lang: Language) -> String {
        self.name
            .map_or_else(|| t(lang, "expert-name-hidden"), str::to_owned)
    }
}

/// "Canada · Chapter Canada"-style line of a place.
pub fn place_line(lang: Language, (country, chapter): (&str, Option<&chapter::Model>)) -> String {
    match chapter {
        Some(c) => format!("{} · {}", country_name(lang, country), c.name(lang)),
        None => country_name(lang, country),
    }
}

pub fn organisation_line(organisation: &str, role: &str) -> String {
    match (organisation.is_empty(), role.is_empty()) {
        (false, false) => format!("{role}, {organisation}"),
        (false, true) => organisation.to_owned(),
        _ => role.to_owned(),
    }
}

/// Paragraphs of a text someone wrote, split on blank lines.
pub fn paragraphs(text: &str) -> Markup {
    html! {
        @for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p class="preview-text" { (p) }
        }
    }
}

/// The content's parts, for the back office and the member's own view: every part, with who
/// sees it.
pub fn content_facts(
    lang: Language,
    c: &Content,
    v: &Visibility,
    chapter: Option<&chapter::Model>,
) -> Markup {
    let audience = |field: Field| {
        t(
            lang,
            if v.is_public(field) {
                "expert-audience-public"
            } else {
                "expert-audience-members"
            },
        )
    };
    let areas: Vec<String> = c
        .area_list()
        .into_iter()
        .map(|a| area_name(lang, a))
        .collect();
    let languages: Vec<String> = c
        .language_list()
        .into_iter()
        .map(|l| spoken_name(lang, l))
        .collect();
    html! {
        dl class="facts" {
            div { dt { (t(lang, "expert-field-name")) } dd { (c.display_name) " (" (audience(Field::Name)) ")" } }
            div { dt { (t(lang, "expert-field-areas")) } dd { (areas.join(", ")) " (" (audience(Field::Areas)) ")" } }
            div { dt { (t(lang, "expert-field-languages")) } dd { (languages.join(", ")) " (" (audience(Field::Languages)) ")" } }
            div { dt { (t(lang, "expert-field-place")) } dd { (place_line(lang, (&c.country, chapter))) " (" (audience(Field::Place)) ")" } }
            div { dt { (t(lang, "expert-field-organisation")) } dd {
                @let line = organisation_line(&c.organisation, &c.org_role);
                @if line.is_empty() { "—" } @else { (line) }
                " (" (audience(Field::Organisation)) ")"
            } }
        }
        @for (text_lang, text) in c.bio.iter() {
            h3 { (t(lang, "expert-field-bio")) " — " (t(lang, &format!("language-name-{}", text_lang.code()))) " (" (audience(Field::Bio)) ")" }
            div lang=(text_lang.tag()) { (paragraphs(text)) }
        }
        @for (text_lang, text) in c.lived_experience.iter() {
            h3 { (t(lang, "expert-field-lived")) " (" (audience(Field::Lived)) ")" }
            div lang=(text_lang.tag()) { (paragraphs(text)) }
        }
    }
}

/// A labelled text area with its hint and error, like `form::text_field`.
pub struct TextArea<'a> {
    pub lang: Language,
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub value: &'a str,
    pub max_length: usize,
    pub rows: u32,
    pub errors: &'a FieldErrors,
    pub required: bool,
    /// The language the text is written in, when it is not the page's.
    pub text_lang: Option<Language>,
}

pub fn text_area(f: TextArea<'_>) -> Markup {
    let (error, error_id) = error_of(f.lang, f.errors, f.name);
    let hint_id = f.hint.as_ref().map(|_| format!("{}-hint", f.name));
    let described: Vec<String> = hint_id.iter().cloned().chain(error_id.clone()).collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    html! {
        div class={ "field" @if error_id.is_some() { " field-error" } } {
            label for=(field_id(f.name)) {
                (f.label)
                @if f.required {
                    " " span class="required" { "(" (t(f.lang, "required")) ")" }
                } @else {
                    " " span class="optional" { "(" (t(f.lang, "optional")) ")" }
                }
            }
            @if let (Some(hint), Some(id)) = (&f.hint, &hint_id) { p class="hint" id=(id) { (hint) } }
            (error)
            textarea id=(field_id(f.name)) name=(f.name) rows=(f.rows) maxlength=(f.max_length)
                lang=[f.text_lang.map(Language::tag)] required[f.required]
                aria-invalid=[error_id.as_ref().map(|_| "true")] aria-describedby=[described] { (f.value) }
        }
    }
}

/// A group of boxes under one legend; the fieldset takes the field's id, so the error
/// summary's link leads to it.
pub fn checkboxes(
    lang: Language,
    name: &'static str,
    legend: &str,
    hint: Option<&str>,
    options: &[(&str, String)],
    chosen: &[String],
    errors: &FieldErrors,
) -> Markup {
    let (error, described) = error_of(lang, errors, name);
    html! {
        fieldset id=(field_id(name)) tabindex="-1" class={ "field" @if described.is_some() { " field-error" } } aria-describedby=[described] {
            legend { (legend) " " span class="required" { "(" (t(lang, "required")) ")" } }
            @if let Some(hint) = hint { p class="hint" { (hint) } }
            (error)
            @for (value, label) in options {
                div class="choice" {
                    input type="checkbox" id={ (name) "-" (value) } name=(name) value=(value)
                        checked[chosen.iter().any(|c| c == value)];
                    label for={ (name) "-" (value) } { (label) }
                }
            }
        }
    }
}
