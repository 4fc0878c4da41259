//! The chapters: the list and the form of one.

use domain::{Language, entities::chapter};
use mailer::i18n::t;
use maud::{Markup, html};

use super::{
    layout::{Viewer, layout},
    texts::{self, LanguageFieldsets, Need, TextInput},
};
use crate::{
    language_texts::LanguageTexts,
    views::{
        form::{self, FieldErrors, TextField},
        shown::shown_lang,
    },
};

/// The chapter form's texts in each language.
pub const TEXTS: [TextInput; 2] = [
    TextInput {
        field: "name",
        label_key: "field-name",
        rows: None,
        max_length: 200,
        hint_id: None,
    },
    TextInput {
        field: "description",
        label_key: "field-description",
        rows: Some(4),
        max_length: 5000,
        hint_id: None,
    },
];

pub fn chapters(
    lang: Language,
    viewer: &Viewer<'_>,
    chapters: &[chapter::Model],
    saved: bool,
) -> Markup {
    let title = t(lang, "chapters-title");
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/chapters",
        html! {
            h1 { (title) }
            @if saved { p class="notice" role="status" { (t(lang, "chapters-saved")) } }
            div class="table-wrap" {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "field-name")) }
                        th scope="col" { (t(lang, "field-slug")) }
                        th scope="col" { (t(lang, "field-country")) }
                    } }
                    tbody {
                        @for c in chapters {
                            tr {
                                td { a href={ "/admin/chapters/" (c.id) } lang=[shown_lang(&c.name, lang)] { (c.name(lang)) } }
                                td { code { (c.slug) } }
                                td { (c.country) }
                            }
                        }
                    }
                }
            }
            p { a class="button" href="/admin/chapters/new" { (t(lang, "chapters-new")) } }
        },
    )
}

/// The chapter form: new (`action` /admin/chapters/new) or an existing one.
pub fn chapter_form(
    lang: Language,
    viewer: &Viewer<'_>,
    action: &str,
    heading: &str,
    fields: &domain::chapter::ChapterFields,
    errors: &FieldErrors,
) -> Markup {
    let values = LanguageTexts::stored(&[
        ("name", &fields.names),
        ("description", &fields.descriptions),
    ]);
    layout(
        lang,
        heading,
        Some(viewer),
        action,
        html! {
            (form::error_summary(lang, errors))
            h1 { (heading) }
            form method="post" action=(action) novalidate {
                input type="hidden" name="csrf_token" value=(viewer.csrf);
                (form::text_field(TextField { required: true, lang, name: "slug", label_key: "field-slug", hint_key: Some("field-slug-hint"),
                    value: &fields.slug, input_type: "text", autocomplete: "off", max_length: 64, errors }))
                (form::text_field(TextField { required: true, lang, name: "country", label_key: "field-country", hint_key: Some("field-country-hint"),
                    value: &fields.country, input_type: "text", autocomplete: "off", max_length: 2, errors }))
                (texts::language_fieldsets(&LanguageFieldsets {
                    lang,
                    inputs: &TEXTS,
                    values: &values,
                    errors,
                    need: Need::Required,
                    optional_hint_key: "content-optional-page",
                }))
                button type="submit" class="button" { (t(lang, "chapters-save")) }
            }
        },
    )
}
