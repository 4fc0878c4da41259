//! The dashboard: figures for the organizer's chapters and the weekly sign-ups chart.

use chrono::NaiveDate;
use domain::{Language, entities::chapter, stats::Dashboard};
use mailer::i18n::t;
use maud::{Markup, PreEscaped, html};

use super::{
    labels::status_name,
    layout::{Viewer, layout},
};

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
                                    th scope="row" { (chapter.name(lang)) }
                                    @for status in statuses { td class="number" { (count(chapter.id, status)) } }
                                    // Unsubscribed members are active members too: not added twice.
                                    td class="number" { (count(chapter.id, "pending") + count(chapter.id, "active")) }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="figures" {
                h2 id="figures" class="visually-hidden" { (t(lang, "dashboard-mail")) }
                dl class="figures" {
                    div { dt { (t(lang, "dashboard-pending")) } dd { (d.pending) } }
                    div { dt { (t(lang, "dashboard-mail-sent")) } dd { (d.mail_sent) } }
                    div { dt { (t(lang, "dashboard-mail-failed")) } dd { (d.mail_failed) } }
                    div { dt { (t(lang, "dashboard-mail-queued")) } dd { (d.mail_queued) } }
                }
            }
            section aria-labelledby="signups" {
                h2 id="signups" { (t(lang, "dashboard-signups")) }
                (signup_chart(lang, &d.weekly_signups))
                details {
                    summary { (t(lang, "dashboard-count")) }
                    div class="table-wrap" role="region" aria-labelledby="signups" tabindex="0" {
                        table {
                            thead { tr { th scope="col" { (t(lang, "dashboard-week")) } th scope="col" class="number" { (t(lang, "dashboard-count")) } } }
                            tbody {
                                @for (week, n) in &d.weekly_signups {
                                    tr { th scope="row" { (mailer::dates::day(lang, *week)) } td class="number" { (n) } }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// A bar chart drawn on the server as SVG: no script, a title and description for screen
/// readers, and the table beside it holds the same figures.
fn signup_chart(lang: Language, weeks: &[(NaiveDate, u64)]) -> Markup {
    let max = weeks.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let (width, height, bar) = (624u64, 160u64, 12u64);
    let mut bars = String::new();
    for (i, (week, n)) in weeks.iter().enumerate() {
        let h = n * (height - 20) / max;
        let x = i as u64 * bar;
        let y = height - h;
        bars.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{h}\" fill=\"#7a1f3d\"><title>{}: {n}</title></rect>",
            bar - 2,
            mailer::dates::day(lang, *week)
        ));
    }
    let description = t(lang, "dashboard-signups-chart");
    html! {
        svg class="chart" role="img" aria-labelledby="chart-title chart-desc" viewBox={ "0 0 " (width) " " (height) } preserveAspectRatio="none" {
            title id="chart-title" { (t(lang, "dashboard-signups")) }
            desc id="chart-desc" { (description) }
            line x1="0" y1=(height) x2=(width) y2=(height) stroke="#1b1b1b" {}
            (PreEscaped(bars))
        }
    }
}
