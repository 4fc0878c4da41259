//! The second step of signing in: the code from the app, or a recovery code.

use domain::Language;
use mailer::i18n::t;
use maud::{Markup, html};

use super::layout::layout;
use crate::views::form::{self, FieldErrors, TextField};

pub fn code_form(lang: Language, errors: &FieldErrors, csrf: &str) -> Markup {
    let title = t(lang, "sign-in-code-title");
    layout(
        lang,
        &title,
        None,
        "/admin/sign-in/code",
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            form method="post" action="/admin/sign-in/code" novalidate {
                input type="hidden" name="csrf_token" value=(csrf);
                (form::text_field(TextField { required: true, lang, name: "code", label_key: "field-code", hint_key: Some("field-code-hint"),
                    value: "", input_type: "text", autocomplete: "one-time-code", max_length: 20, errors }))
                button type="submit" class="button" { (t(lang, "sign-in-code-submit")) }
            }
        },
    )
}
