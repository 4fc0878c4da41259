use domain::{
    Language,
    entities::{chapter, event},
};
use mailer::{
    Brand,
    i18n::{t, t_with},
};
use maud::{Markup, html};

use super::{
    layout::{Shell, page},
    shown::shown_lang,
};

/// The home page: what the network is, the next events, the chapters, and how to join.
pub fn page_view(
    lang: Language,
    brand: &Brand,
    chapters: &[chapter::Model],
    upcoming: &[event::Model],
) -> Markup {
    let title = t(lang, "home-title");
    page(
        &Shell {
            lang,
            title: &title,
            path: "/",
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "home-lede")) }
            p { (t(lang, "home-origin")) }
            section class="cta" aria-labelledby="cta-title" {
                h2 id="cta-title" { (t(lang, "home-cta-title")) }
                p { (t(lang, "home-cta-text")) }
                p { a class="button" href={ "/" (lang.code()) "/join" } { (t(lang, "home-cta-button")) } }
            }
            @if !upcoming.is_empty() {
                section aria-labelledby="upcoming-title" {
                    h2 id="upcoming-title" { (t(lang, "home-upcoming")) }
                    ul class="cards" {
                        @for e in upcoming { (super::events::card(lang, e, 3)) }
                    }
                    p { a href={ "/" (lang.code()) "/events" } { (t(lang, "home-all-events")) } }
                }
            }
            section aria-labelledby="chapters-title" {
                h2 id="chapters-title" { (t(lang, "home-chapters")) }
                ul class="cards" {
                    @for chapter in chapters {
                        li class="card" {
                            h3 lang=[shown_lang(&chapter.name, lang)] { (chapter.name(lang)) }
                            p lang=[shown_lang(&chapter.description, lang)] { (chapter.description(lang)) }
                            p {
                                a href={ "/" (lang.code()) "/join?chapter=" (chapter.slug) } {
                                    (t_with(lang, "home-join-chapter", &[("chapter", chapter.name(lang))]))
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
