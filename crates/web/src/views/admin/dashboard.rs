//! The dashboard: figures for the organizer's chapters, and four charts to look at rather than
//! read (sign-ups per week by chapter, members over time, the fill of upcoming events,
//! newsletter sends), each with its figures in a table beside it.

use domain::{
    Language,
    entities::chapter,
    stats::{
        Dashboard,
        charts::{EventFill, NewsletterSends, Weekly},
    },
};
use mailer::{
    dates,
    figures::{number, short_day},
    i18n::{t, t_count, t_with},
};
use maud::{Markup, html};

use super::{
    charts::{self, Columns, Frame, Line, Row, Rows},
    labels::status_name,
    layout::{Viewer, layout},
};
use crate::views::shown::shown_lang;

pub fn dashboard(
    lang: Language,
    viewer: &Viewer<'_>,
    chapters: &[chapter::Model],
    d: &Dashboard,
    // The Expert Network's review queue (`views::admin::experts::dashboard_queue`).
    experts_queue: Markup,
) -> Markup {
    let title = t(lang, "dashboard-title");
    let statuses = ["pending", "active", "unsubscribed"];
    let shown: Vec<&chapter::Model> = chapters
        .iter()
        .filter(|c| d.by_chapter_status.iter().any(|row| row.chapter_id == c.id))
        .collect();
    let count = |chapter: i64, status: &str| {
        d.by_chapter_status
            .iter()
            .find(|row| row.chapter_id == chapter && row.status == status)
            .map_or(0, |row| row.count)
    };
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin",
        html! {
            h1 { (title) }
            (experts_queue)
            section aria-labelledby="by-chapter" {
                h2 id="by-chapter" { (t(lang, "dashboard-members")) }
                div class="table-wrap" role="region" aria-labelledby="by-chapter" tabindex="0" {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "dashboard-chapter")) }
                            @for status in statuses { th scope="col" class="number" { (status_name(lang, status)) } }
                            th scope="col" class="number" { (t(lang, "dashboard-total")) }
                        } }
                        tbody {
                            @for chapter in &shown {
                                tr {
                                    th scope="row" lang=[shown_lang(&chapter.name, lang)] { (chapter.name(lang)) }
                                    @for status in statuses { td class="number" { (number(lang, count(chapter.id, status))) } }
                                    // Unsubscribed members are active members too: not added twice.
                                    td class="number" { (number(lang, count(chapter.id, "pending") + count(chapter.id, "active"))) }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="figures" {
                h2 id="figures" class="visually-hidden" { (t(lang, "dashboard-mail")) }
                dl class="figures" {
                    div { dt { (t(lang, "dashboard-pending")) } dd { (number(lang, d.pending as i64)) } }
                    div { dt { (t(lang, "dashboard-mail-sent")) } dd { (number(lang, d.mail_sent as i64)) } }
                    div { dt { (t(lang, "dashboard-mail-failed")) } dd { (number(lang, d.mail_failed as i64)) } }
                    div { dt { (t(lang, "dashboard-mail-queued")) } dd { (number(lang, d.mail_queued as i64)) } }
                }
            }
            (signups(lang, chapters, &d.weekly))
            (members(lang, &d.weekly))
            (events(lang, &d.events))
            (newsletters(lang, &d.newsletters))
        },
    )
}

fn n(lang: Language, value: u64) -> String {
    number(lang, i64::try_from(value).unwrap_or(i64::MAX))
}

/// A section with a heading, a chart, and the chart's figures in a table that opens.
fn section(id: &str, heading: &str, lang: Language, chart: Markup, table: Markup) -> Markup {
    html! {
        section aria-labelledby=(id) {
            h2 id=(id) { (heading) }
            (chart)
            details {
                summary { (t(lang, "dashboard-table")) }
                div class="table-wrap" role="region" aria-labelledby=(id) tabindex="0" { (table) }
            }
        }
    }
}

/// Each week's label in full, and a short one on the axis every fourth week (and the last).
fn week_labels(lang: Language, weekly: &Weekly) -> Vec<(String, Option<String>)> {
    let last = weekly.weeks.len().saturating_sub(1);
    weekly
        .weeks
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let full = t_with(
                lang,
                "dashboard-week-of",
                &[("date", &dates::day(lang, *week))],
            );
            let tick = (last - i).is_multiple_of(4).then(|| short_day(lang, *week));
            (full, tick)
        })
        .collect()
}

fn chapter_name(lang: Language, chapters: &[chapter::Model], id: i64) -> String {
    chapters
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.name(lang).to_owned())
        .unwrap_or_default()
}

