//! The back office's events: the list, the form, and one event's page with its registrations.

use domain::{
    Language,
    entities::{chapter, event},
};
use mailer::i18n::{t, t_counts, t_with};
use maud::{Markup, PreEscaped, html};

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

/// The event form's texts in each language.
pub const TEXTS: [TextInput; 2] = [
    TextInput {
        field: "title",
        label_key: "field-title",
        rows: None,
        max_length: 200,
        hint_id: None,
    },
    TextInput {
        field: "description",
        label_key: "field-event-description",
        rows: Some(5),
        max_length: 20_000,
        hint_id: None,
    },
];

/// The event form's values, as stored or as typed (times in the event's zone).
#[derive(Clone, Debug, Default)]
pub struct EventValues {
    pub slug: String,
    /// `title_<code>` and `description_<code>`.
    pub texts: LanguageTexts,
    pub format: String,
    pub venue: String,
    pub address: String,
    pub online_link: String,
    pub starts: String,
    pub ends: String,
    pub time_zone: String,
    pub capacity: String,
    pub waitlist: bool,
    pub opens: String,
    pub closes: String,
}

pub fn admin_events(lang: Language, viewer: &Viewer<'_>, list: &[event::Model]) -> Markup {
    let title = t(lang, "admin-events-title");
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/events",
        html! {
            h1 { (title) }
            p { a class="button" href="/admin/events/new" { (t(lang, "admin-events-new")) } }
            div class="table-wrap" {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "field-title")) }
                        th scope="col" { (t(lang, "field-starts")) }
                        th scope="col" { (t(lang, "field-status")) }
                    } }
                    tbody {
                        @for e in list {
                            tr {
                                td { a href={ "/admin/events/" (e.id) } lang=[shown_lang(&e.title, lang)] { (e.title(lang)) } }
                                td { (mailer::dates::event_span(lang, e)) }
                                td { (t(lang, &format!("event-status-{}", e.status.as_str()))) }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The event form: where it posts, its heading, the chapters the organizer may use, the values.
pub struct EventForm<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub action: &'a str,
    pub heading: &'a str,
    pub chapters: &'a [chapter::Model],
    pub chapter: &'a str,
    pub values: &'a EventValues,
    pub errors: &'a FieldErrors,
    /// A published event must keep its English and French texts; a draft needs them only to
    /// be published.
    pub published: bool,
}

pub fn admin_event_form(f: &EventForm<'_>) -> Markup {
    let EventForm {
        lang,
        viewer,
        action,
        heading,
        chapters,
        chapter,
        values: v,
        errors,
        published,
    } = *f;
    let text = |name: &'static str,
                label: &'static str,
                value: &str,
                input_type: &'static str,
                hint: Option<&'static str>,
                required: bool| {
        form::text_field(TextField {
            required,
            lang,
            name,
            label_key: label,
            hint_key: hint,
            value,
            input_type,
            autocomplete: "off",
            max_length: 300,
            errors,
        })
    };
    let need = if published {
        Need::Required
    } else {
        Need::ToPublish
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
                div class="field" {
                    label for="field-chapter" { (t(lang, "field-chapter")) }
                    select id="field-chapter" name="chapter" {
                        @for c in chapters { option value=(c.slug) selected[c.slug == chapter] { (c.name(lang)) } }
                    }
                }
                (text("slug", "field-slug", &v.slug, "text", Some("field-slug-hint"), true))
                (texts::language_fieldsets(&LanguageFieldsets {
                    lang,
                    inputs: &TEXTS,
                    values: &v.texts,
                    errors,
                    need,
                    optional_hint_key: "content-optional-page",
                }))
                div class="field" {
                    label for="field-format" { (t(lang, "field-format")) }
                    select id="field-format" name="format" {
                        @for f in ["in-person", "online", "hybrid"] {
                            option value=(f) selected[f == v.format] { (crate::views::events::format_name(lang, f)) }
                        }
                    }
                }
                (text("venue", "field-venue", &v.venue, "text", None, false))
                (text("address", "field-address", &v.address, "text", None, false))
                (text("online_link", "field-online-link", &v.online_link, "url", None, false))
                (text("time_zone", "field-time-zone", &v.time_zone, "text", Some("field-time-zone-hint"), true))
                (text("starts", "field-starts", &v.starts, "datetime-local", None, true))
                (text("ends", "field-ends", &v.ends, "datetime-local", None, true))
                (text("capacity", "field-capacity", &v.capacity, "number", Some("field-capacity-hint"), false))
                div class="field choice" {
                    input type="checkbox" id="field-waitlist" name="waitlist" value="yes" checked[v.waitlist];
                    label for="field-waitlist" { (t(lang, "field-waitlist")) }
                }
                (text("opens", "field-opens", &v.opens, "datetime-local", None, false))
                (text("closes", "field-closes", &v.closes, "datetime-local", None, false))
                button type="submit" class="button" { (t(lang, "admin-event-save")) }
            }
        },
    )
}

/// The event's title and description as each language's readers see them: its own text, or a
/// note that they get the English one.
fn texts_by_language(lang: Language, e: &event::Model) -> Markup {
    html! {
        section aria-labelledby="texts" {
            h2 id="texts" { (t(lang, "admin-event-texts")) }
            @for written in Language::ALL {
                details {
                    summary { (t(lang, &format!("language-name-{}", written.code()))) }
                    @match (e.title.get(written), e.description.get(written)) {
                        (Some(title), description) => {
                            div class="preview" lang=(written.tag()) {
                                h3 { (title) }
                                (PreEscaped(mailer::markdown::to_html(description.unwrap_or_default())))
                            }
                        }
                        (None, _) => {
                            p { (t_with(lang, "content-shows-english", &[("language", &t(lang, &format!("in-language-{}", written.code())))])) }
                        }
                    }
                }
            }
        }
    }
}

