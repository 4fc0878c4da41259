use domain::Language;
use mailer::Brand;
use mailer::i18n::{t, t_with};
use maud::{DOCTYPE, Markup, html};

/// What the shell of every page needs besides its content.
pub struct Shell<'a> {
    pub lang: Language,
    pub title: &'a str,
    /// The path after `/{lang}`, so the language links lead to this same page.
    pub path: &'a str,
    pub brand: &'a Brand,
}

/// The path as it may stand in a link: a page reached through a made-up address (a token with
/// a line break, a direction override, `%`) links to the same address, percent-encoded, never
/// to the decoded text.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@?".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn page(shell: &Shell<'_>, content: Markup) -> Markup {
    let lang = shell.lang;
    let here = |other: Language| format!("/{}{}", other.code(), encode_path(shell.path));
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (shell.title) " — " (t(lang, "site-name")) }
                link rel="stylesheet" href="/static/site.css";
                link rel="icon" href="/static/icon.svg" type="image/svg+xml";
                @for other in Language::ALL {
                    link rel="alternate" hreflang=(other.tag()) href=(here(other));
                }
            }
            body {
                a class="skip-link" href="#main" { (t(lang, "skip-to-content")) }
                header class="site-header" {
                    div class="wrap header-row" {
                        a class="brand" href={ "/" (lang.code()) "/" } {
                            span class="brand-name" { (t(lang, "site-name")) }
                            span class="brand-network" { (t(lang, "network-name")) }
                        }
                        nav class="languages" aria-label=(t(lang, "languages-label")) {
                            ul {
                                @for other in Language::ALL {
                                    li {
                                        @if other == lang {
                                            span aria-current="true" lang=(other.tag()) { (t(other, &format!("autonym-{}", other.code()))) }
                                        } @else {
                                            a href=(here(other)) lang=(other.tag()) hreflang=(other.tag()) {
                                                (t(other, &format!("autonym-{}", other.code())))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    nav class="wrap main-nav" aria-label=(t(lang, "nav-label")) {
                        ul {
                            li { a href={ "/" (lang.code()) "/" } { (t(lang, "nav-home")) } }
                            li { a href={ "/" (lang.code()) "/events" } { (t(lang, "nav-events")) } }
                            li { a href={ "/" (lang.code()) "/newsletters" } { (t(lang, "nav-newsletters")) } }
                            li { a href={ "/" (lang.code()) "/experts" } { (t(lang, "nav-experts")) } }
                            li { a href={ "/" (lang.code()) "/join" } { (t(lang, "nav-join")) } }
                            li { a href={ "/" (lang.code()) "/account" } { (t(lang, "nav-account")) } }
                        }
                    }
                }
                main id="main" tabindex="-1" {
                    div class="wrap" { (content) }
                }
                footer class="site-footer" {
                    div class="wrap" {
                        p { (t(lang, "footer-about")) }
                        p { (t_with(lang, "footer-contact", &[("email", &shell.brand.contact_email)])) }
                        @if !shell.brand.postal_address.trim().is_empty() {
                            p { (t_with(lang, "footer-postal", &[("address", &shell.brand.postal_address)])) }
                        }
                        p { a href={ "/" (lang.code()) "/accessibility" } { (t(lang, "a11y-footer-link")) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encode_path;

    #[test]
    fn links_to_this_page_are_encoded() {
        assert_eq!(
            encode_path("/events/cultural-evening"),
            "/events/cultural-evening"
        );
        assert_eq!(encode_path("/confirm/a\r\nb"), "/confirm/a%0D%0Ab");
        assert_eq!(encode_path("/confirm/%ZZ"), "/confirm/%25ZZ");
        assert_eq!(encode_path("/confirm/\u{202E}"), "/confirm/%E2%80%AE");
    }
}
