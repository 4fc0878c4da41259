//! Importing members from a CSV file: the form and the report.

use domain::{Language, entities::chapter};
use mailer::i18n::{t, t_count, t_with};
use maud::{Markup, html};

use super::layout::{Viewer, layout};
use crate::views::form::{self, FieldErrors, TextField};

pub struct ImportPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub chapters: &'a [chapter::Model],
    pub chapter: &'a str,
    pub source: &'a str,
    pub errors: &'a FieldErrors,
}

pub fn import_form(p: &ImportPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "import-title");
    let (file_error, file_described) = form::error_of(lang, p.errors, "file");
    layout(
        lang,
        &title,
        Some(p.viewer),
        "/admin/members/import",
        html! {
            (form::error_summary(lang, p.errors))
            h1 { (title) }
            p class="lede" { (t(lang, "import-intro")) }
            form method="post" action="/admin/members/import" enctype="multipart/form-data" novalidate {
                input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                div class="field" {
                    label for="field-chapter" { (t(lang, "field-chapter")) }
                    select id="field-chapter" name="chapter" {
                        @for c in p.chapters { option value=(c.slug) selected[c.slug == p.chapter] { (c.name(lang)) } }
                    }
                }
                (form::text_field(TextField { required: true, lang, name: "consent_source", label_key: "field-consent-source",
                    hint_key: Some("field-consent-source-hint"), value: p.source, input_type: "text", autocomplete: "off",
                    max_length: 100, errors: p.errors }))
                div class={ "field" @if file_described.is_some() { " field-error" } } {
                    label for="field-file" { (t(lang, "field-import-file")) }
                    (file_error)
                    input type="file" id="field-file" name="file" accept=".csv,text/csv" required
                        aria-invalid=[file_described.as_ref().map(|_| "true")] aria-describedby=[file_described];
                }
                button type="submit" class="button" { (t(lang, "import-submit")) }
            }
        },
    )
}

/// What an import did: counts, then each refused line and why.
pub fn import_report(
    lang: Language,
    viewer: &Viewer<'_>,
    counts: [(&'static str, usize); 5],
    rejected: &[(usize, Vec<&'static str>)],
) -> Markup {
    let title = t(lang, "import-report-title");
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/members/import",
        html! {
            h1 { (title) }
            ul role="status" {
                @for (key, count) in counts { li { (t_count(lang, key, i64::try_from(count).unwrap_or(i64::MAX), &[])) } }
            }
            @if !rejected.is_empty() {
                ul class="rejected" {
                    @for (line, reasons) in rejected {
                        @let reasons = reasons.iter().map(|r| t(lang, &format!("import-reason-{r}"))).collect::<Vec<_>>().join("; ");
                        li { (t_with(lang, "import-line", &[("line", &line.to_string()), ("reasons", &reasons)])) }
                    }
                }
            }
            p { a href="/admin/members" { (t(lang, "admin-nav-members")) } }
        },
    )
}
