//! The accessibility statement: the standard Réseau aims at, how it is tested, what is known
//! not to work yet, and how to report a barrier.

use domain::Language;
use mailer::{Brand, i18n::t};
use maud::{Markup, html};

use super::layout::{Shell, page};

/// When the statement was last prepared, for the `datetime` of its date. Change it together
/// with `a11y-date` in `locales/*/accessibility.ftl`.
pub const STATEMENT_DATE: &str = "2026-11-28";

const TESTING: [&str; 3] = [
    "a11y-testing-axe",
    "a11y-testing-keyboard",
    "a11y-testing-reflow",
];

const LIMITATIONS: [&str; 5] = [
    "a11y-limit-translation",
    "a11y-limit-content",
    "a11y-limit-tables",
    "a11y-limit-email",
    "a11y-limit-files",
];

pub fn statement(lang: Language, brand: &Brand) -> Markup {
    let title = t(lang, "a11y-title");
    let email = &brand.contact_email;
    page(
        &Shell {
            lang,
            title: &title,
            path: "/accessibility",
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "a11y-lede")) }
            section aria-labelledby="a11y-standard" {
                h2 id="a11y-standard" { (t(lang, "a11y-standard-title")) }
                p { (t(lang, "a11y-standard-text")) }
                p { (t(lang, "a11y-standard-canada")) }
                p { (t(lang, "a11y-standard-no-script")) }
            }
            section aria-labelledby="a11y-testing" {
                h2 id="a11y-testing" { (t(lang, "a11y-testing-title")) }
                p { (t(lang, "a11y-testing-intro")) }
                ul { @for key in TESTING { li { (t(lang, key)) } } }
                p { (t(lang, "a11y-testing-limits")) }
            }
            section aria-labelledby="a11y-limits" {
                h2 id="a11y-limits" { (t(lang, "a11y-limits-title")) }
                p { (t(lang, "a11y-limits-intro")) }
                ul { @for key in LIMITATIONS { li { (t(lang, key)) } } }
            }
            section aria-labelledby="a11y-report" {
                h2 id="a11y-report" { (t(lang, "a11y-report-title")) }
                p {
                    (t(lang, "a11y-report-text")) " "
                    a class="contact-email" href={ "mailto:" (email) } { (email) } "."
                }
                p { (t(lang, "a11y-report-details")) }
                p { (t(lang, "a11y-report-reply")) }
            }
            p class="statement-date" {
                (t(lang, "a11y-date-label")) " "
                time datetime=(STATEMENT_DATE) { (t(lang, "a11y-date")) }
            }
        },
    )
}
