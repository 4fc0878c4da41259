//! The back office's newsletters: the list, the draft form, and a newsletter's page with its
//! previews, audience, schedule and the progress of its send.

use domain::{
    Interest, Language,
    entities::{chapter, newsletter, outbox},
    newsletters::{self, Progress},
};
use mailer::{
    Composed,
    i18n::{t, t_with},
    markdown,
};
use maud::{Markup, PreEscaped, html};

use super::{
    Viewer, layout, layout_refreshing,
    texts::{self, LanguageFieldsets, Need, TextInput},
};
use crate::{
    language_texts::LanguageTexts,
    views::{
        form::{self, FieldErrors, TextField},
        newsletters::{date, subject},
    },
};

/// The newsletter form's texts in each language.
pub const TEXTS: [TextInput; 2] = [
    TextInput {
        field: "subject",
        label_key: "field-newsletter-subject",
        rows: None,
        max_length: newsletters::SUBJECT_MAX,
        hint_id: None,
    },
    TextInput {
        field: "body",
        label_key: "field-newsletter-body",
        rows: Some(12),
        max_length: newsletters::BODY_MAX,
        hint_id: Some("markdown-hint"),
    },
];

fn status_name(lang: Language, status: &str) -> String {
    t(lang, &format!("newsletter-status-{status}"))
}

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
                                    td { (status_name(lang, n.status.as_str())) }
                                    td { (n.recipients) }
                                    td { (date(lang, n.finished_at.or(n.started_at).or(n.scheduled_at))) }
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
    /// `subject_<code>` and `body_<code>`.
    pub texts: LanguageTexts,
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
                (texts::language_fieldsets(&LanguageFieldsets {
                    lang,
                    inputs: &TEXTS,
                    values: &v.texts,
                    errors,
                    need: Need::Required,
                    optional_hint_key: "content-optional-newsletter",
                }))
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

pub struct ShowPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub letter: &'a newsletter::Model,
    pub chapters: &'a [chapter::Model],
    /// The audience's size now, before sending starts.
    pub recipients_now: Option<u64>,
    pub progress: &'a Progress,
    pub failures: &'a [outbox::Model],
    pub previews: &'a [(Language, Composed)],
    /// The setting CASL needs and that is missing, if any.
    pub casl_missing: Option<&'static str>,
    pub notice: &'a str,
    pub errors: &'a FieldErrors,
    pub schedule_value: &'a str,
    /// The organizer asked the page to refresh itself.
    pub watch: bool,
}

fn button(id: i64, action: &str, csrf: &str, label: &str, class: &str) -> Markup {
    html! {
        form method="post" action={ "/admin/newsletters/" (id) "/" (action) } class="inline-form" {
            input type="hidden" name="csrf_token" value=(csrf);
            button type="submit" class=(class) { (label) }
        }
    }
}

