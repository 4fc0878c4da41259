//! The audit log, filtered by organizer and action.

use domain::{
    Language,
    entities::{audit, organizer},
};
use mailer::i18n::t;
use maud::{Markup, html};

use super::layout::{Viewer, layout};

pub fn audit_page(
    lang: Language,
    viewer: &Viewer<'_>,
    rows: &[audit::Model],
    organizers: &[organizer::Model],
    selected: Option<i64>,
    action: &str,
) -> Markup {
    let title = t(lang, "audit-title");
    let who = |id: Option<i64>| {
        id.and_then(|id| organizers.iter().find(|o| o.id == id))
            .map_or("—", |o| o.name.as_str())
    };
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/audit",
        html! {
            h1 { (title) }
            form method="get" action="/admin/audit" class="filters" {
                div class="field" {
                    label for="f-organizer" { (t(lang, "audit-who")) }
                    select id="f-organizer" name="organizer" {
                        option value="" { (t(lang, "members-any")) }
                        @for o in organizers {
                            option value=(o.id) selected[Some(o.id) == selected] { (o.name) " (" (o.email) ")" }
                        }
                    }
                }
                div class="field" {
                    label for="f-action" { (t(lang, "audit-action")) }
                    input type="text" id="f-action" name="action" value=(action) maxlength="64";
                }
                button type="submit" class="button" { (t(lang, "members-filter")) }
            }
            div class="table-wrap" role="region" aria-label=(title) tabindex="0" {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "audit-when")) }
                        th scope="col" { (t(lang, "audit-who")) }
                        th scope="col" { (t(lang, "audit-action")) }
                        th scope="col" { (t(lang, "audit-target")) }
                        th scope="col" { (t(lang, "audit-details")) }
                    } }
                    tbody {
                        @for row in rows {
                            tr {
                                td { (mailer::dates::network_moment(lang, row.created_at)) }
                                td { (who(row.organizer_id)) }
                                td { code { (row.action) } }
                                td { (row.target_type) @if let Some(id) = row.target_id { " #" (id) } }
                                td { code class="details" { (row.details) } }
                            }
                        }
                    }
                }
            }
        },
    )
}
