//! Changing one's own password.

use domain::Language;
use mailer::i18n::t;
use maud::{Markup, html};

use super::layout::{Viewer, layout};
use crate::views::form::{self, FieldErrors, TextField};

pub fn password_form(
    lang: Language,
    viewer: &Viewer<'_>,
    errors: &FieldErrors,
    notice: bool,
) -> Markup {
    let title = t(lang, "password-title");
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/password",
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            @if notice { p class="notice" role="status" { (t(lang, "password-changed")) } }
            form method="post" action="/admin/password" novalidate {
                input type="hidden" name="csrf_token" value=(viewer.csrf);
                (form::text_field(TextField { required: true, lang, name: "current_password", label_key: "field-current-password", hint_key: None,
                    value: "", input_type: "password", autocomplete: "current-password", max_length: 200, errors }))
                (form::text_field(TextField { required: true, lang, name: "password", label_key: "field-new-password", hint_key: Some("field-password-hint"),
                    value: "", input_type: "password", autocomplete: "new-password", max_length: 200, errors }))
                button type="submit" class="button" { (t(lang, "password-submit")) }
            }
        },
    )
}
