//! Public event pages: the list, one event with its register form, a registration.

use domain::{
    Language,
    entities::{chapter, event, registration},
    events::{Format, Refusal, RegistrationStatus},
};
use mailer::{
    Brand,
    calendar::zone as calendar_zone,
    dates,
    i18n::{t, t_count, t_with},
};
use maud::{Markup, PreEscaped, html};

use super::{
    form::{self, FieldErrors, TextField, field_id},
    layout::{Shell, page},
    shown::shown_lang,
};

pub fn format_name(lang: Language, format: &str) -> String {
    match Format::parse(format) {
        Some(f) => t(lang, &format!("format-{}", f.as_str())),
        None => format.to_owned(),
    }
}

fn seats(lang: Language, e: &event::Model) -> String {
    match (e.seats_left(), e.waitlist_enabled) {
        (None, _) => t(lang, "event-unlimited"),
        (Some(0), true) => t(lang, "event-waitlist-open"),
        (Some(0), false) => t(lang, "event-full"),
        (Some(n), _) => t_count(lang, "event-seats-left", i64::from(n), &[]),
    }
}

pub struct ListPage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub events: &'a [event::Model],
    pub chapters: &'a [chapter::Model],
    pub chapter: &'a str,
    pub format: &'a str,
}

pub fn list(p: &ListPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "events-title");
    let any = t(lang, "events-filter-any");
    page(
        &Shell {
            lang,
            title: &title,
            path: "/events",
            brand: p.brand,
        },
        html! {
            h1 { (title) }
            form method="get" action={ "/" (lang.code()) "/events" } class="filters" {
                div class="field" {
                    label for="f-chapter" { (t(lang, "events-filter-chapter")) }
                    select id="f-chapter" name="chapter" {
                        option value="" { (any) }
                        @for c in p.chapters { option value=(c.slug) selected[c.slug == p.chapter] lang=[shown_lang(&c.name, lang)] { (c.name(lang)) } }
                    }
                }
                div class="field" {
                    label for="f-format" { (t(lang, "events-filter-format")) }
                    select id="f-format" name="format" {
                        option value="" { (any) }
                        @for f in ["in-person", "online", "hybrid"] { option value=(f) selected[f == p.format] { (format_name(lang, f)) } }
                    }
                }
                button type="submit" class="button" { (t(lang, "events-filter-submit")) }
            }
            @if p.events.is_empty() {
                p { (t(lang, "events-none")) }
            } @else {
                ul class="cards" {
                    @for e in p.events { (card(lang, e, 2)) }
                }
            }
        },
    )
}

/// One event in a list of cards: its title (a heading of `level`), when, format and seats.
pub fn card(lang: Language, e: &event::Model, level: u8) -> Markup {
    let link = html! { a href={ "/" (lang.code()) "/events/" (e.slug) } lang=[shown_lang(&e.title, lang)] { (e.title(lang)) } };
    html! {
        li class="card" {
            @if level == 2 { h2 { (link) } } @else { h3 { (link) } }
            p { (dates::event_span(lang, e)) }
            p { (format_name(lang, e.format.as_str())) " · " (seats(lang, e)) }
        }
    }
}

/// The register form's values, as typed.
#[derive(Clone, Debug, Default)]
pub struct RegisterValues {
    pub full_name: String,
    pub email: String,
    pub sign_language: String,
    pub captions: bool,
    pub interpretation: Vec<String>,
    pub mobility: bool,
    pub dietary: String,
    pub accessibility_needs: String,
}

pub struct EventPage<'a> {
    /// A signed-in member registers in one click, as themself.
    pub member: Option<&'a domain::entities::member::Model>,
    pub lang: Language,
    pub brand: &'a Brand,
    pub event: &'a event::Model,
    pub refusal: Option<Refusal>,
    pub values: &'a RegisterValues,
    pub errors: &'a FieldErrors,
    pub csrf: &'a str,
    pub stamp: &'a str,
    /// The event has a programme of sessions (a summit): link to it.
    pub programme: bool,
}