fn signups(lang: Language, chapters: &[chapter::Model], weekly: &Weekly) -> Markup {
    let heading = t(lang, "dashboard-signups-title");
    let series: Vec<(String, Vec<u64>)> = weekly
        .signups
        .iter()
        .map(|(id, counts)| (chapter_name(lang, chapters, *id), counts.clone()))
        .collect();
    let totals: Vec<u64> = (0..weekly.weeks.len())
        .map(|i| series.iter().map(|(_, v)| v[i]).sum())
        .collect();
    let total: u64 = totals.iter().sum();
    let weeks = weekly.weeks.len().to_string();
    let description = match totals.iter().enumerate().max_by_key(|(i, v)| (**v, *i)) {
        Some((busiest, most)) if total > 0 => t_count(
            lang,
            "dashboard-signups-desc",
            total as i64,
            &[
                ("total", &n(lang, total)),
                ("weeks", &weeks),
                ("busiest", &dates::day(lang, weekly.weeks[busiest])),
                ("most", &n(lang, *most)),
            ],
        ),
        _ => t_with(lang, "dashboard-signups-none", &[("weeks", &weeks)]),
    };
    let labels = week_labels(lang, weekly);
    let chart = charts::columns(&Columns {
        frame: Frame {
            id: "signups-chart",
            title: &heading,
            description: &description,
            lang,
        },
        labels: &labels,
        series: &series,
        value_title: &t(lang, "dashboard-axis-signups"),
        time_title: &t(lang, "dashboard-axis-week"),
    });
    let table = html! {
        table {
            thead { tr {
                th scope="col" { (t(lang, "dashboard-axis-week")) }
                @for (name, _) in &series { th scope="col" class="number" { (name) } }
                th scope="col" class="number" { (t(lang, "dashboard-total")) }
            } }
            tbody {
                @for (i, week) in weekly.weeks.iter().enumerate() {
                    tr {
                        th scope="row" { (dates::day(lang, *week)) }
                        @for (_, counts) in &series { td class="number" { (n(lang, counts[i])) } }
                        td class="number" { (n(lang, totals[i])) }
                    }
                }
            }
        }
    };
    section("signups", &heading, lang, chart, table)
}

fn members(lang: Language, weekly: &Weekly) -> Markup {
    let heading = t(lang, "dashboard-members-title");
    let now = weekly.members.last().copied().unwrap_or(0);
    let then = weekly.members.first().copied().unwrap_or(0);
    let description = t_with(
        lang,
        "dashboard-members-desc",
        &[
            ("now", &n(lang, now)),
            ("then", &n(lang, then)),
            ("weeks", &weekly.weeks.len().to_string()),
        ],
    );
    let labels = week_labels(lang, weekly);
    let chart = charts::line(&Line {
        frame: Frame {
            id: "members-chart",
            title: &heading,
            description: &description,
            lang,
        },
        labels: &labels,
        values: &weekly.members,
        value_title: &t(lang, "dashboard-axis-members"),
        time_title: &t(lang, "dashboard-axis-week"),
    });
    let table = html! {
        table {
            thead { tr {
                th scope="col" { (t(lang, "dashboard-axis-week")) }
                th scope="col" class="number" { (t(lang, "dashboard-members-at-end")) }
            } }
            tbody {
                @for (week, count) in weekly.weeks.iter().zip(&weekly.members) {
                    tr { th scope="row" { (dates::day(lang, *week)) } td class="number" { (n(lang, *count)) } }
                }
            }
        }
    };
    section("members-over-time", &heading, lang, chart, table)
}

