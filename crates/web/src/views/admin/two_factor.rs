//! Setting up two-step sign-in: the key with its otpauth link, then the recovery codes.

use domain::Language;
use mailer::i18n::t;
use maud::{Markup, html};

use super::layout::layout;
use crate::views::form::{self, FieldErrors, TextField};

pub fn enrolment(
    lang: Language,
    secret: &str,
    url: &str,
    errors: &FieldErrors,
    csrf: &str,
) -> Markup {
    let title = t(lang, "two-factor-title");
    // Groups of four are easier to type.
    let grouped = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    layout(
        lang,
        &title,
        None,
        "/admin/two-factor",
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            p class="lede" { (t(lang, "two-factor-intro")) }
            p { (t(lang, "two-factor-step")) }
            p { a href=(url) { (t(lang, "two-factor-link")) } }
            dl class="facts" { div { dt { (t(lang, "two-factor-key")) } dd { code class="secret" { (grouped) } } } }
            form method="post" action="/admin/two-factor" novalidate {
                input type="hidden" name="csrf_token" value=(csrf);
                (form::text_field(TextField { required: true, lang, name: "code", label_key: "field-code", hint_key: None,
                    value: "", input_type: "text", autocomplete: "one-time-code", max_length: 20, errors }))
                button type="submit" class="button" { (t(lang, "two-factor-submit")) }
            }
        },
    )
}

pub fn recovery_codes(lang: Language, codes: &[String]) -> Markup {
    let title = t(lang, "two-factor-codes-title");
    layout(
        lang,
        &title,
        None,
        "/admin/two-factor",
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "two-factor-codes-text")) }
            ul class="codes" { @for code in codes { li { code { (code) } } } }
            p { a class="button" href="/admin" { (t(lang, "two-factor-continue")) } }
        },
    )
}