pub fn detail(p: &EventPage<'_>) -> Markup {
    let lang = p.lang;
    let e = p.event;
    let title = e.title(lang).to_owned();
    let description = mailer::markdown::to_html(e.description(lang));
    let place = [e.venue.as_deref(), e.address.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let errors = p.errors;
    page(
        &Shell {
            lang,
            title: &title,
            path: &format!("/events/{}", e.slug),
            brand: p.brand,
        },
        html! {
            (form::error_summary(lang, errors))
            h1 lang=[shown_lang(&e.title, lang)] { (title) }
            dl class="facts" {
                div { dt { (t(lang, "event-when")) } dd { (dates::event_span(lang, e)) } }
                @if !place.is_empty() { div { dt { (t(lang, "event-where")) } dd { (place) } } }
                div { dt { (t(lang, "event-format")) } dd { (format_name(lang, e.format.as_str())) } }
            }
            p class="hint" { (t_with(lang, "event-time-zone", &[("zone", &dates::zone(lang, calendar_zone(e), e.starts_at))])) }
            div class="description" lang=[shown_lang(&e.description, lang)] { (PreEscaped(description)) }
            @if p.programme {
                p { a class="button" href={ "/" (lang.code()) "/events/" (e.slug) "/programme" } { (t(lang, "summit-programme-link")) } }
            }
            section aria-labelledby="register" {
                h2 id="register" { (t(lang, "event-register-title")) }
                p role="status" { (seats(lang, e)) }
                @match p.refusal {
                    Some(Refusal::EventCancelled) => p class="notice" { (t(lang, "event-cancelled")) },
                    Some(Refusal::NotOpenYet { opens_at }) => p class="notice" {
                        (t_with(lang, "event-not-open", &[("date", &dates::event_moment(lang, e, opens_at))]))
                    },
                    Some(Refusal::Closed | Refusal::Full | Refusal::NotPublished) => p class="notice" { (t(lang, "event-closed")) },
                    None => (register_form(p)),
                }
            }
        },
    )
}

fn register_form(p: &EventPage<'_>) -> Markup {
    let lang = p.lang;
    let v = p.values;
    let errors = p.errors;
    let (other_error, other_described) = form::error_of(lang, errors, "accessibility_needs");
    html! {
        @if let Some(member) = p.member {
            p { (t_with(lang, "event-register-as", &[("name", &member.full_name), ("email", &member.email)])) }
        } @else {
            p { (t(lang, "event-register-intro")) }
        }
        form method="post" action={ "/" (lang.code()) "/events/" (p.event.slug) @if p.member.is_some() { "/register-member" } @else { "/register" } } novalidate {
            @if p.member.is_some() {
                input type="hidden" name="csrf_token" value=(p.csrf);
            } @else {
                (form::protection(lang, p.csrf, p.stamp))
                (form::text_field(TextField { required: true, lang, name: "full_name", label_key: "field-full-name", hint_key: None,
                    value: &v.full_name, input_type: "text", autocomplete: "name", max_length: 100, errors }))
                (form::text_field(TextField { required: true, lang, name: "email", label_key: "field-email", hint_key: None,
                    value: &v.email, input_type: "email", autocomplete: "email", max_length: 254, errors }))
            }
            fieldset class="field" {
                legend { (t(lang, "accommodations-title")) " " span class="optional" { "(" (t(lang, "optional")) ")" } }
                p class="hint" { (t(lang, "accommodations-intro")) }
                div class="field" {
                    label for=(field_id("sign_language")) { (t(lang, "field-sign-language")) }
                    select id=(field_id("sign_language")) name="sign_language" {
                        @for (value, key) in [("none", "sign-language-none"), ("asl", "sign-language-asl"), ("lsq", "sign-language-lsq")] {
                            option value=(value) selected[v.sign_language == value] { (t(lang, key)) }
                        }
                    }
                }
                div class="choice" {
                    input type="checkbox" id=(field_id("captions")) name="captions" value="yes" checked[v.captions];
                    label for=(field_id("captions")) { (t(lang, "field-captions")) }
                }
                fieldset class="field" {
                    legend { (t(lang, "field-interpretation")) }
                    @for l in Language::ALL {
                        div class="choice" {
                            input type="checkbox" id={ "interpretation-" (l.code()) } name="interpretation" value=(l.code())
                                checked[v.interpretation.iter().any(|i| i == l.code())];
                            label for={ "interpretation-" (l.code()) } { (t(lang, &format!("language-name-{}", l.code()))) }
                        }
                    }
                }
                div class="choice" {
                    input type="checkbox" id=(field_id("mobility")) name="mobility" value="yes" checked[v.mobility];
                    label for=(field_id("mobility")) { (t(lang, "field-mobility")) }
                }
                (form::text_field(TextField { required: false, lang, name: "dietary", label_key: "field-dietary", hint_key: None,
                    value: &v.dietary, input_type: "text", autocomplete: "off", max_length: 1000, errors }))
                div class={ "field" @if other_described.is_some() { " field-error" } } {
                    label for=(field_id("accessibility_needs")) { (t(lang, "field-other-needs")) }
                    (other_error)
                    textarea id=(field_id("accessibility_needs")) name="accessibility_needs" rows="3" maxlength="1000" aria-describedby=[other_described] { (v.accessibility_needs) }
                }
            }
            button type="submit" class="button" { (t(lang, "event-register-submit")) }
        }
    }
}

pub fn registration_sent(lang: Language, brand: &Brand, slug: &str) -> Markup {
    super::message::message(
        lang,
        brand,
        &format!("/events/{slug}/registered"),
        "registration-sent-title",
        &["registration-sent-text"],
        html! {},
    )
}

pub struct RegistrationPage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub event: &'a event::Model,
    pub registration: &'a registration::Model,
    pub token: &'a str,
    pub full: bool,
    pub csrf: &'a str,
    /// The summit's sessions to choose from, for a seat in an event with a programme.
    pub sessions: Option<Markup>,
}

