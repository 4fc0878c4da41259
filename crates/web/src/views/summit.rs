//! The Digital Summit's public pages: an event's programme by day and track (filtered by track
//! and language spoken, what is full said), and the sessions part of a registration's page
//! (choose, give up, the agenda, and the livestream link for a seat only).

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::{
    Language,
    entities::{event, event_session, session_choice},
    summit::ChoiceStatus,
};
use mailer::{
    Brand,
    calendar::zone,
    dates,
    i18n::{t, t_count, t_with},
};
use maud::{Markup, PreEscaped, html};

use super::{
    events::format_name,
    form,
    layout::{Shell, page},
    shown::shown_lang,
};

/// One track's sessions of one day.
pub type Track<'a> = (&'a str, Vec<&'a event_session::Model>);
/// One day's tracks.
pub type Day<'a> = (NaiveDate, Vec<Track<'a>>);

/// The sessions of a programme grouped by day (in the event's zone), then by track, both in
/// order of first appearance (the sessions come in time order).
pub fn by_day_and_track<'a>(
    event: &event::Model,
    sessions: &'a [event_session::Model],
) -> Vec<Day<'a>> {
    let tz = zone(event);
    let mut days: Vec<Day<'a>> = Vec::new();
    for s in sessions {
        let day = s.starts_at.with_timezone(&tz).date_naive();
        if days.last().is_none_or(|(d, _)| *d != day) {
            days.push((day, Vec::new()));
        }
        let Some((_, tracks)) = days.last_mut() else {
            continue;
        };
        match tracks
            .iter_mut()
            .find(|(name, _)| *name == s.track.as_str())
        {
            Some((_, list)) => list.push(s),
            None => tracks.push((s.track.as_str(), vec![s])),
        }
    }
    for (_, tracks) in &mut days {
        tracks.sort_by(|a, b| a.0.cmp(b.0));
    }
    days
}

pub fn track_name(lang: Language, track: &str) -> String {
    if track.is_empty() {
        t(lang, "summit-main-track")
    } else {
        track.to_owned()
    }
}

/// From its start to its end, in the event's zone, in words.
pub fn session_when(lang: Language, event: &event::Model, s: &event_session::Model) -> String {
    dates::span(lang, s.starts_at, s.ends_at, zone(event))
}

fn seats(lang: Language, s: &event_session::Model) -> Option<String> {
    if s.is_cancelled() {
        return Some(t(lang, "summit-cancelled"));
    }
    match s.seats_left() {
        None => None,
        Some(0) => Some(t(lang, "summit-full")),
        Some(n) => Some(t_count(lang, "summit-seats-left", i64::from(n), &[])),
    }
}

/// What the public may know of a session: never its livestream link.
fn session_facts(
    lang: Language,
    event: &event::Model,
    s: &event_session::Model,
    experts: &HashMap<i64, String>,
) -> Markup {
    let spoken = s.spoken();
    let speakers = s.speakers();
    html! {
        p class="when" { (session_when(lang, event, s)) }
        dl class="facts" {
            div { dt { (t(lang, "summit-format")) } dd { (format_name(lang, s.format.as_str())) } }
            @if let Some(room) = &s.room { div { dt { (t(lang, "summit-room")) } dd { (room) } } }
            @if !spoken.is_empty() {
                div { dt { (t(lang, "summit-languages")) } dd {
                    (spoken.iter().map(|l| t(lang, &format!("language-name-{}", l.code()))).collect::<Vec<_>>().join(", "))
                    @if s.interpretation { " — " (t(lang, "summit-interpretation")) }
                } }
            }
            @if !speakers.is_empty() {
                div { dt { (t(lang, "summit-speakers")) } dd {
                    @for (i, sp) in speakers.iter().enumerate() {
                        @if i > 0 { ", " }
                        @match sp.expert_id.and_then(|id| experts.get(&id)) {
                            Some(slug) => a href={ "/" (lang.code()) "/experts/" (slug) } { (sp.name) },
                            None => (sp.name),
                        }
                    }
                } }
            }
            @if let Some(seats) = seats(lang, s) { div { dt { (t(lang, "summit-seats")) } dd class="seats" { (seats) } } }
        }
    }
}

pub struct ProgrammePage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub event: &'a event::Model,
    /// The sessions shown (already filtered), in time order.
    pub sessions: &'a [event_session::Model],
    /// Every track of the programme, for the filter.
    pub tracks: &'a [String],
    pub track: &'a str,
    pub language: &'a str,
    pub experts: &'a HashMap<i64, String>,
    /// A signed-in member's own choices, when they hold a seat in the event.
    pub mine: Option<Markup>,
}

