//! The back office's programme editor: an event's sessions by day and track, the session form,
//! and one session's page (its seats and line with check-in, move, cancel, CSV).

use domain::{
    Language,
    entities::{event, event_session, registration, session_choice},
    summit::ChoiceStatus,
};
use mailer::i18n::{t, t_with};
use maud::{Markup, html};

use super::layout::{Viewer, layout};
use crate::{
    language_texts::{LanguageTexts, field_name},
    views::{
        form::{self, FieldErrors, TextField},
        shown::shown_lang,
        summit::{by_day_and_track, session_when, track_name},
    },
};

fn seats_line(lang: Language, s: &event_session::Model) -> String {
    match s.capacity {
        Some(c) => t_with(
            lang,
            "admin-summit-seats-of",
            &[
                ("taken", &s.seats_taken.to_string()),
                ("capacity", &c.to_string()),
            ],
        ),
        None => t_with(
            lang,
            "admin-summit-seats-taken",
            &[("taken", &s.seats_taken.to_string())],
        ),
    }
}

pub fn programme(
    lang: Language,
    viewer: &Viewer<'_>,
    event: &event::Model,
    sessions: &[event_session::Model],
) -> Markup {
    let base = format!("/admin/events/{}", event.id);
    let title = t(lang, "admin-summit-programme");
    layout(
        lang,
        &title,
        Some(viewer),
        &format!("{base}/programme"),
        html! {
            h1 { (title) ": " span lang=[shown_lang(&event.title, lang)] { (event.title(lang)) } }
            p {
                a href=(base) { (t(lang, "admin-summit-back-to-event")) } " · "
                a class="button" href={ (base) "/sessions/new" } { (t(lang, "admin-summit-new")) }
            }
            @if sessions.is_empty() { p { (t(lang, "admin-summit-empty")) } }
            @for (day, tracks) in by_day_and_track(event, sessions) {
                section {
                    h2 { (mailer::dates::day(lang, day)) }
                    @for (track, list) in tracks {
                        h3 { (track_name(lang, track)) }
                        ul class="sessions" {
                            @for s in list {
                                li id={ "session-" (s.id) } {
                                    a href={ (base) "/sessions/" (s.id) } lang=[shown_lang(&s.title, lang)] { (s.title(lang)) }
                                    " — " (session_when(lang, event, s)) " · " (seats_line(lang, s))
                                    @if s.is_cancelled() { " · " strong { (t(lang, "summit-cancelled")) } }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The session form's values, as stored or as typed (times in the event's zone).
#[derive(Clone, Debug, Default)]
pub struct SessionValues {
    pub texts: LanguageTexts,
    pub track: String,
    pub format: String,
    pub room: String,
    pub livestream_url: String,
    pub starts: String,
    pub ends: String,
    pub interpretation: bool,
    pub speakers: String,
    pub capacity: String,
}

pub struct SessionForm<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub event: &'a event::Model,
    pub action: &'a str,
    pub editing: bool,
    pub values: &'a SessionValues,
    pub errors: &'a FieldErrors,
}

pub fn session_form(f: &SessionForm<'_>) -> Markup {
    let lang = f.lang;
    let v = f.values;
    let errors = f.errors;
    let heading = t(
        lang,
        if f.editing {
            "admin-summit-edit"
        } else {
            "admin-summit-new"
        },
    );
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
            max_length: 500,
            errors,
        })
    };
    layout(
        lang,
        &heading,
        Some(f.viewer),
        f.action,
        html! {
            (form::error_summary(lang, errors))
            h1 { (heading) }
            p { a href={ "/admin/events/" (f.event.id) "/programme" } { (t(lang, "admin-summit-back")) } }
            form method="post" action=(f.action) novalidate {
                input type="hidden" name="csrf_token" value=(f.viewer.csrf);
                @for written in Language::ALL {
                    @let title_name = field_name("title", written);
                    @let description_name = field_name("description", written);
                    @let title_error = errors.get(&title_name);
                    fieldset lang=(lang.tag()) {
                        legend { (t(lang, &format!("language-name-{}", written.code()))) }
                        div class={ "field" @if title_error.is_some() { " field-error" } } {
                            label for={ "field-" (title_name) } {
                                (t(lang, "field-title"))
                                @if written.is_required() { " " span class="required" { "(" (t(lang, "required")) ")" } }
                            }
                            @if let Some(key) = title_error { p class="error-message" id={ "error-" (title_name) } { (t(lang, key)) } }
                            input type="text" id={ "field-" (title_name) } name=(title_name) value=(v.texts.typed("title", written))
                                maxlength="200" required[written.is_required()] lang=(written.tag())
                                aria-invalid=[title_error.map(|_| "true")];
                        }
                        div class="field" {
                            label for={ "field-" (description_name) } { (t(lang, "admin-summit-description")) }
                            textarea id={ "field-" (description_name) } name=(description_name) rows="4" maxlength="10000" lang=(written.tag()) {
                                (v.texts.typed("description", written))
                            }
                        }
                    }
                }
                (text("starts", "field-starts", &v.starts, "datetime-local", Some("admin-summit-zone-hint"), true))
                (text("ends", "field-ends", &v.ends, "datetime-local", None, true))
                (text("track", "summit-filter-track", &v.track, "text", Some("admin-summit-track-hint"), false))
                div class="field" {
                    label for="field-format" { (t(lang, "field-format")) }
                    select id="field-format" name="format" {
                        @for fmt in ["in-person", "online", "hybrid"] {
                            option value=(fmt) selected[fmt == v.format] { (crate::views::events::format_name(lang, fmt)) }
                        }
                    }
                }
                (text("room", "summit-room", &v.room, "text", None, false))
                (text("livestream_url", "admin-summit-livestream", &v.livestream_url, "url", Some("admin-summit-livestream-hint"), false))
                fieldset {
                    legend { (t(lang, "summit-languages")) }
                    @for spoken in Language::ALL {
                        @let name = field_name("speaks", spoken);
                        div class="field choice" {
                            input type="checkbox" id={ "field-" (name) } name=(name) value="yes" checked[!v.texts.typed("speaks", spoken).is_empty()];
                            label for={ "field-" (name) } { (t(lang, &format!("language-name-{}", spoken.code()))) }
                        }
                    }
                    div class="field choice" {
                        input type="checkbox" id="field-interpretation" name="interpretation" value="yes" checked[v.interpretation];
                        label for="field-interpretation" { (t(lang, "admin-summit-interpretation")) }
                    }
                }
                @let speakers_error = errors.get("speakers");
                div class={ "field" @if speakers_error.is_some() { " field-error" } } {
                    label for="field-speakers" { (t(lang, "summit-speakers")) }
                    p class="hint" id="hint-speakers" { (t(lang, "admin-summit-speakers-hint")) }
                    @if let Some(key) = speakers_error { p class="error-message" id="error-speakers" { (t(lang, key)) } }
                    textarea id="field-speakers" name="speakers" rows="3" maxlength="3000" aria-describedby="hint-speakers" { (v.speakers) }
                }
                (text("capacity", "field-capacity", &v.capacity, "number", Some("admin-summit-capacity-hint"), false))
                button type="submit" class="button" { (t(lang, "admin-summit-save")) }
            }
        },
    )
}

pub struct SessionPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub event: &'a event::Model,
    pub session: &'a event_session::Model,
    pub people: &'a [(session_choice::Model, registration::Model)],
    pub notice: Option<&'static str>,
    pub errors: &'a FieldErrors,
    /// The move form's values as typed, when it was refused.
    pub moving: Option<(&'a str, &'a str)>,
}

pub fn session_page(p: &SessionPage<'_>) -> Markup {
    let lang = p.lang;
    let s = p.session;
    let e = p.event;
    let base = format!("/admin/events/{}/sessions/{}", e.id, s.id);
    let zone = mailer::calendar::zone(e);
    let (starts, ends) = p.moving.map_or_else(
        || {
            (
                crate::admin::datetime_local::local_field(s.starts_at, zone),
                crate::admin::datetime_local::local_field(s.ends_at, zone),
            )
        },
        |(a, b)| (a.to_owned(), b.to_owned()),
    );
    let button = |action: String, label: String, class: &'static str| {
        html! {
            form method="post" action=(action) class="inline-form" {
                input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                button type="submit" class={ "button " (class) } { (label) }
            }
        }
    };
    let seated = p
        .people
        .iter()
        .filter(|(c, _)| c.status == ChoiceStatus::Chosen)
        .count();
    layout(
        lang,
        s.title(lang),
        Some(p.viewer),
        &base,
        html! {
            (form::error_summary(lang, p.errors))
            h1 lang=[shown_lang(&s.title, lang)] { (s.title(lang)) }
            @if let Some(key) = p.notice { p class="notice" role="status" { (t(lang, key)) } }
            p { (session_when(lang, e, s)) " · " (track_name(lang, &s.track)) " · " (seats_line(lang, s))
                @if s.is_cancelled() { " · " strong { (t(lang, "summit-cancelled")) } } }
            p {
                a href={ "/admin/events/" (e.id) "/programme" } { (t(lang, "admin-summit-back")) } " · "
                @if !s.is_cancelled() { a href={ (base) "/edit" } { (t(lang, "admin-summit-edit")) } " · " }
                a href={ (base) "/attendance.csv" } { (t(lang, "admin-summit-export")) }
            }
            @if !s.is_cancelled() {
                section aria-labelledby="move" {
                    h2 id="move" { (t(lang, "admin-summit-move")) }
                    form method="post" action={ (base) "/move" } novalidate {
                        input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                        (form::text_field(TextField { required: true, lang, name: "starts", label_key: "field-starts", hint_key: Some("admin-summit-zone-hint"),
                            value: &starts, input_type: "datetime-local", autocomplete: "off", max_length: 20, errors: p.errors }))
                        (form::text_field(TextField { required: true, lang, name: "ends", label_key: "field-ends", hint_key: None,
                            value: &ends, input_type: "datetime-local", autocomplete: "off", max_length: 20, errors: p.errors }))
                        button type="submit" class="button" { (t(lang, "admin-summit-move-button")) }
                    }
                }
                section aria-labelledby="cancel" {
                    h2 id="cancel" { (t(lang, "admin-summit-cancel")) }
                    p { (t(lang, "admin-summit-cancel-text")) }
                    (button(format!("{base}/cancel"), t(lang, "admin-summit-cancel"), "danger"))
                }
            }
            section aria-labelledby="attendance" {
                h2 id="attendance" { (t(lang, "admin-summit-attendance")) }
                p role="status" { (t_with(lang, "admin-summit-attendance-counts", &[("seats", &seated.to_string()), ("waiting", &(p.people.len() - seated).to_string())])) }
                div class="table-wrap" role="region" aria-labelledby="attendance" tabindex="0" {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "field-name")) }
                            th scope="col" { (t(lang, "field-email")) }
                            th scope="col" { (t(lang, "field-status")) }
                            th scope="col" { (t(lang, "admin-check-in")) }
                        } }
                        tbody {
                            @for (c, r) in p.people {
                                tr {
                                    td { (r.full_name) }
                                    td { (r.email) }
                                    td {
                                        @if c.status == ChoiceStatus::Chosen { (t(lang, "summit-status-chosen")) }
                                        @else { (t_with(lang, "summit-status-waitlisted", &[("position", &c.waitlist_position.unwrap_or_default().to_string())])) }
                                    }
                                    td {
                                        @if c.status == ChoiceStatus::Chosen {
                                            @if let Some(at) = c.checked_in_at {
                                                (t_with(lang, "admin-checked-in", &[("time", &mailer::dates::event_moment(lang, e, at))])) " "
                                                (button(format!("{base}/choices/{}/undo", c.id), t(lang, "admin-undo-check-in"), "secondary"))
                                            } @else {
                                                (button(format!("{base}/choices/{}/check-in", c.id), format!("{} — {}", t(lang, "admin-check-in"), r.full_name), ""))
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