pub fn registration(p: &RegistrationPage<'_>) -> Markup {
    let lang = p.lang;
    let e = p.event;
    let r = p.registration;
    let title = t(lang, "registration-title");
    let base = format!("/{}/registrations/{}", lang.code(), p.token);
    let status = r.status;
    page(
        &Shell {
            lang,
            title: &title,
            path: &format!("/registrations/{}", p.token),
            brand: p.brand,
        },
        html! {
            h1 { (title) }
            dl class="facts" {
                div { dt { (t(lang, "registration-event")) } dd { a href={ "/" (lang.code()) "/events/" (e.slug) } lang=[shown_lang(&e.title, lang)] { (e.title(lang)) } } }
                div { dt { (t(lang, "event-when")) } dd { (dates::event_span(lang, e)) } }
                div { dt { (t(lang, "registration-status")) } dd id="status" {
                    @match status {
                        RegistrationStatus::Confirmed => (t(lang, "registration-status-confirmed")),
                        RegistrationStatus::Waitlisted => (t_with(lang, "registration-status-waitlisted", &[("position", &r.waitlist_position.unwrap_or_default().to_string())])),
                        RegistrationStatus::Cancelled => (t(lang, "registration-status-cancelled")),
                        RegistrationStatus::Pending => (t(lang, "registration-status-pending")),
                    }
                } }
            }
            @match status {
                RegistrationStatus::Pending => {
                    @if p.full {
                        p class="notice" { (t(lang, "registration-full")) }
                    } @else {
                        p { (t(lang, "registration-confirm-text")) }
                        (form::button_form(&format!("{base}/confirm"), p.csrf, &t(lang, "registration-confirm-button")))
                    }
                }
                RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted => {
                    @if status == RegistrationStatus::Confirmed {
                        @if let Some(link) = &e.online_link { p { a class="button" href=(link) { (t(lang, "registration-online-link")) } } }
                        // Only a seat goes in a calendar: the `.ics` answers 404 to the rest.
                        p { a href={ (base) "/event.ics" } { (t(lang, "registration-calendar")) } }
                        @if let Some(sessions) = &p.sessions { (sessions) }
                    }
                    section aria-labelledby="cancel" {
                        h2 id="cancel" { (t(lang, "registration-cancel-title")) }
                        p { (t(lang, "registration-cancel-text")) }
                        form method="post" action={ (base) "/cancel" } class="button-form" {
                            input type="hidden" name="csrf_token" value=(p.csrf);
                            button type="submit" class="button danger" { (t(lang, "registration-cancel-button")) }
                        }
                    }
                }
                RegistrationStatus::Cancelled => {}
            }
        },
    )
}