pub fn admin_show(p: &ShowPage<'_>) -> Markup {
    let lang = p.lang;
    let n = p.letter;
    let csrf = p.viewer.csrf;
    let heading = subject(n, lang);
    let here = format!("/admin/newsletters/{}", n.id);
    let audience = n.audience();
    let names = |ids: &[i64]| -> String {
        p.chapters
            .iter()
            .filter(|c| ids.contains(&c.id))
            .map(|c| c.name(lang).to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all = t(lang, "newsletter-audience-all");
    let interests = if audience.interests.is_empty() {
        all.clone()
    } else {
        audience
            .interests
            .iter()
            .map(|i| t(lang, &format!("interest-{}", i.slug())))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let languages = if audience.languages.is_empty() {
        all
    } else {
        audience
            .languages
            .iter()
            .map(|l| t(lang, &format!("language-name-{}", l.code())))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let running =
        n.status == newsletters::Status::Sending || n.status == newsletters::Status::Paused;
    let started = n.started_at.is_some();
    let notice_key = match p.notice {
        "saved" => Some("newsletter-notice-saved"),
        "test-sent" => Some("newsletter-notice-test-sent"),
        "test-limit" => Some("newsletter-notice-test-limit"),
        "scheduled" => Some("newsletter-notice-scheduled"),
        "send" => Some("newsletter-notice-sending"),
        "unschedule" => Some("newsletter-notice-unscheduled"),
        "pause" => Some("newsletter-notice-paused"),
        "resume" => Some("newsletter-notice-resumed"),
        "cancel" => Some("newsletter-notice-cancelled"),
        "publish" => Some("newsletter-notice-published"),
        "unpublish" => Some("newsletter-notice-unpublished"),
        _ => None,
    };
    let progress = p.progress;
    let content = html! {
        (form::error_summary(lang, p.errors))
        p { a href="/admin/newsletters" { (t(lang, "admin-newsletters-title")) } }
        h1 { (heading) }
        @if let Some(key) = notice_key { p class="notice" role="status" { (t(lang, key)) } }
        @if let Some(key) = p.casl_missing {
            p class="notice warning" { (t_with(lang, "newsletter-casl-missing", &[("key", key)])) }
        }
        @if let Some(key) = n.held_reason.as_deref() {
            @let held = if n.status == newsletters::Status::Paused { "newsletter-held-sending" } else { "newsletter-held-scheduled" };
            p class="notice warning held" role="alert" { (t_with(lang, held, &[("key", key)])) }
        }
        dl class="facts" {
            dt { (t(lang, "field-status")) } dd { (status_name(lang, n.status.as_str())) }
            @if let Some(at) = n.scheduled_at { dt { (t(lang, "newsletter-scheduled-for")) } dd { (date(lang, Some(at))) } }
            dt { (t(lang, "newsletter-audience-chapters")) } dd { (names(&audience.chapters)) }
            dt { (t(lang, "newsletter-audience-interests")) } dd { (interests) }
            dt { (t(lang, "newsletter-audience-languages")) } dd { (languages) }
            @if let Some(count) = p.recipients_now {
                dt { (t(lang, "newsletter-recipients-now")) } dd { (count) }
            } @else {
                dt { (t(lang, "newsletter-recipients")) } dd { (n.recipients) }
            }
        }
        @if n.is_editable() {
            h2 { (t(lang, "newsletter-actions")) }
            p { a class="button secondary" href={ (here) "/edit" } { (t(lang, "admin-newsletter-edit")) } }
            (button(n.id, "test", csrf, &t(lang, "newsletter-test-send"), "button secondary"))
            div id="field-send" tabindex="-1" {
                @let (error, _) = form::error_of(lang, p.errors, "send");
                (error)
                (button(n.id, "send", csrf, &t(lang, "newsletter-send-now"), "button"))
            }
            @if n.status == newsletters::Status::Scheduled {
                (button(n.id, "unschedule", csrf, &t(lang, "newsletter-unschedule"), "button secondary"))
            }
            h3 { (t(lang, "newsletter-schedule")) }
            form method="post" action={ (here) "/schedule" } novalidate {
                input type="hidden" name="csrf_token" value=(csrf);
                (form::text_field(TextField { required: true,
                    lang,
                    name: "at",
                    label_key: "field-newsletter-at",
                    hint_key: None,
                    value: p.schedule_value,
                    input_type: "datetime-local",
                    autocomplete: "off",
                    max_length: 20,
                    errors: p.errors,
                }))
                (form::text_field(TextField { required: true,
                    lang,
                    name: "time_zone",
                    label_key: "field-time-zone",
                    hint_key: Some("newsletter-time-zone-hint"),
                    value: "America/Toronto",
                    input_type: "text",
                    autocomplete: "off",
                    max_length: 60,
                    errors: p.errors,
                }))
                button type="submit" class="button secondary" { (t(lang, "newsletter-schedule-submit")) }
            }
        }
        @if running {
            h2 { (t(lang, "newsletter-actions")) }
            @if n.status == newsletters::Status::Sending {
                (button(n.id, "pause", csrf, &t(lang, "newsletter-pause"), "button secondary"))
            } @else {
                (button(n.id, "resume", csrf, &t(lang, "newsletter-resume"), "button"))
            }
            (button(n.id, "cancel", csrf, &t(lang, "newsletter-cancel"), "button secondary"))
        }
        @if n.status == newsletters::Status::Sent {
            h2 { (t(lang, "newsletter-archive")) }
            @if n.published {
                p { (t(lang, "newsletter-is-published")) " " a href={ "/" (lang.code()) "/newsletters/" (n.id) } { (t(lang, "newsletter-view-public")) } }
                (button(n.id, "unpublish", csrf, &t(lang, "newsletter-unpublish"), "button secondary"))
            } @else {
                (button(n.id, "publish", csrf, &t(lang, "newsletter-publish"), "button"))
            }
        }
        @if started {
            h2 { (t(lang, "newsletter-progress")) }
            dl class="facts" {
                dt { (t(lang, "newsletter-sent")) } dd { (progress.sent) }
                dt { (t(lang, "newsletter-failed")) } dd { (progress.failed) }
                dt { (t(lang, "newsletter-skipped")) } dd { (progress.skipped) }
                dt { (t(lang, "newsletter-remaining")) } dd { (progress.remaining()) }
                dt { (t(lang, "newsletter-rate")) } dd { (format!("{:.1}", progress.rate())) }
                dt { (t(lang, "newsletter-time-left")) }
                dd {
                    @match progress.time_left() {
                        Some(left) => { (t_with(lang, "newsletter-time-left-value", &[("minutes", &(left.num_minutes()).to_string()), ("seconds", &(left.num_seconds() % 60).to_string())])) }
                        None => { "—" }
                    }
                }
                @if let Some(at) = n.finished_at { dt { (t(lang, "newsletter-finished")) } dd { (date(lang, Some(at))) } }
            }
            @if running {
                p {
                    a href={ (here) "?watch=1" } { (t(lang, "newsletter-watch")) }
                    " · "
                    a href=(here) { (t(lang, "newsletter-refresh")) }
                }
            }
            @if !p.failures.is_empty() {
                h3 id="failures" { (t(lang, "newsletter-failures")) }
                // No link inside: the region takes the focus, so it scrolls with the keyboard.
                div class="table-wrap" role="region" aria-labelledby="failures" tabindex="0" {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "field-email")) }
                            th scope="col" { (t(lang, "newsletter-attempts")) }
                            th scope="col" { (t(lang, "newsletter-reason")) }
                        } }
                        tbody {
                            @for f in p.failures {
                                tr {
                                    td { (f.recipient) }
                                    td { (f.attempts) }
                                    td { (f.last_error.clone().unwrap_or_default()) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "newsletter-preview")) }
        p class="hint" { (t(lang, "newsletter-preview-hint")) }
        @let unwritten: Vec<String> = Language::ALL
            .into_iter()
            .filter(|l| n.language_for(*l) != *l)
            .map(|l| t(lang, &format!("in-language-{}", l.code())))
            .collect();
        @if !unwritten.is_empty() {
            p { (t_with(lang, "newsletter-falls-back", &[("languages", &unwritten.join(", "))])) }
        }
        @for (version_lang, composed) in p.previews {
            section class="preview" lang=(version_lang.tag()) aria-labelledby={ "preview-" (version_lang.code()) } {
                h3 id={ "preview-" (version_lang.code()) } lang=(lang.tag()) { (t(lang, &format!("language-name-{}", version_lang.code()))) }
                p { strong lang=(lang.tag()) { (t(lang, "field-newsletter-subject")) ": " } (composed.subject) }
                div class="preview-html" {
                    @if let Some(version) = n.version(*version_lang) {
                        (PreEscaped(markdown::to_html(&version.body)))
                    }
                }
                details {
                    summary lang=(lang.tag()) { (t(lang, "newsletter-preview-text")) }
                    pre class="preview-text" { (composed.text) }
                }
            }
        }
    };
    let title = heading.clone();
    if running && p.watch {
        layout_refreshing(lang, &title, p.viewer, &here, 5, content)
    } else {
        layout(lang, &title, Some(p.viewer), &here, content)
    }
}