pub struct AdminEventPage<'a> {
    pub search: &'a str,
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub event: &'a event::Model,
    pub counts: &'a domain::events::Counts,
    pub registrations: &'a [domain::entities::registration::Model],
    /// A confirmation to show, already in the page's language.
    pub notice: Option<String>,
    pub errors: &'a FieldErrors,
}

pub fn admin_event(p: &AdminEventPage<'_>) -> Markup {
    let lang = p.lang;
    let e = p.event;
    let base = format!("/admin/events/{}", e.id);
    let button = |action: String, label: String, class: &'static str| {
        html! {
            form method="post" action=(action) class="inline-form" {
                input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                button type="submit" class={ "button " (class) } { (label) }
            }
        }
    };
    layout(
        lang,
        e.title(lang),
        Some(p.viewer),
        &base,
        html! {
            (form::error_summary(lang, p.errors))
            h1 lang=[shown_lang(&e.title, lang)] { (e.title(lang)) }
            @if let Some(text) = &p.notice { p class="notice" role="status" { (text) } }
            p { (mailer::dates::event_span(lang, e)) " · " (t(lang, &format!("event-status-{}", e.status.as_str()))) }
            p {
                a href={ (base) "/edit" } { (t(lang, "admin-event-edit")) } " "
                a href={ (base) "/programme" } { (t(lang, "admin-summit-programme")) } " "
                @if e.status == domain::events::EventStatus::Draft { (button(format!("{base}/publish"), t(lang, "admin-event-publish"), "")) }
                @if e.status == domain::events::EventStatus::Published { " " (button(format!("{base}/cancel"), t(lang, "admin-event-cancel"), "danger")) }
            }
            (texts_by_language(lang, e))
            section aria-labelledby="message" {
            h2 id="message" { (t(lang, "admin-message-title")) }
            form method="post" action={ (base) "/message" } novalidate {
                input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                div class="field" {
                    label for="field-audience" { (t(lang, "admin-message-audience")) }
                    select id="field-audience" name="audience" {
                        option value="confirmed" { (t(lang, "admin-message-confirmed")) }
                        option value="waitlisted" { (t(lang, "admin-message-waitlisted")) }
                    }
                }
                (form::text_field(TextField { required: true, lang, name: "subject", label_key: "admin-message-subject", hint_key: None,
                    value: "", input_type: "text", autocomplete: "off", max_length: 200, errors: p.errors }))
                div class="field" {
                    label for="field-body" { (t(lang, "admin-message-body")) }
                    textarea id="field-body" name="body" rows="6" maxlength="10000" {}
                }
                button type="submit" class="button" { (t(lang, "admin-message-send")) }
            }
        }
        section aria-labelledby="registrations" {
                h2 id="registrations" { (t(lang, "admin-registrations")) }
                p role="status" { (t_counts(lang, "admin-registrations-counts", &[
                    ("confirmed", i64::try_from(p.counts.confirmed).unwrap_or(i64::MAX)),
                    ("waitlisted", i64::try_from(p.counts.waitlisted).unwrap_or(i64::MAX)),
                    ("pending", i64::try_from(p.counts.pending).unwrap_or(i64::MAX)),
                    ("checked", i64::try_from(p.counts.checked_in).unwrap_or(i64::MAX)),
                ])) }
                p { a class="button secondary" href={ (base) "/registrations.csv" } { (t(lang, "admin-registrations-export")) } }
            form method="get" action=(base) class="filters" {
                div class="field" {
                    label for="f-search" { (t(lang, "admin-registrations-search")) }
                    input type="search" id="f-search" name="q" value=(p.search) maxlength="100";
                }
                button type="submit" class="button" { (t(lang, "members-filter")) }
            }
                div class="table-wrap" role="region" aria-labelledby="registrations" tabindex="0" {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "field-name")) }
                            th scope="col" { (t(lang, "field-email")) }
                            th scope="col" { (t(lang, "field-status")) }
                            th scope="col" { (t(lang, "admin-accommodations")) }
                            th scope="col" { (t(lang, "admin-check-in")) }
                        } }
                        tbody {
                            @for r in p.registrations {
                                tr {
                                    td { (r.full_name) }
                                    td { (r.email) }
                                    td { (super::labels::registration_status_name(lang, r.status, r.waitlist_position)) }
                                    // A stored value that does not parse shows as no need rather than as JSON.
                                    td { (super::labels::needs_line(lang, domain::events::Accommodations::of(r).ok().flatten().as_ref())) }
                                    td {
                                        @if r.status == domain::events::RegistrationStatus::Confirmed {
                                            @if let Some(at) = r.checked_in_at {
                                                (t_with(lang, "admin-checked-in", &[("time", &mailer::dates::event_moment(lang, e, at))])) " "
                                                (button(format!("{base}/registrations/{}/undo", r.id), t(lang, "admin-undo-check-in"), "secondary"))
                                            } @else {
                                                (button(format!("{base}/registrations/{}/check-in", r.id), format!("{} — {}", t(lang, "admin-check-in"), r.full_name), ""))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
