//! The public archive of newsletters (the back office's pages are in `views::admin::newsletters`).

use chrono::{DateTime, Utc};
use domain::{
    Language,
    entities::{chapter, newsletter},
};
use mailer::{Brand, dates, i18n::t, markdown};
use maud::{Markup, PreEscaped, html};

use super::{
    layout::{Shell, page},
    shown::shown_lang,
};

/// When a newsletter went out, in words and in the network's zone.
pub(crate) fn date(lang: Language, at: Option<DateTime<Utc>>) -> String {
    at.map(|at| dates::network_moment(lang, at))
        .unwrap_or_default()
}

/// The subject in the reader's language, else English.
pub(crate) fn subject(letter: &newsletter::Model, lang: Language) -> String {
    letter
        .version(letter.language_for(lang))
        .map(|v| v.subject)
        .unwrap_or_default()
}

pub struct ArchivePage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub letters: &'a [newsletter::Model],
    pub chapters: &'a [chapter::Model],
    /// The chapter slug chosen, or empty for all.
    pub chapter: &'a str,
}

pub fn archive(p: &ArchivePage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "archive-title");
    let base = format!("/{}/newsletters", lang.code());
    page(
        &Shell {
            lang,
            title: &title,
            path: "/newsletters",
            brand: p.brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "archive-intro")) }
            nav aria-label=(t(lang, "archive-chapters")) {
                ul class="inline-list" {
                    li {
                        @if p.chapter.is_empty() { span aria-current="page" { (t(lang, "archive-all")) } }
                        @else { a href=(base) { (t(lang, "archive-all")) } }
                    }
                    @for c in p.chapters {
                        li {
                            @if p.chapter == c.slug { span aria-current="page" lang=[shown_lang(&c.name, lang)] { (c.name(lang)) } }
                            @else { a href={ (base) "?chapter=" (c.slug) } lang=[shown_lang(&c.name, lang)] { (c.name(lang)) } }
                        }
                    }
                }
            }
            @if p.letters.is_empty() {
                p { (t(lang, "archive-none")) }
            } @else {
                ul class="cards" {
                    @for n in p.letters {
                        li class="card" {
                            h2 { a href={ (base) "/" (n.id) } lang=(n.language_for(lang).tag()) { (subject(n, lang)) } }
                            p { (date(lang, n.finished_at)) }
                        }
                    }
                }
            }
        },
    )
}

pub fn archived(lang: Language, brand: &Brand, letter: &newsletter::Model) -> Markup {
    let shown = letter.language_for(lang);
    let version = letter.version(shown).unwrap_or_default();
    page(
        &Shell {
            lang,
            title: &version.subject,
            path: &format!("/newsletters/{}", letter.id),
            brand,
        },
        html! {
            p { a href={ "/" (lang.code()) "/newsletters" } { (t(lang, "archive-title")) } }
            article lang=(shown.tag()) {
                h1 { (version.subject) }
                p class="hint" lang=(lang.tag()) { (date(lang, letter.finished_at)) }
                (PreEscaped(markdown::to_html(&version.body)))
            }
        },
    )
}
