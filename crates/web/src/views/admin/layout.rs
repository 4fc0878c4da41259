//! The back office's page frame: the header with who is looking, the navigation, and the
//! language switch.

use domain::Language;
use mailer::i18n::t;
use maud::{DOCTYPE, Markup, html};

/// Who is looking, for the header.
pub struct Viewer<'a> {
    pub name: &'a str,
    pub is_admin: bool,
    pub csrf: &'a str,
}

pub fn layout(
    lang: Language,
    title: &str,
    viewer: Option<&Viewer<'_>>,
    here: &str,
    content: Markup,
) -> Markup {
    layout_with(lang, title, viewer, here, None, content)
}

/// A page that reloads itself every `seconds`: the progress of a send, when the organizer
/// asked to watch it (never by default: a page that refreshes on its own gets in the way of a
/// screen reader).
pub fn layout_refreshing(
    lang: Language,
    title: &str,
    viewer: &Viewer<'_>,
    here: &str,
    seconds: u32,
    content: Markup,
) -> Markup {
    layout_with(lang, title, Some(viewer), here, Some(seconds), content)
}

fn layout_with(
    lang: Language,
    title: &str,
    viewer: Option<&Viewer<'_>>,
    here: &str,
    refresh: Option<u32>,
    content: Markup,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(seconds) = refresh { meta http-equiv="refresh" content=(seconds); }
                title { (title) " — " (t(lang, "admin-title")) " — " (t(lang, "site-name")) }
                link rel="stylesheet" href="/static/site.css";
            }
            body class="admin" {
                a class="skip-link" href="#main" { (t(lang, "skip-to-content")) }
                header class="site-header" {
                    div class="wrap header-row" {
                        a class="brand" href="/admin" {
                            span class="brand-name" { (t(lang, "site-name")) }
                            span class="brand-network" { (t(lang, "admin-title")) }
                        }
                        nav class="languages" aria-label=(t(lang, "languages-label")) {
                            ul {
                                @for other in Language::ALL {
                                    li {
                                        @if other == lang {
                                            span aria-current="true" lang=(other.tag()) { (t(other, &format!("autonym-{}", other.code()))) }
                                        } @else {
                                            a href={ "/admin/lang/" (other.code()) "?back=" (here) } lang=(other.tag()) hreflang=(other.tag()) {
                                                (t(other, &format!("autonym-{}", other.code())))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(viewer) = viewer {
                        nav class="wrap main-nav" aria-label=(t(lang, "nav-label")) {
                            ul {
                                li { a href="/admin" { (t(lang, "admin-nav-dashboard")) } }
                                li { a href="/admin/members" { (t(lang, "admin-nav-members")) } }
                                li { a href="/admin/events" { (t(lang, "admin-nav-events")) } }
                                li { a href="/admin/newsletters" { (t(lang, "admin-nav-newsletters")) } }
                                li { a href="/admin/api-keys" { (t(lang, "admin-nav-api-keys")) } }
                                li { a href="/admin/experts" { (t(lang, "admin-nav-experts")) } }
                                @if viewer.is_admin {
                                    li { a href="/admin/chapters" { (t(lang, "admin-nav-chapters")) } }
                                    li { a href="/admin/organizers" { (t(lang, "admin-nav-organizers")) } }
                                    li { a href="/admin/webhooks" { (t(lang, "admin-nav-webhooks")) } }
                                    li { a href="/admin/audit" { (t(lang, "admin-nav-audit")) } }
                                }
                                li { a href="/admin/password" { (t(lang, "admin-nav-password")) } }
                            }
                            form method="post" action="/admin/sign-out" class="inline-form" {
                                input type="hidden" name="csrf_token" value=(viewer.csrf);
                                button type="submit" class="button secondary" { (t(lang, "admin-sign-out")) }
                            }
                        }
                    }
                }
                main id="main" tabindex="-1" {
                    div class="wrap" { (content) }
                }
                footer class="site-footer" {
                    div class="wrap" {
                        p { a href={ "/" (lang.code()) "/accessibility" } { (t(lang, "a11y-footer-link")) } }
                    }
                }
            }
        }
    }
}
