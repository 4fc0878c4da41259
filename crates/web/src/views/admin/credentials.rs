//! The form of email and password: signing in, the first-run setup and accepting an
//! invitation (with a name field where an account is made).

use domain::Language;
use mailer::i18n::t;
use maud::{Markup, html};

use super::layout::layout;
use crate::views::form::{self, FieldErrors, TextField};

/// The sign-in form, also the setup and invitation forms (with a name field there).
pub struct CredentialsForm<'a> {
    pub lang: Language,
    pub title_key: &'static str,
    pub intro_key: Option<&'static str>,
    pub action: &'a str,
    pub submit_key: &'static str,
    pub with_name: bool,
    pub with_email: bool,
    pub name: &'a str,
    pub email: &'a str,
    pub errors: &'a FieldErrors,
    pub csrf: &'a str,
}

pub fn credentials(f: &CredentialsForm<'_>) -> Markup {
    let lang = f.lang;
    let title = t(lang, f.title_key);
    let hint = if f.with_name {
        Some("field-password-hint")
    } else {
        None
    };
    layout(
        lang,
        &title,
        None,
        f.action,
        html! {
            (form::error_summary(lang, f.errors))
            h1 { (title) }
            @if let Some(intro) = f.intro_key { p class="lede" { (t(lang, intro)) } }
            form method="post" action=(f.action) novalidate {
                input type="hidden" name="csrf_token" value=(f.csrf);
                @if f.with_name {
                    (form::text_field(TextField { required: true, lang, name: "full_name", label_key: "field-name", hint_key: None,
                        value: f.name, input_type: "text", autocomplete: "name", max_length: 100, errors: f.errors }))
                }
                @if f.with_email {
                    (form::text_field(TextField { required: true, lang, name: "email", label_key: "field-email", hint_key: None,
                        value: f.email, input_type: "email", autocomplete: "username", max_length: 254, errors: f.errors }))
                }
                (form::text_field(TextField { required: true, lang, name: "password", label_key: "field-password", hint_key: hint,
                    value: "", input_type: "password", autocomplete: if f.with_name { "new-password" } else { "current-password" },
                    max_length: 200, errors: f.errors }))
                button type="submit" class="button" { (t(lang, f.submit_key)) }
            }
        },
    )
}
