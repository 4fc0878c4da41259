//! The public directory: the list with its filters, and one profile with its contact form.

use domain::{
    Interest, Language,
    entities::{chapter, expert_profile},
    experts::{COUNTRIES, SPOKEN},
};
use mailer::{
    Brand,
    i18n::{t, t_count, t_with},
};
use maud::{Markup, html};

use super::{
    Shown, TextArea, area_name, country_name, organisation_line, paragraphs, place_line,
    spoken_name, text_area,
};
use crate::views::{
    form::{self, FieldErrors, TextField},
    layout::{Shell, page},
};

/// The directory's filters as typed, to show them again and to build the pager's links.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub q: String,
    pub area: String,
    pub country: String,
    pub language: String,
}

pub struct ListPage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    /// The profiles of the page, each with its member's chapter.
    pub entries: &'a [(expert_profile::Model, Option<chapter::Model>)],
    pub member: bool,
    pub filters: &'a Filters,
    pub total: u64,
    /// From 0.
    pub page: u64,
    /// Pages a reader may open: the matches, up to the cap.
    pub pages: u64,
    /// Whether more match than the cap lets anyone page through.
    pub capped: bool,
    /// The filters as a query string (without the page).
    pub query_string: &'a str,
}

pub fn list(p: &ListPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "experts-title");
    let any = t(lang, "members-any");
    let code = lang.code();
    let page_label = t_with(
        lang,
        "members-page",
        &[
            ("page", &(p.page + 1).to_string()),
            ("pages", &p.pages.max(1).to_string()),
        ],
    );
    page(
        &Shell {
            lang,
            title: &title,
            path: "/experts",
            brand: p.brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "experts-intro")) }
            p { (t(lang, "experts-relay")) }
            form method="get" action={ "/" (code) "/experts" } class="filters" role="search" aria-label=(t(lang, "experts-search-label")) {
                div class="field" {
                    label for="f-q" { (t(lang, "experts-search")) }
                    input type="search" id="f-q" name="q" value=(p.filters.q) maxlength="100";
                }
                div class="field" {
                    label for="f-area" { (t(lang, "expert-field-areas")) }
                    select id="f-area" name="area" {
                        option value="" { (any) }
                        @for a in Interest::ALL { option value=(a.slug()) selected[a.slug() == p.filters.area] { (area_name(lang, a)) } }
                    }
                }
                div class="field" {
                    label for="f-country" { (t(lang, "expert-field-country")) }
                    select id="f-country" name="country" {
                        option value="" { (any) }
                        @for c in COUNTRIES { option value=(c) selected[c == p.filters.country] { (country_name(lang, c)) } }
                    }
                }
                div class="field" {
                    label for="f-language" { (t(lang, "expert-field-languages")) }
                    select id="f-language" name="language" {
                        option value="" { (any) }
                        @for l in SPOKEN { option value=(l) selected[l == p.filters.language] { (spoken_name(lang, l)) } }
                    }
                }
                button type="submit" class="button" { (t(lang, "experts-search-submit")) }
            }
            p role="status" { (t_count(lang, "experts-count", i64::try_from(p.total).unwrap_or(i64::MAX), &[])) }
            @if !p.member {
                p class="hint" { (t(lang, "experts-members-see-more")) " " a href={ "/" (code) "/sign-in" } { (t(lang, "nav-sign-in")) } }
            }
            @if p.entries.is_empty() {
                p { (t(lang, "experts-none")) }
            } @else {
                ul class="cards" {
                    @for (e, chapter) in p.entries { (card(lang, e, chapter.as_ref(), p.member)) }
                }
            }
            @if p.capped {
                p class="notice" { (t_count(lang, "experts-capped", i64::try_from(p.pages).unwrap_or(i64::MAX), &[])) }
            }
            @if p.pages > 1 {
                nav class="pager" aria-label=(page_label) {
                    @if p.page > 0 {
                        a href={ "/" (code) "/experts?" (p.query_string) "&page=" (p.page) } { (t(lang, "members-previous")) }
                    }
                    span { (page_label) }
                    @if p.page + 1 < p.pages {
                        a href={ "/" (code) "/experts?" (p.query_string) "&page=" (p.page + 2) } { (t(lang, "members-next")) }
                    }
                }
            }
        },
    )
}

/// One profile in the list: what this reader may see of it.
fn card(
    lang: Language,
    e: &expert_profile::Model,
    chapter: Option<&chapter::Model>,
    member: bool,
) -> Markup {
    let shown = Shown::of(e, chapter, member);
    html! {
        li class="card" {
            h2 { a href={ "/" (lang.code()) "/experts/" (e.slug) } { (shown.title(lang)) } }
            @if let Some((org, role)) = shown.organisation { p { (organisation_line(org, role)) } }
            @if let Some(areas) = &shown.areas {
                p { span class="visually-hidden" { (t(lang, "expert-field-areas")) ": " }
                    (areas.iter().map(|a| area_name(lang, *a)).collect::<Vec<_>>().join(" · ")) }
            }
            @if let Some(place) = shown.place { p { (place_line(lang, place)) } }
            @if let Some(languages) = &shown.languages {
                p { (t(lang, "expert-speaks")) " " (languages.iter().map(|l| spoken_name(lang, l)).collect::<Vec<_>>().join(", ")) }
            }
        }
    }
}

