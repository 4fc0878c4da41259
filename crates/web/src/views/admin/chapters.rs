//! The chapters: the list and the form of one.

use domain::{Language, entities::chapter};
use mailer::i18n::t;
use maud::{Markup, html};

use super::layout::{Viewer, layout};
use crate::views::form::{self, FieldErrors, TextField};

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
                                td { a href={ "/admin/chapters/" (c.id) } { (c.name(lang)) } }
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
    let text_area = |name: &'static str, label: &'static str, value: &str, optional: bool| {
        let (error, described) = form::error_of(lang, errors, name);
        let hint_id = format!("{name}-hint");
        let described = match (optional, described) {
            (true, Some(e)) => Some(format!("{hint_id} {e}")),
            (true, None) => Some(hint_id.clone()),
            (false, d) => d,
        };
        html! {
            div class={ "field" @if errors.get(name).is_some() { " field-error" } } {
                label for=(form::field_id(name)) { (t(lang, label)) }
                @if optional { p class="hint" id=(hint_id) { (t(lang, "field-es-optional")) } }
                (error)
                textarea id=(form::field_id(name)) name=(name) rows="4" maxlength="5000"
                    aria-invalid=[errors.get(name).map(|_| "true")] aria-describedby=[described] { (value) }
            }
        }
    };
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
                (form::text_field(TextField { required: true, lang, name: "name_en", label_key: "field-name-en", hint_key: None,
                    value: &fields.names[0], input_type: "text", autocomplete: "off", max_length: 200, errors }))
                (form::text_field(TextField { required: true, lang, name: "name_fr", label_key: "field-name-fr", hint_key: None,
                    value: &fields.names[1], input_type: "text", autocomplete: "off", max_length: 200, errors }))
                div class="field" {
                    label for="field-name_es" { (t(lang, "field-name-es")) " " span class="optional" { "(" (t(lang, "optional")) ")" } }
                    input type="text" id="field-name_es" name="name_es" value=(fields.names[2]) maxlength="200";
                }
                (text_area("description_en", "field-description-en", &fields.descriptions[0], false))
                (text_area("description_fr", "field-description-fr", &fields.descriptions[1], false))
                (text_area("description_es", "field-description-es", &fields.descriptions[2], true))
                button type="submit" class="button" { (t(lang, "chapters-save")) }
            }
        },
    )
}