pub fn programme(p: &ProgrammePage<'_>) -> Markup {
    let lang = p.lang;
    let e = p.event;
    let title = t_with(lang, "summit-programme-title", &[("event", e.title(lang))]);
    let path = format!("/events/{}/programme", e.slug);
    page(
        &Shell {
            lang,
            title: &title,
            path: &path,
            brand: p.brand,
        },
        html! {
            h1 { (t(lang, "summit-programme")) ": " span lang=[shown_lang(&e.title, lang)] { (e.title(lang)) } }
            p { a href={ "/" (lang.code()) "/events/" (e.slug) } { (t(lang, "summit-back-to-event")) } }
            @if let Some(mine) = &p.mine {
                (mine)
                h2 { (t(lang, "summit-whole-programme")) }
            } @else {
                p class="hint" { (t(lang, "summit-choose-hint")) }
            }
            form method="get" action={ "/" (lang.code()) (path) } class="filters" {
                div class="field" {
                    label for="field-track" { (t(lang, "summit-filter-track")) }
                    select id="field-track" name="track" {
                        option value="" selected[p.track.is_empty()] { (t(lang, "summit-filter-any")) }
                        @for track in p.tracks {
                            option value=(track) selected[track == p.track] { (track_name(lang, track)) }
                        }
                    }
                }
                div class="field" {
                    label for="field-language" { (t(lang, "summit-filter-language")) }
                    select id="field-language" name="language" {
                        option value="" selected[p.language.is_empty()] { (t(lang, "summit-filter-any")) }
                        @for l in Language::ALL {
                            option value=(l.code()) selected[l.code() == p.language] { (t(lang, &format!("language-name-{}", l.code()))) }
                        }
                    }
                }
                button type="submit" class="button" { (t(lang, "summit-filter-apply")) }
            }
            @if p.sessions.is_empty() {
                p { (t(lang, "summit-none")) }
            }
            @for (day, tracks) in by_day_and_track(e, p.sessions) {
                section class="day" {
                    h2 { (dates::day(lang, day)) }
                    @for (track, sessions) in tracks {
                        section class="track" {
                            h3 { (track_name(lang, track)) }
                            @for s in sessions {
                                article class={ "session" @if s.is_cancelled() { " cancelled" } } id={ "session-" (s.id) } {
                                    h4 lang=[shown_lang(&s.title, lang)] { (s.title(lang)) }
                                    (session_facts(lang, e, s, p.experts))
                                    @if !s.description(lang).is_empty() {
                                        div class="description" lang=[shown_lang(&s.description, lang)] {
                                            (PreEscaped(mailer::markdown::to_html(s.description(lang))))
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

/// The sessions part of a confirmed registration's page.
pub struct SessionsPart<'a> {
    pub lang: Language,
    pub event: &'a event::Model,
    pub sessions: &'a [event_session::Model],
    pub choices: &'a [session_choice::Model],
    /// Where the forms post: `/{lang}/registrations/{token}` or the member's event path.
    pub base: &'a str,
    pub csrf: &'a str,
    /// A refusal to show above the list, already in words.
    pub problem: Option<&'a str>,
    pub experts: &'a HashMap<i64, String>,
    /// The agenda's download address, when there is a file to download.
    pub agenda: Option<&'a str>,
}

pub fn sessions_part(p: &SessionsPart<'_>) -> Markup {
    let lang = p.lang;
    let choice_of = |id: i64| {
        p.choices
            .iter()
            .find(|c| c.session_id == id && c.status != ChoiceStatus::Cancelled)
    };
    html! {
        section aria-labelledby="sessions" id="programme" {
            h2 id="sessions" { (t(lang, "summit-your-sessions")) }
            @if let Some(problem) = p.problem {
                // Focused on load, as every error summary is, so a keyboard or screen reader
                // user lands on the refusal rather than at the top of a long page.
                div class="error-summary" role="alert" id="choice-problem" tabindex="-1" autofocus { p { (problem) } }
            }
            @if let Some(agenda) = p.agenda {
                p { a href=(agenda) { (t(lang, "summit-agenda")) } }
            }
            @for (day, tracks) in by_day_and_track(p.event, p.sessions) {
                h3 { (dates::day(lang, day)) }
                @for (track, sessions) in tracks {
                    h4 { (track_name(lang, track)) }
                    @for s in sessions {
                        @let choice = choice_of(s.id);
                        @if !s.is_cancelled() || choice.is_some() {
                            article class="session" id={ "session-" (s.id) } {
                                h5 lang=[shown_lang(&s.title, lang)] { (s.title(lang)) }
                                (session_facts(lang, p.event, s, p.experts))
                                @match choice {
                                    // A seat in a cancelled session holds nothing: say so, not "you have a seat".
                                    Some(_) if s.is_cancelled() => {
                                        p class="choice-status" { (t(lang, "summit-status-session-cancelled")) }
                                    }
                                    Some(c) if c.status == ChoiceStatus::Chosen => {
                                        p class="choice-status" { (t(lang, "summit-status-chosen")) }
                                        // The livestream is for seats only, the compiler-checked status above.
                                        @if !s.is_cancelled() && s.is_streamed() {
                                            @if let Some(link) = &s.livestream_url {
                                                p { a class="button livestream" href=(link) { (t(lang, "summit-livestream")) } }
                                            }
                                        }
                                    }
                                    Some(c) => {
                                        p class="choice-status" { (t_with(lang, "summit-status-waitlisted", &[("position", &c.waitlist_position.unwrap_or_default().to_string())])) }
                                    }
                                    None => {}
                                }
                                @if !s.is_cancelled() {
                                    @if choice.is_some() {
                                        (form::button_form(&format!("{}/sessions/{}/unchoose", p.base, s.id), p.csrf, &t(lang, "summit-unchoose")))
                                    } @else {
                                        (form::button_form(&format!("{}/sessions/{}/choose", p.base, s.id), p.csrf, &t(lang, "summit-choose")))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