/// The contact form's values, as typed.
#[derive(Clone, Debug, Default)]
pub struct ContactValues {
    pub full_name: String,
    pub email: String,
    pub subject: String,
    pub message: String,
    pub allow_reply: bool,
}

pub struct ProfilePage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub profile: &'a expert_profile::Model,
    pub chapter: Option<&'a chapter::Model>,
    pub member: bool,
    pub values: &'a ContactValues,
    pub errors: &'a FieldErrors,
    pub csrf: &'a str,
    pub stamp: &'a str,
}

pub fn profile(p: &ProfilePage<'_>) -> Markup {
    let lang = p.lang;
    let e = p.profile;
    let shown = Shown::of(e, p.chapter, p.member);
    let title = shown.title(lang);
    let code = lang.code();
    page(
        &Shell {
            lang,
            title: &title,
            path: &format!("/experts/{}", e.slug),
            brand: p.brand,
        },
        html! {
            (form::error_summary(lang, p.errors))
            p { a href={ "/" (code) "/experts" } { (t(lang, "experts-back")) } }
            h1 { (title) }
            @if let Some((org, role)) = shown.organisation { p class="lede" { (organisation_line(org, role)) } }
            dl class="facts" {
                @if let Some(areas) = &shown.areas {
                    div { dt { (t(lang, "expert-field-areas")) } dd { (areas.iter().map(|a| area_name(lang, *a)).collect::<Vec<_>>().join(", ")) } }
                }
                @if let Some(languages) = &shown.languages {
                    div { dt { (t(lang, "expert-field-languages")) } dd { (languages.iter().map(|l| spoken_name(lang, l)).collect::<Vec<_>>().join(", ")) } }
                }
                @if let Some(place) = shown.place {
                    div { dt { (t(lang, "expert-field-place")) } dd { (place_line(lang, place)) } }
                }
            }
            @if let Some(bio) = shown.bio {
                section aria-labelledby="bio-title" {
                    h2 id="bio-title" { (t(lang, "expert-field-bio")) }
                    @if let Some(own) = bio.get(lang) {
                        (paragraphs(own))
                    } @else {
                        p class="hint" { (t(lang, "expert-bio-other-languages")) }
                        @for (text_lang, text) in bio.iter() {
                            h3 { (t(lang, &format!("language-name-{}", text_lang.code()))) }
                            div lang=(text_lang.tag()) { (paragraphs(text)) }
                        }
                    }
                }
            }
            @if let Some(lived) = shown.lived {
                section aria-labelledby="lived-title" {
                    h2 id="lived-title" { (t(lang, "expert-field-lived")) }
                    @for (text_lang, text) in lived.iter() {
                        div lang=(text_lang.tag()) { (paragraphs(text)) }
                    }
                }
            }
            @if shown.partial {
                p class="hint" { (t(lang, "expert-members-only-parts")) " " a href={ "/" (code) "/sign-in" } { (t(lang, "nav-sign-in")) } }
            }
            section aria-labelledby="contact-title" {
                h2 id="contact-title" { (t_with(lang, "expert-contact-title", &[("name", &title)])) }
                @if e.contact_paused {
                    p class="notice" { (t(lang, "expert-contact-paused")) }
                } @else {
                    (contact_form(p))
                }
            }
        },
    )
}

fn contact_form(p: &ProfilePage<'_>) -> Markup {
    let lang = p.lang;
    let v = p.values;
    html! {
        p { (t(lang, "expert-contact-intro")) }
        form method="post" action={ "/" (lang.code()) "/experts/" (p.profile.slug) "/contact" } novalidate {
            (form::protection(lang, p.csrf, p.stamp))
            (form::text_field(TextField { required: true, lang, name: "full_name", label_key: "field-full-name", hint_key: None,
                value: &v.full_name, input_type: "text", autocomplete: "name", max_length: 100, errors: p.errors }))
            (form::text_field(TextField { required: true, lang, name: "email", label_key: "field-email", hint_key: Some("expert-contact-email-hint"),
                value: &v.email, input_type: "email", autocomplete: "email", max_length: 254, errors: p.errors }))
            (form::text_field(TextField { required: true, lang, name: "subject", label_key: "expert-contact-subject", hint_key: None,
                value: &v.subject, input_type: "text", autocomplete: "off", max_length: 150, errors: p.errors }))
            (text_area(TextArea { lang, name: "message", label: t(lang, "expert-contact-message"), hint: Some(t(lang, "expert-contact-message-hint")),
                value: &v.message, max_length: domain::experts::MESSAGE_MAX_CHARS, rows: 8, errors: p.errors, required: true, text_lang: None }))
            div class="field" {
                div class="choice" {
                    input type="checkbox" id=(form::field_id("allow_reply")) name="allow_reply" value="yes" checked[v.allow_reply] aria-describedby="allow_reply-hint";
                    label for=(form::field_id("allow_reply")) { (t(lang, "expert-contact-allow-reply")) }
                }
                p class="hint" id="allow_reply-hint" { (t(lang, "expert-contact-allow-reply-hint")) }
            }
            button type="submit" class="button" { (t(lang, "expert-contact-submit")) }
        }
    }
}
