//! The audit log, filtered by organizer and action, newest first, a page at a time.

use domain::{
    Language,
    audit::{ACTIONS, TARGETS},
    entities::{audit, organizer},
};
use mailer::i18n::{t, t_with};
use maud::{Markup, html};

use super::layout::{Viewer, layout};

pub struct AuditPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub rows: &'a [audit::Model],
    pub organizers: &'a [organizer::Model],
    pub selected: Option<i64>,
    pub action: &'a str,
    /// From 0.
    pub page: u64,
    pub pages: u64,
    /// The filter as a query string, for the pager's links.
    pub query_string: &'a str,
}

/// An action in words; a code not in `audit::ACTIONS` (none is recorded) as it is.
pub fn action_name(lang: Language, code: &str) -> String {
    if ACTIONS.contains(&code) {
        t(lang, &format!("audit-action-{code}"))
    } else {
        code.to_owned()
    }
}

/// What an action acted on, in words, with its number.
fn target_name(lang: Language, target_type: &str, id: Option<i64>) -> String {
    let name = if TARGETS.contains(&target_type) {
        t(lang, &format!("audit-target-{target_type}"))
    } else {
        target_type.to_owned()
    };
    match id {
        Some(id) => t_with(
            lang,
            "audit-target-numbered",
            &[("target", &name), ("id", &id.to_string())],
        ),
        None => name,
    }
}

pub fn audit_page(p: &AuditPage<'_>) -> Markup {
    let AuditPage {
        lang,
        viewer,
        rows,
        organizers,
        selected,
        action,
        ..
    } = *p;
    let where_label = t_with(
        lang,
        "members-page",
        &[
            ("page", &(p.page + 1).to_string()),
            ("pages", &p.pages.max(1).to_string()),
        ],
    );
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
                    select id="f-action" name="action" {
                        option value="" { (t(lang, "audit-any-action")) }
                        @for code in ACTIONS {
                            option value=(code) selected[*code == action] { (action_name(lang, code)) }
                        }
                    }
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
                                td { (action_name(lang, &row.action)) }
                                td { (target_name(lang, &row.target_type, row.target_id)) }
                                td { code class="details" { (row.details) } }
                            }
                        }
                    }
                }
            }
            nav class="pager" aria-label=(where_label) {
                @if p.page > 0 {
                    a href={ "/admin/audit?" (p.query_string) "&page=" (p.page) } { (t(lang, "members-previous")) }
                }
                span { (where_label) }
                @if p.page + 1 < p.pages {
                    a href={ "/admin/audit?" (p.query_string) "&page=" (p.page + 2) } { (t(lang, "members-next")) }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_and_target_recorded_has_words_in_every_language() {
        for lang in Language::ALL {
            for code in ACTIONS {
                let words = action_name(lang, code);
                assert!(!words.contains("audit-action"), "{lang} {code}: {words}");
                assert_ne!(&words, code);
            }
            for target in TARGETS {
                let words = target_name(lang, target, None);
                assert!(!words.contains("audit-target"), "{lang} {target}: {words}");
            }
        }
        assert_eq!(target_name(Language::En, "event", Some(12)), "Event #12");
    }
}
