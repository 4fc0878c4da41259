//! The Expert Network in the back office: the review queue, the profiles with their contact
//! counts, the abuse reports, one submission with the decision form, and the dashboard's
//! section. Never a message's text, nor a sender.

use std::collections::HashMap;

use domain::{
    Language,
    entities::chapter,
    experts::{Content, Counts, QueueEntry, Report, Status, Visibility, is_listed},
};
use mailer::i18n::{t, t_count, t_with};
use maud::{Markup, html};

use super::{
    labels::chapter_label,
    layout::{Viewer, layout},
};
use crate::views::{
    experts::{TextArea, content_facts, text_area},
    form::{self, FieldErrors},
};

fn status_name(lang: Language, status: Status) -> String {
    t(lang, &format!("expert-status-{}", status.as_str()))
}

fn name_of(entry: &QueueEntry) -> String {
    Content::latest(&entry.profile).display_name
}

pub struct ExpertsPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub chapters: &'a [chapter::Model],
    pub queue: &'a [QueueEntry],
    pub profiles: &'a [QueueEntry],
    pub counts: &'a HashMap<i64, Counts>,
    pub reports: &'a [Report],
    pub unblocked: bool,
}

pub fn experts_page(p: &ExpertsPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "admin-experts-title");
    layout(
        lang,
        &title,
        Some(p.viewer),
        "/admin/experts",
        html! {
            h1 { (title) }
            @if p.unblocked { p class="notice" role="status" { (t(lang, "admin-experts-unblocked")) } }
            p { (t(lang, "admin-experts-intro")) }
            section aria-labelledby="queue-title" {
                h2 id="queue-title" { (t_count(lang, "admin-experts-queue", p.queue.len() as i64, &[])) }
                @if p.queue.is_empty() {
                    p { (t(lang, "admin-experts-queue-empty")) }
                } @else {
                    div class="table-wrap" role="region" aria-labelledby="queue-title" tabindex="0" {
                        table {
                            thead { tr {
                                th scope="col" { (t(lang, "expert-field-name")) }
                                th scope="col" { (t(lang, "field-chapter")) }
                                th scope="col" { (t(lang, "admin-experts-submitted")) }
                                th scope="col" { (t(lang, "admin-experts-kind")) }
                            } }
                            tbody {
                                @for e in p.queue {
                                    tr {
                                        td { a href={ "/admin/experts/" (e.profile.id) } { (name_of(e)) } }
                                        td { (chapter_label(p.chapters, e.member.chapter_id, lang)) }
                                        td { (mailer::dates::network_moment(lang, e.profile.submitted_at)) }
                                        td { (t(lang, if e.profile.published_at.is_some() { "admin-experts-kind-change" } else { "admin-experts-kind-new" })) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="profiles-title" {
                h2 id="profiles-title" { (t(lang, "admin-experts-profiles")) }
                @if p.profiles.is_empty() {
                    p { (t(lang, "admin-experts-profiles-empty")) }
                } @else {
                    div class="table-wrap" role="region" aria-labelledby="profiles-title" tabindex="0" {
                        table {
                            thead { tr {
                                th scope="col" { (t(lang, "expert-field-name")) }
                                th scope="col" { (t(lang, "field-chapter")) }
                                th scope="col" { (t(lang, "field-status")) }
                                th scope="col" class="number" { (t(lang, "admin-experts-recent")) }
                                th scope="col" class="number" { (t(lang, "admin-experts-total")) }
                                th scope="col" class="number" { (t(lang, "admin-experts-reported")) }
                            } }
                            tbody {
                                @for e in p.profiles {
                                    @let c = p.counts.get(&e.profile.id).copied().unwrap_or_default();
                                    tr {
                                        td { a href={ "/admin/experts/" (e.profile.id) } { (name_of(e)) } }
                                        td { (chapter_label(p.chapters, e.member.chapter_id, lang)) }
                                        td {
                                            (status_name(lang, e.profile.status))
                                            @if is_listed(&e.profile) { " · " (t(lang, "admin-experts-listed")) }
                                            @if e.profile.contact_paused { " · " (t(lang, "admin-experts-paused")) }
                                        }
                                        td class="number" { (c.recent) }
                                        td class="number" { (c.total) }
                                        td class="number" { (c.reported) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="reports-title" {
                h2 id="reports-title" { (t(lang, "admin-experts-reports")) }
                p { (t(lang, "admin-experts-reports-intro")) }
                @if p.reports.is_empty() {
                    p { (t(lang, "admin-experts-reports-empty")) }
                } @else {
                    div class="table-wrap" role="region" aria-labelledby="reports-title" tabindex="0" {
                        table {
                            thead { tr {
                                th scope="col" { (t(lang, "admin-experts-reported-at")) }
                                th scope="col" { (t(lang, "admin-experts-expert")) }
                                th scope="col" { (t(lang, "field-chapter")) }
                                th scope="col" { (t(lang, "admin-experts-sender")) }
                            } }
                            tbody {
                                @for r in p.reports {
                                    tr {
                                        td { (mailer::dates::network_moment(lang, r.reported_at)) }
                                        td { a href={ "/admin/experts/" (r.profile.id) } { (r.profile.display_name) } }
                                        td { (chapter_label(p.chapters, r.member.chapter_id, lang)) }
                                        td { (sender_cell(lang, p.viewer, r)) }
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

/// A reported sender's standing, and for an admin the button that lifts the block.
fn sender_cell(lang: Language, viewer: &Viewer<'_>, r: &Report) -> Markup {
    match &r.sender {
        Some(sender) if sender.blocked_at.is_some() => html! {
            (t_with(lang, "admin-experts-sender-blocked", &[("id", &sender.id.to_string())]))
            @if viewer.is_admin {
                form method="post" action={ "/admin/experts/senders/" (sender.id) "/unblock" } class="inline-form" {
                    input type="hidden" name="csrf_token" value=(viewer.csrf);
                    button type="submit" class="button secondary" { (t(lang, "admin-experts-unblock")) }
                }
            }
        },
        Some(sender) => {
            html! { (t_with(lang, "admin-experts-sender-unblocked", &[("id", &sender.id.to_string())])) }
        }
        None => html! { "—" },
    }
}

pub struct ReviewPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub entry: &'a QueueEntry,
    pub chapter: Option<&'a chapter::Model>,
    pub counts: Counts,
    pub decision: &'a str,
    pub note: &'a str,
    pub errors: &'a FieldErrors,
    /// A notice to show at the top (a locale key).
    pub notice: Option<&'static str>,
}

pub fn review_page(p: &ReviewPage<'_>) -> Markup {
    let lang = p.lang;
    let profile = &p.entry.profile;
    let latest = Content::latest(profile);
    let published = Content::published(profile);
    let visibility = Visibility::of(profile);
    let waiting = profile.draft.is_some();
    let title = latest.display_name.clone();
    let (decision_error, decision_described) = form::error_of(lang, p.errors, "decision");
    layout(
        lang,
        &title,
        Some(p.viewer),
        &format!("/admin/experts/{}", profile.id),
        html! {
            (form::error_summary(lang, p.errors))
            p { a href="/admin/experts" { (t(lang, "admin-experts-back")) } }
            h1 { (title) }
            @if let Some(key) = p.notice { p class="notice" role="status" { (t(lang, key)) } }
            dl class="facts" {
                div { dt { (t(lang, "field-status")) } dd {
                    (status_name(lang, profile.status))
                    @if is_listed(profile) { " · " (t(lang, "admin-experts-listed")) }
                } }
                div { dt { (t(lang, "admin-experts-submitted")) } dd { (mailer::dates::network_moment(lang, profile.submitted_at)) } }
                div { dt { (t(lang, "admin-experts-recent")) } dd { (p.counts.recent) } }
                div { dt { (t(lang, "admin-experts-total")) } dd { (p.counts.total) } }
                div { dt { (t(lang, "admin-experts-reported")) } dd { (p.counts.reported) } }
            }
            @if !profile.review_note.is_empty() {
                p { (t(lang, "admin-experts-last-note")) }
                blockquote { p class="preview-text" { (profile.review_note) } }
            }
            section aria-labelledby="submitted-title" {
                h2 id="submitted-title" { (t(lang, if waiting { "admin-experts-submitted-version" } else { "admin-experts-listed-version" })) }
                (content_facts(lang, &latest, &visibility, p.chapter))
            }
            @if waiting && profile.published_at.is_some() && published != latest {
                section aria-labelledby="published-title" {
                    h2 id="published-title" { (t(lang, "admin-experts-listed-version")) }
                    (content_facts(lang, &published, &visibility, p.chapter))
                }
            }
            section aria-labelledby="decide-title" {
                h2 id="decide-title" { (t(lang, "admin-experts-decide")) }
                form method="post" action={ "/admin/experts/" (profile.id) "/review" } novalidate {
                    input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                    input type="hidden" name="revision" value=(profile.revision);
                    fieldset id=(form::field_id("decision")) tabindex="-1" class={ "field" @if decision_described.is_some() { " field-error" } } aria-describedby=[decision_described] {
                        legend { (t(lang, "admin-experts-decision")) }
                        (decision_error)
                        @for choice in decisions(profile.status) {
                            div class="choice" {
                                input type="radio" id={ "decision-" (choice) } name="decision" value=(choice) checked[p.decision == *choice];
                                label for={ "decision-" (choice) } { (t(lang, &format!("admin-experts-decision-{choice}"))) }
                            }
                        }
                    }
                    (text_area(TextArea { lang, name: "note", label: t(lang, "admin-experts-note"), hint: Some(t(lang, "admin-experts-note-hint")),
                        value: p.note, max_length: NOTE_MAX_CHARS, rows: 4, errors: p.errors, required: false, text_lang: None }))
                    button type="submit" class="button" { (t(lang, "admin-experts-decide-submit")) }
                }
            }
        },
    )
}

/// The decisions open on a profile: one with nothing waiting can only be hidden.
pub fn decisions(status: Status) -> &'static [&'static str] {
    if status == Status::Approved {
        &["hide"]
    } else {
        &["approve", "return", "hide"]
    }
}

/// Longest note an organizer may write, in characters.
pub const NOTE_MAX_CHARS: usize = 1000;

/// The dashboard's section: how many submissions wait in the organizer's chapters.
pub fn dashboard_queue(lang: Language, waiting: u64) -> Markup {
    html! {
        section aria-labelledby="experts-queue" {
            h2 id="experts-queue" { (t(lang, "admin-experts-title")) }
            p {
                (t_count(lang, "admin-experts-waiting", i64::try_from(waiting).unwrap_or(i64::MAX), &[]))
                " " a href="/admin/experts" { (t(lang, "admin-experts-open")) }
            }
        }
    }
}
