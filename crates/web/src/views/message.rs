//! Pages that only say something: a title, paragraphs and perhaps a link or a button, and
//! what a dead link (used, unknown) of any kind shows.

use domain::Language;
use mailer::{Brand, i18n::t};
use maud::{Markup, html};

use super::layout::{Shell, page};

/// A page with a title and paragraphs, and optionally more below.
pub fn message(
    lang: Language,
    brand: &Brand,
    path: &str,
    title_key: &str,
    text_keys: &[&str],
    extra: Markup,
) -> Markup {
    let title = t(lang, title_key);
    page(
        &Shell {
            lang,
            title: &title,
            path,
            brand,
        },
        html! {
            h1 { (title) }
            @for key in text_keys { p class="lede" { (t(lang, key)) } }
            (extra)
        },
    )
}

pub fn link_used(lang: Language, brand: &Brand, path: &str) -> Markup {
    message(
        lang,
        brand,
        path,
        "link-used-title",
        &["link-used-text"],
        join_link(lang),
    )
}

pub fn link_unknown(lang: Language, brand: &Brand, path: &str) -> Markup {
    message(
        lang,
        brand,
        path,
        "link-unknown-title",
        &["link-unknown-text"],
        join_link(lang),
    )
}

fn join_link(lang: Language) -> Markup {
    html! { p { a href={ "/" (lang.code()) "/join" } { (t(lang, "link-join-again")) } } }
}