fn events(lang: Language, events: &[EventFill]) -> Markup {
    let heading = t(lang, "dashboard-events-title");
    if events.is_empty() {
        return html! {
            section aria-labelledby="event-fill" {
                h2 id="event-fill" { (heading) }
                p { (t(lang, "dashboard-events-none")) }
            }
        };
    }
    let (confirmed, waitlisted) = (
        t(lang, "dashboard-confirmed"),
        t(lang, "dashboard-waitlisted"),
    );
    let rows: Vec<Row> = events
        .iter()
        .map(|e| {
            let seats = match e.capacity {
                Some(capacity) => t_with(
                    lang,
                    "dashboard-event-seats",
                    &[
                        ("confirmed", &n(lang, e.confirmed)),
                        ("capacity", &n(lang, capacity)),
                    ],
                ),
                None => t_with(
                    lang,
                    "dashboard-event-unlimited",
                    &[("confirmed", &n(lang, e.confirmed))],
                ),
            };
            let note = if e.waitlisted > 0 {
                let waiting = t_with(
                    lang,
                    "dashboard-event-waiting",
                    &[("waitlisted", &n(lang, e.waitlisted))],
                );
                format!("{seats} · {waiting}")
            } else {
                seats
            };
            Row {
                label: format!(
                    "{} ({})",
                    e.title.or_english(lang),
                    short_day(lang, e.starts_at.date_naive())
                ),
                segments: vec![
                    (e.confirmed, 1, confirmed.clone()),
                    (e.waitlisted, 3, waitlisted.clone()),
                ],
                marker: e.capacity,
                note,
            }
        })
        .collect();
    let description = t_count(lang, "dashboard-events-desc", events.len() as i64, &[]);
    let chart = charts::rows(&Rows {
        frame: Frame {
            id: "event-fill-chart",
            title: &heading,
            description: &description,
            lang,
        },
        rows: &rows,
        legend: &[(confirmed.clone(), 1), (waitlisted.clone(), 3)],
        own_scale: true,
    });
    let table = html! {
        table {
            thead { tr {
                th scope="col" { (t(lang, "dashboard-event")) }
                th scope="col" { (t(lang, "dashboard-date")) }
                th scope="col" class="number" { (confirmed) }
                th scope="col" class="number" { (waitlisted) }
                th scope="col" class="number" { (t(lang, "dashboard-capacity")) }
            } }
            tbody {
                @for e in events {
                    tr {
                        th scope="row" { a href={ "/admin/events/" (e.id) } lang=[shown_lang(&e.title, lang)] { (e.title.or_english(lang)) } }
                        td { (dates::network_day(lang, e.starts_at)) }
                        td class="number" { (n(lang, e.confirmed)) }
                        td class="number" { (n(lang, e.waitlisted)) }
                        td class="number" {
                            @match e.capacity { Some(c) => (n(lang, c)), None => (t(lang, "dashboard-unlimited")) }
                        }
                    }
                }
            }
        }
    };
    section("event-fill", &heading, lang, chart, table)
}

fn newsletters(lang: Language, letters: &[NewsletterSends]) -> Markup {
    let heading = t(lang, "dashboard-newsletters-title");
    if letters.is_empty() {
        return html! {
            section aria-labelledby="newsletter-sends" {
                h2 id="newsletter-sends" { (heading) }
                p { (t(lang, "dashboard-newsletters-none")) }
            }
        };
    }
    let (sent, failed) = (t(lang, "dashboard-sent"), t(lang, "dashboard-failed"));
    let unsubscribes = t(lang, "dashboard-unsubscribes");
    let rows: Vec<Row> = letters
        .iter()
        .map(|l| Row {
            label: format!(
                "{} ({})",
                l.subject.or_english(lang),
                short_day(lang, l.started_at.date_naive())
            ),
            segments: vec![(l.sent, 2, sent.clone()), (l.failed, 0, failed.clone())],
            marker: None,
            note: t_with(
                lang,
                "dashboard-newsletter-note",
                &[
                    ("sent", &n(lang, l.sent)),
                    ("failed", &n(lang, l.failed)),
                    ("unsubscribes", &n(lang, l.unsubscribes)),
                ],
            ),
        })
        .collect();
    let description = t_count(
        lang,
        "dashboard-newsletters-desc",
        letters.len() as i64,
        &[],
    );
    let chart = charts::rows(&Rows {
        frame: Frame {
            id: "newsletter-sends-chart",
            title: &heading,
            description: &description,
            lang,
        },
        rows: &rows,
        legend: &[(sent.clone(), 2), (failed.clone(), 0)],
        own_scale: false,
    });
    let table = html! {
        table {
            thead { tr {
                th scope="col" { (t(lang, "dashboard-newsletter")) }
                th scope="col" { (t(lang, "dashboard-date")) }
                th scope="col" class="number" { (sent) }
                th scope="col" class="number" { (failed) }
                th scope="col" class="number" { (unsubscribes) }
            } }
            tbody {
                @for l in letters {
                    tr {
                        th scope="row" { a href={ "/admin/newsletters/" (l.id) } lang=[shown_lang(&l.subject, lang)] { (l.subject.or_english(lang)) } }
                        td { (dates::network_day(lang, l.started_at)) }
                        td class="number" { (n(lang, l.sent)) }
                        td class="number" { (n(lang, l.failed)) }
                        td class="number" { (n(lang, l.unsubscribes)) }
                    }
                }
            }
        }
    };
    section("newsletter-sends", &heading, lang, chart, table)
}
