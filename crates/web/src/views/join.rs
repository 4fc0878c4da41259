use domain::{Language, entities::chapter};
use mailer::{
    Brand,
    i18n::{t, t_with},
};
use maud::{Markup, html};

use super::{
    form::{self, FieldErrors, TextField, field_id},
    layout::{Shell, page},
    profile,
};

/// What the person typed, to show again when the form is rejected.
#[derive(Clone, Debug, Default)]
pub struct JoinValues {
    pub full_name: String,
    pub email: String,
    pub chapter: String,
    pub region: String,
    pub interests: Vec<String>,
    pub language: String,
    pub newsletter: bool,
}

pub struct JoinPage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub chapters: &'a [chapter::Model],
    pub values: &'a JoinValues,
    pub errors: &'a FieldErrors,
    pub csrf: &'a str,
    pub stamp: &'a str,
}

pub fn page_view(p: &JoinPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "join-title");
    let errors = p.errors;
    let email_language = if p.values.language.is_empty() {
        lang.code()
    } else {
        p.values.language.as_str()
    };
    page(
        &Shell {
            lang,
            title: &title,
            path: "/join",
            brand: p.brand,
        },
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            div class="notice" {
                p { (t(lang, "join-purpose")) }
                p { (t_with(lang, "join-who", &[("email", &p.brand.contact_email)])) }
                p { (t(lang, "join-withdraw")) }
            }
            form method="post" action={ "/" (lang.code()) "/join" } novalidate {
                (form::protection(lang, p.csrf, p.stamp))
                (form::text_field(TextField { required: true,
                    lang, name: "full_name", label_key: "field-full-name", hint_key: Some("field-full-name-hint"),
                    value: &p.values.full_name, input_type: "text", autocomplete: "name", max_length: 100, errors,
                }))
                (form::text_field(TextField { required: true,
                    lang, name: "email", label_key: "field-email", hint_key: Some("field-email-hint"),
                    value: &p.values.email, input_type: "email", autocomplete: "email", max_length: 254, errors,
                }))
                (profile::fields(&profile::Fields {
                    lang,
                    chapters: p.chapters,
                    chapter: &p.values.chapter,
                    region: &p.values.region,
                    interests: &p.values.interests,
                    language: email_language,
                    errors,
                }))
                div class="field choice consent" {
                    input type="checkbox" id=(field_id("newsletter")) name="newsletter" value="yes" checked[p.values.newsletter];
                    label for=(field_id("newsletter")) { (t(lang, "field-newsletter")) }
                }
                p class="hint" { (t(lang, "join-confirm-note")) }
                button type="submit" class="button" { (t(lang, "join-submit")) }
            }
        },
    )
}
