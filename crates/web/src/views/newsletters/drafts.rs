//! The back office's list of newsletters and the form that writes or edits a draft.

use domain::{
    Interest, Language,
    entities::{chapter, newsletter},
    newsletters,
};
use mailer::i18n::t;
use maud::{Markup, html};

use super::{date, status_name, subject};
use crate::views::{
    admin::{Viewer, layout},
    form::{self, FieldErrors, TextField},
};

pub fn admin_list(lang: Language, viewer: &Viewer<'_>, letters: &[newsletter::Model]) -> Markup {
    let title = t(lang, "admin-newsletters-title");
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/newsletters",
        html! {
            h1 { (title) }
            p { a class="button" href="/admin/newsletters/new" { (t(lang, "admin-newsletters-new")) } }
            @if letters.is_empty() {
                p { (t(lang, "admin-newsletters-none")) }
            } @else {
                div class="table-wrap" {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "field-newsletter-subject")) }
                            th scope="col" { (t(lang, "field-status")) }
                            th scope="col" { (t(lang, "newsletter-recipients")) }
                            th scope="col" { (t(lang, "newsletter-when")) }
                        } }
                        tbody {
                            @for n in letters {
                                tr {
                                    td { a href={ "/admin/newsletters/" (n.id) } { (subject(n, lang)) } }
                                    td { (status_name(lang, &n.status)) }
                                    td { (n.recipients) }
                                    td { (date(n.finished_at.or(n.started_at).or(n.scheduled_at))) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The form's values as typed, so a rejected form comes back as it was.
#[derive(Clone, Debug, Default)]
pub struct DraftValues {
    /// English, French, Spanish.
    pub subjects: [String; 3],
    pub bodies: [String; 3],
    pub chapters: Vec<String>,
    pub interests: Vec<String>,
    pub languages: Vec<String>,
}

pub struct DraftForm<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    /// `None` for a new newsletter.
    pub id: Option<i64>,
    pub chapters: &'a [chapter::Model],
    pub values: &'a DraftValues,
    pub errors: &'a FieldErrors,
}

pub fn admin_form(f: &DraftForm<'_>) -> Markup {
    let lang = f.lang;
    let errors = f.errors;
    let v = f.values;
    let (action, heading) = match f.id {
        None => (
            "/admin/newsletters/new".to_owned(),
            t(lang, "admin-newsletters-new"),
        ),
        Some(id) => (
            format!("/admin/newsletters/{id}/edit"),
            t(lang, "admin-newsletter-edit"),
        ),
    };
    let version = |i: usize, code: &'static str, required: bool| {
        let subject_name = ["subject_en", "subject_fr", "subject_es"][i];
        let body_name = ["body_en", "body_fr", "body_es"][i];
        let (body_error, body_described) = form::error_of(lang, errors, body_name);
        let described = match body_described {
            Some(error) => format!("markdown-hint {error}"),
            None => "markdown-hint".to_owned(),
        };
        html! {
            fieldset {
                legend {
                    (t(lang, &format!("language-name-{code}")))
                    @if !required { " " span class="hint-inline" { "(" (t(lang, "optional")) ")" } }
                }
                @if required {
                    (form::text_field(TextField {
                        lang,
                        name: subject_name,
                        label_key: "field-newsletter-subject",
                        hint_key: None,
                        value: &v.subjects[i],
                        input_type: "text",
                        autocomplete: "off",
                        max_length: newsletters::SUBJECT_MAX,
                        errors,
                    }))
                } @else {
                    @let (error, described) = form::error_of(lang, errors, subject_name);
                    div class={ "field" @if described.is_some() { " field-error" } } {
                        label for=(form::field_id(subject_name)) { (t(lang, "field-newsletter-subject")) }
                        (error)
                        input type="text" id=(form::field_id(subject_name)) name=(subject_name) value=(v.subjects[i])
                            maxlength=(newsletters::SUBJECT_MAX) autocomplete="off" aria-describedby=[described];
                    }
                }
                div class={ "field" @if errors.get(body_name).is_some() { " field-error" } } {
                    label for=(form::field_id(body_name)) { (t(lang, "field-newsletter-body")) }
                    (body_error)
                    textarea id=(form::field_id(body_name)) name=(body_name) rows="12"
                        maxlength=(newsletters::BODY_MAX) aria-describedby=(described) { (v.bodies[i]) }
                }
            }
        }
    };
    let (chapters_error, chapters_described) = form::error_of(lang, errors, "chapters");
    layout(
        lang,
        &heading,
        Some(f.viewer),
        &action,
        html! {
            (form::error_summary(lang, errors))
            h1 { (heading) }
            p class="hint" id="markdown-hint" { (t(lang, "newsletter-markdown-hint")) }
            form method="post" action=(action) novalidate {
                input type="hidden" name="csrf_token" value=(f.viewer.csrf);
                (version(0, "en", true))
                (version(1, "fr", true))
                (version(2, "es", false))
                fieldset id="field-chapters" tabindex="-1" aria-describedby=[chapters_described] {
                    legend { (t(lang, "newsletter-audience-chapters")) }
                    (chapters_error)
                    @for c in f.chapters {
                        div class="field choice" {
                            input type="checkbox" id={ "chapter-" (c.slug) } name="chapters" value=(c.slug) checked[v.chapters.contains(&c.slug)];
                            label for={ "chapter-" (c.slug) } { (c.name(lang)) }
                        }
                    }
                }
                fieldset {
                    legend { (t(lang, "newsletter-audience-interests")) }
                    p class="hint" { (t(lang, "newsletter-audience-all-hint")) }
                    @for i in Interest::ALL {
                        div class="field choice" {
                            input type="checkbox" id={ "interest-" (i.slug()) } name="interests" value=(i.slug()) checked[v.interests.iter().any(|x| x == i.slug())];
                            label for={ "interest-" (i.slug()) } { (t(lang, &format!("interest-{}", i.slug()))) }
                        }
                    }
                }
                fieldset {
                    legend { (t(lang, "newsletter-audience-languages")) }
                    p class="hint" { (t(lang, "newsletter-audience-all-hint")) }
                    @for l in Language::ALL {
                        div class="field choice" {
                            input type="checkbox" id={ "language-" (l.code()) } name="languages" value=(l.code()) checked[v.languages.iter().any(|x| x == l.code())];
                            label for={ "language-" (l.code()) } { (t(lang, &format!("language-name-{}", l.code()))) }
                        }
                    }
                }
                button type="submit" class="button" { (t(lang, "admin-newsletter-save")) }
            }
        },
    )
}
