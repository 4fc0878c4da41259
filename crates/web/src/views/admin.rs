//! The back office's pages. Same principles as the public site: labelled fields, errors tied
//! to them, no script, every string from the locale files.

use chrono::NaiveDate;
use domain::{
    Language,
    entities::{audit, chapter, consent, event, member, organizer, outbox},
    stats::Dashboard,
};
use mailer::i18n::{t, t_with};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::form::{self, FieldErrors, TextField};

/// Who is looking, for the header.
pub struct Viewer<'a> {
    pub name: &'a str,
    pub is_admin: bool,
    pub csrf: &'a str,
}

pub fn layout(
    lang: Language,
    title: &str,
    viewer: Option<&Viewer<'_>>,
    here: &str,
    content: Markup,
) -> Markup {
    layout_with(lang, title, viewer, here, None, content)
}

/// A page that reloads itself every `seconds`: the progress of a send, when the organizer
/// asked to watch it (never by default: a page that refreshes on its own gets in the way of a
/// screen reader).
pub fn layout_refreshing(
    lang: Language,
    title: &str,
    viewer: &Viewer<'_>,
    here: &str,
    seconds: u32,
    content: Markup,
) -> Markup {
    layout_with(lang, title, Some(viewer), here, Some(seconds), content)
}

fn layout_with(
    lang: Language,
    title: &str,
    viewer: Option<&Viewer<'_>>,
    here: &str,
    refresh: Option<u32>,
    content: Markup,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(seconds) = refresh { meta http-equiv="refresh" content=(seconds); }
                title { (title) " — " (t(lang, "admin-title")) " — " (t(lang, "site-name")) }
                link rel="stylesheet" href="/static/site.css";
            }
            body class="admin" {
                a class="skip-link" href="#main" { (t(lang, "skip-to-content")) }
                header class="site-header" {
                    div class="wrap header-row" {
                        a class="brand" href="/admin" {
                            span class="brand-name" { (t(lang, "site-name")) }
                            span class="brand-network" { (t(lang, "admin-title")) }
                        }
                        nav class="languages" aria-label=(t(lang, "languages-label")) {
                            ul {
                                @for other in Language::ALL {
                                    li {
                                        @if other == lang {
                                            span aria-current="true" lang=(other.code()) { (t(other, &format!("autonym-{}", other.code()))) }
                                        } @else {
                                            a href={ "/admin/lang/" (other.code()) "?back=" (here) } lang=(other.code()) hreflang=(other.code()) {
                                                (t(other, &format!("autonym-{}", other.code())))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(viewer) = viewer {
                        nav class="wrap main-nav" aria-label=(t(lang, "nav-label")) {
                            ul {
                                li { a href="/admin" { (t(lang, "admin-nav-dashboard")) } }
                                li { a href="/admin/members" { (t(lang, "admin-nav-members")) } }
                                li { a href="/admin/events" { (t(lang, "admin-nav-events")) } }
                                li { a href="/admin/newsletters" { (t(lang, "admin-nav-newsletters")) } }
                                @if viewer.is_admin {
                                    li { a href="/admin/chapters" { (t(lang, "admin-nav-chapters")) } }
                                    li { a href="/admin/organizers" { (t(lang, "admin-nav-organizers")) } }
                                    li { a href="/admin/audit" { (t(lang, "admin-nav-audit")) } }
                                }
                                li { a href="/admin/password" { (t(lang, "admin-nav-password")) } }
                            }
                            form method="post" action="/admin/sign-out" class="inline-form" {
                                input type="hidden" name="csrf_token" value=(viewer.csrf);
                                button type="submit" class="button secondary" { (t(lang, "admin-sign-out")) }
                            }
                        }
                    }
                }
                main id="main" tabindex="-1" {
                    div class="wrap" { (content) }
                }
                footer class="site-footer" {
                    div class="wrap" {
                        p { a href={ "/" (lang.code()) "/accessibility" } { (t(lang, "a11y-footer-link")) } }
                    }
                }
            }
        }
    }
}

pub fn status_name(lang: Language, status: &str) -> String {
    match status {
        "pending" | "active" | "unsubscribed" | "erased" => t(lang, &format!("status-{status}")),
        other => other.to_owned(),
    }
}

pub fn role_name(lang: Language, role: &str) -> String {
    match role {
        "admin" | "organizer" => t(lang, &format!("role-{role}")),
        other => other.to_owned(),
    }
}

/// The sign-in form, also the setup and invitation forms (with a name field there).
pub struct CredentialsForm<'a> {
    pub lang: Language,
    pub title_key: &'static str,
    pub intro_key: Option<&'static str>,
    pub action: &'a str,
    pub submit_key: &'static str,
    pub with_name: bool,
    pub with_email: bool,
    pub name: &'a str,
    pub email: &'a str,
    pub errors: &'a FieldErrors,
    pub csrf: &'a str,
}

pub fn credentials(f: &CredentialsForm<'_>) -> Markup {
    let lang = f.lang;
    let title = t(lang, f.title_key);
    let hint = if f.with_name {
        Some("field-password-hint")
    } else {
        None
    };
    layout(
        lang,
        &title,
        None,
        f.action,
        html! {
            (form::error_summary(lang, f.errors))
            h1 { (title) }
            @if let Some(intro) = f.intro_key { p class="lede" { (t(lang, intro)) } }
            form method="post" action=(f.action) novalidate {
                input type="hidden" name="csrf_token" value=(f.csrf);
                @if f.with_name {
                    (form::text_field(TextField { lang, name: "full_name", label_key: "field-name", hint_key: None,
                        value: f.name, input_type: "text", autocomplete: "name", max_length: 100, errors: f.errors }))
                }
                @if f.with_email {
                    (form::text_field(TextField { lang, name: "email", label_key: "field-email", hint_key: None,
                        value: f.email, input_type: "email", autocomplete: "username", max_length: 254, errors: f.errors }))
                }
                (form::text_field(TextField { lang, name: "password", label_key: "field-password", hint_key: hint,
                    value: "", input_type: "password", autocomplete: if f.with_name { "new-password" } else { "current-password" },
                    max_length: 200, errors: f.errors }))
                button type="submit" class="button" { (t(lang, f.submit_key)) }
            }
        },
    )
}

pub fn password_form(
    lang: Language,
    viewer: &Viewer<'_>,
    errors: &FieldErrors,
    notice: bool,
) -> Markup {
    let title = t(lang, "password-title");
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/password",
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            @if notice { p class="notice" role="status" { (t(lang, "password-changed")) } }
            form method="post" action="/admin/password" novalidate {
                input type="hidden" name="csrf_token" value=(viewer.csrf);
                (form::text_field(TextField { lang, name: "current_password", label_key: "field-current-password", hint_key: None,
                    value: "", input_type: "password", autocomplete: "current-password", max_length: 200, errors }))
                (form::text_field(TextField { lang, name: "password", label_key: "field-new-password", hint_key: Some("field-password-hint"),
                    value: "", input_type: "password", autocomplete: "new-password", max_length: 200, errors }))
                button type="submit" class="button" { (t(lang, "password-submit")) }
            }
        },
    )
}

fn chapter_label(chapters: &[chapter::Model], id: i64, lang: Language) -> &str {
    chapters
        .iter()
        .find(|c| c.id == id)
        .map_or("", |c| c.name(lang))
}

pub fn dashboard(
    lang: Language,
    viewer: &Viewer<'_>,
    chapters: &[chapter::Model],
    d: &Dashboard,
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
                                    tr { th scope="row" { (week.format("%Y-%m-%d")) } td class="number" { (n) } }
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
            week.format("%Y-%m-%d")
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

/// The members page: filters, a table, paging, export.
pub struct MembersPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub chapters: &'a [chapter::Model],
    pub members: &'a [member::Model],
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// The filter as a query string, for paging and export links.
    pub query_string: &'a str,
    pub q: &'a str,
    pub chapter: &'a str,
    pub status: &'a str,
    pub language: &'a str,
    pub interest: &'a str,
    pub newsletter: &'a str,
}

pub fn members(p: &MembersPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "members-title");
    let any = t(lang, "members-any");
    layout(
        lang,
        &title,
        Some(p.viewer),
        "/admin/members",
        html! {
            h1 { (title) }
            form method="get" action="/admin/members" class="filters" {
                div class="field" {
                    label for="f-q" { (t(lang, "members-search")) }
                    input type="search" id="f-q" name="q" value=(p.q) maxlength="100";
                }
                div class="field" {
                    label for="f-chapter" { (t(lang, "field-chapter")) }
                    select id="f-chapter" name="chapter" {
                        option value="" { (any) }
                        @for c in p.chapters { option value=(c.slug) selected[c.slug == p.chapter] { (c.name(lang)) } }
                    }
                }
                div class="field" {
                    label for="f-status" { (t(lang, "field-status")) }
                    select id="f-status" name="status" {
                        option value="" { (any) }
                        @for s in ["pending", "active", "unsubscribed"] { option value=(s) selected[s == p.status] { (status_name(lang, s)) } }
                    }
                }
                div class="field" {
                    label for="f-language" { (t(lang, "field-language")) }
                    select id="f-language" name="language" {
                        option value="" { (any) }
                        @for l in Language::ALL { option value=(l.code()) selected[l.code() == p.language] { (t(lang, &format!("language-name-{}", l.code()))) } }
                    }
                }
                div class="field" {
                    label for="f-interest" { (t(lang, "field-interests")) }
                    select id="f-interest" name="interest" {
                        option value="" { (any) }
                        @for i in domain::Interest::ALL { option value=(i.slug()) selected[i.slug() == p.interest] { (t(lang, &format!("interest-{}", i.slug()))) } }
                    }
                }
                div class="field" {
                    label for="f-newsletter" { (t(lang, "members-newsletter")) }
                    select id="f-newsletter" name="newsletter" {
                        option value="" { (any) }
                        option value="yes" selected[p.newsletter == "yes"] { (t(lang, "members-newsletter-yes")) }
                        option value="no" selected[p.newsletter == "no"] { (t(lang, "members-newsletter-no")) }
                    }
                }
                button type="submit" class="button" { (t(lang, "members-filter")) }
            }
            p role="status" { (t_with(lang, "members-count", &[("count", &p.total.to_string())])) }
            p { a class="button secondary" href={ "/admin/members.csv?" (p.query_string) } { (t(lang, "members-export")) } }
            @if p.members.is_empty() {
                p { (t(lang, "members-none")) }
            } @else {
                div class="table-wrap" {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "field-name")) }
                            th scope="col" { (t(lang, "field-email")) }
                            th scope="col" { (t(lang, "field-chapter")) }
                            th scope="col" { (t(lang, "field-status")) }
                            th scope="col" { (t(lang, "field-joined")) }
                        } }
                        tbody {
                            @for m in p.members {
                                tr {
                                    td { a href={ "/admin/members/" (m.id) } { (m.full_name) } }
                                    td { (m.email) }
                                    td { (chapter_label(p.chapters, m.chapter_id, lang)) }
                                    td { (status_name(lang, &m.status)) }
                                    td { (m.created_at.format("%Y-%m-%d")) }
                                }
                            }
                        }
                    }
                }
            }
            nav class="pager" aria-label=(t_with(lang, "members-page", &[("page", &(p.page + 1).to_string()), ("pages", &p.pages.max(1).to_string())])) {
                @if p.page > 0 {
                    a href={ "/admin/members?" (p.query_string) "&page=" (p.page) } { (t(lang, "members-previous")) }
                }
                span { (t_with(lang, "members-page", &[("page", &(p.page + 1).to_string()), ("pages", &p.pages.max(1).to_string())])) }
                @if p.page + 1 < p.pages {
                    a href={ "/admin/members?" (p.query_string) "&page=" (p.page + 2) } { (t(lang, "members-next")) }
                }
            }
        },
    )
}

pub struct MemberPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub member: &'a member::Model,
    pub chapters: &'a [chapter::Model],
    pub consents: &'a [consent::Model],
    pub emails: &'a [outbox::Model],
    pub name_value: &'a str,
    pub chapter_value: &'a str,
    pub errors: &'a FieldErrors,
    pub saved: bool,
}

pub fn member(p: &MemberPage<'_>) -> Markup {
    let lang = p.lang;
    let m = p.member;
    let title = t(lang, "member-title");
    let (chapter_error, chapter_described) = form::error_of(lang, p.errors, "chapter");
    layout(
        lang,
        &title,
        Some(p.viewer),
        &format!("/admin/members/{}", m.id),
        html! {
            (form::error_summary(lang, p.errors))
            h1 { (m.full_name) }
            @if p.saved { p class="notice" role="status" { (t(lang, "member-corrected")) } }
            section aria-labelledby="profile" {
                h2 id="profile" { (t(lang, "member-profile")) }
                dl class="facts" {
                    div { dt { (t(lang, "field-email")) } dd { (m.email) } }
                    div { dt { (t(lang, "field-chapter")) } dd { (chapter_label(p.chapters, m.chapter_id, lang)) } }
                    div { dt { (t(lang, "field-region")) } dd { (m.region.as_deref().map(|r| t(lang, &format!("region-{r}"))).unwrap_or_default()) } }
                    div { dt { (t(lang, "field-language")) } dd { (t(lang, &format!("language-name-{}", m.language))) } }
                    div { dt { (t(lang, "field-interests")) } dd {
                        (domain::Interest::parse_stored(&m.interests).iter().map(|i| t(lang, &format!("interest-{}", i.slug()))).collect::<Vec<_>>().join(", "))
                    } }
                    div { dt { (t(lang, "field-status")) } dd { (status_name(lang, &m.status)) } }
                    div { dt { (t(lang, "field-joined")) } dd { (m.created_at.format("%Y-%m-%d %H:%M UTC")) } }
                    div { dt { (t(lang, "member-hard-bounces")) } dd { (m.hard_bounces) } }
                }
                @if let Some(since) = m.newsletter_suspended_at {
                    p class="notice warning" {
                        (t_with(lang, "member-newsletters-suspended", &[("date", &since.format("%Y-%m-%d").to_string()), ("count", &m.hard_bounces.to_string())]))
                    }
                    form method="post" action={ "/admin/members/" (m.id) "/newsletters" } class="inline-form" {
                        input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                        button type="submit" class="button secondary" { (t(lang, "member-newsletters-resume")) }
                    }
                }
            }
            section aria-labelledby="correct" {
                h2 id="correct" { (t(lang, "member-correct")) }
                form method="post" action={ "/admin/members/" (m.id) } novalidate {
                    input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                    (form::text_field(TextField { lang, name: "full_name", label_key: "field-name", hint_key: None,
                        value: p.name_value, input_type: "text", autocomplete: "off", max_length: 100, errors: p.errors }))
                    div class={ "field" @if chapter_described.is_some() { " field-error" } } {
                        label for="field-chapter" { (t(lang, "field-chapter")) }
                        (chapter_error)
                        select id="field-chapter" name="chapter" aria-describedby=[chapter_described] {
                            @for c in p.chapters { option value=(c.slug) selected[c.slug == p.chapter_value] { (c.name(lang)) } }
                        }
                    }
                    button type="submit" class="button" { (t(lang, "member-correct-submit")) }
                }
            }
            section aria-labelledby="consents" {
                h2 id="consents" { (t(lang, "member-consents")) }
                ul class="ledger" { @for c in p.consents { li { (super::account::consent_line(lang, c)) } } }
            }
            section aria-labelledby="emails" {
                h2 id="emails" { (t(lang, "member-emails")) }
                div class="table-wrap" role="region" aria-labelledby="emails" tabindex="0" {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "email-time")) }
                            th scope="col" { (t(lang, "email-kind")) }
                            th scope="col" { (t(lang, "email-subject")) }
                            th scope="col" { (t(lang, "email-status")) }
                            th scope="col" { (t(lang, "newsletter-reason")) }
                        } }
                        tbody {
                            @for e in p.emails {
                                tr { td { (e.created_at.format("%Y-%m-%d %H:%M")) } td { (e.kind) } td { (e.subject) } td { (e.status) } td { (e.last_error.as_deref().unwrap_or_default()) } }
                            }
                        }
                    }
                }
            }
        },
    )
}

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
                                td { (row.created_at.format("%Y-%m-%d %H:%M:%S")) }
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

pub struct OrganizersPage<'a> {
    /// (organizer, chapter) pairs of the current assignments.
    pub assignments: &'a [(i64, i64)],
    pub required_for_all: bool,
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub organizers: &'a [organizer::Model],
    pub chapters: &'a [chapter::Model],
    pub errors: &'a FieldErrors,
    pub name: &'a str,
    pub email: &'a str,
    pub invited: bool,
}

pub fn organizers(p: &OrganizersPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "organizers-title");
    let (role_error, role_described) = form::error_of(lang, p.errors, "role");
    layout(
        lang,
        &title,
        Some(p.viewer),
        "/admin/organizers",
        html! {
            (form::error_summary(lang, p.errors))
            h1 { (title) }
            @if p.invited { p class="notice" role="status" { (t(lang, "organizers-invited")) } }
        section aria-labelledby="two-factor" {
            h2 id="two-factor" { (t(lang, "two-factor-title")) }
            p { (t(lang, if p.required_for_all { "two-factor-all-on" } else { "two-factor-all-off" })) }
            form method="post" action="/admin/two-factor/policy" class="button-form" {
                input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                input type="hidden" name="all" value=(if p.required_for_all { "no" } else { "yes" });
                button type="submit" class="button secondary" {
                    (t(lang, if p.required_for_all { "two-factor-require-admins" } else { "two-factor-require-all" }))
                }
            }
        }
            div class="table-wrap" {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "field-name")) }
                        th scope="col" { (t(lang, "field-email")) }
                        th scope="col" { (t(lang, "field-role")) }
                        th scope="col" { (t(lang, "field-chapters")) }
                        th scope="col" { (t(lang, "organizers-active")) }
                    } }
                    tbody {
                        @for o in p.organizers {
                            tr {
                                td { (o.name) }
                                td { (o.email) }
                                td { (role_name(lang, &o.role)) }
                                td {
                                    @if o.role == "organizer" {
                                        form method="post" action={ "/admin/organizers/" (o.id) "/chapters" } {
                                            input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                                            @for c in p.chapters {
                                                div class="choice" {
                                                    input type="checkbox" id={ "o" (o.id) "-" (c.slug) } name="chapters" value=(c.slug)
                                                        checked[p.assignments.contains(&(o.id, c.id))];
                                                    label for={ "o" (o.id) "-" (c.slug) } { (c.name(lang)) }
                                                }
                                            }
                                            button type="submit" class="button secondary" {
                                                (t(lang, "organizers-chapters-save")) span class="visually-hidden" { ": " (o.name) }
                                            }
                                        }
                                    }
                                }
                                td {
                                    form method="post" action={ "/admin/organizers/" (o.id) "/active" } class="inline-form" {
                                        input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                                        input type="hidden" name="active" value=(if o.active { "no" } else { "yes" });
                                        (t(lang, if o.active { "yes" } else { "no" })) " "
                                        button type="submit" class="button secondary" {
                                            (t(lang, if o.active { "organizers-deactivate" } else { "organizers-activate" }))
                                            span class="visually-hidden" { ": " (o.name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="invite" {
                h2 id="invite" { (t(lang, "organizers-invite")) }
                form method="post" action="/admin/organizers" novalidate {
                    input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                    (form::text_field(TextField { lang, name: "full_name", label_key: "field-name", hint_key: None,
                        value: p.name, input_type: "text", autocomplete: "off", max_length: 100, errors: p.errors }))
                    (form::text_field(TextField { lang, name: "email", label_key: "field-email", hint_key: None,
                        value: p.email, input_type: "email", autocomplete: "off", max_length: 254, errors: p.errors }))
                    div class={ "field" @if role_described.is_some() { " field-error" } } {
                        label for="field-role" { (t(lang, "field-role")) }
                        (role_error)
                        select id="field-role" name="role" aria-describedby=[role_described] {
                            option value="organizer" { (role_name(lang, "organizer")) }
                            option value="admin" { (role_name(lang, "admin")) }
                        }
                    }
                    fieldset class="field" {
                        legend { (t(lang, "field-chapters")) }
                        @for c in p.chapters {
                            div class="choice" {
                                input type="checkbox" id={ "chapter-" (c.slug) } name="chapters" value=(c.slug);
                                label for={ "chapter-" (c.slug) } { (c.name(lang)) }
                            }
                        }
                    }
                    button type="submit" class="button" { (t(lang, "organizers-invite-submit")) }
                }
            }
        },
    )
}

pub struct ImportPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub chapters: &'a [chapter::Model],
    pub chapter: &'a str,
    pub source: &'a str,
    pub errors: &'a FieldErrors,
}

pub fn import_form(p: &ImportPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "import-title");
    let (file_error, file_described) = form::error_of(lang, p.errors, "file");
    layout(
        lang,
        &title,
        Some(p.viewer),
        "/admin/members/import",
        html! {
            (form::error_summary(lang, p.errors))
            h1 { (title) }
            p class="lede" { (t(lang, "import-intro")) }
            form method="post" action="/admin/members/import" enctype="multipart/form-data" novalidate {
                input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                div class="field" {
                    label for="field-chapter" { (t(lang, "field-chapter")) }
                    select id="field-chapter" name="chapter" {
                        @for c in p.chapters { option value=(c.slug) selected[c.slug == p.chapter] { (c.name(lang)) } }
                    }
                }
                (form::text_field(TextField { lang, name: "consent_source", label_key: "field-consent-source",
                    hint_key: Some("field-consent-source-hint"), value: p.source, input_type: "text", autocomplete: "off",
                    max_length: 100, errors: p.errors }))
                div class={ "field" @if file_described.is_some() { " field-error" } } {
                    label for="field-file" { (t(lang, "field-import-file")) }
                    (file_error)
                    input type="file" id="field-file" name="file" accept=".csv,text/csv" required
                        aria-invalid=[file_described.as_ref().map(|_| "true")] aria-describedby=[file_described];
                }
                button type="submit" class="button" { (t(lang, "import-submit")) }
            }
        },
    )
}

/// What an import did: counts, then each refused line and why.
pub fn import_report(
    lang: Language,
    viewer: &Viewer<'_>,
    counts: [(&'static str, usize); 5],
    rejected: &[(usize, Vec<&'static str>)],
) -> Markup {
    let title = t(lang, "import-report-title");
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/members/import",
        html! {
            h1 { (title) }
            ul role="status" {
                @for (key, count) in counts { li { (t_with(lang, key, &[("count", &count.to_string())])) } }
            }
            @if !rejected.is_empty() {
                ul class="rejected" {
                    @for (line, reasons) in rejected {
                        @let reasons = reasons.iter().map(|r| t(lang, &format!("import-reason-{r}"))).collect::<Vec<_>>().join("; ");
                        li { (t_with(lang, "import-line", &[("line", &line.to_string()), ("reasons", &reasons)])) }
                    }
                }
            }
            p { a href="/admin/members" { (t(lang, "admin-nav-members")) } }
        },
    )
}

pub fn code_form(lang: Language, errors: &FieldErrors, csrf: &str) -> Markup {
    let title = t(lang, "sign-in-code-title");
    layout(
        lang,
        &title,
        None,
        "/admin/sign-in/code",
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            form method="post" action="/admin/sign-in/code" novalidate {
                input type="hidden" name="csrf_token" value=(csrf);
                (form::text_field(TextField { lang, name: "code", label_key: "field-code", hint_key: Some("field-code-hint"),
                    value: "", input_type: "text", autocomplete: "one-time-code", max_length: 20, errors }))
                button type="submit" class="button" { (t(lang, "sign-in-code-submit")) }
            }
        },
    )
}

pub fn enrolment(
    lang: Language,
    secret: &str,
    url: &str,
    errors: &FieldErrors,
    csrf: &str,
) -> Markup {
    let title = t(lang, "two-factor-title");
    // Groups of four are easier to type.
    let grouped = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    layout(
        lang,
        &title,
        None,
        "/admin/two-factor",
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            p class="lede" { (t(lang, "two-factor-intro")) }
            p { (t(lang, "two-factor-step")) }
            p { a href=(url) { (t(lang, "two-factor-link")) } }
            dl class="facts" { div { dt { (t(lang, "two-factor-key")) } dd { code class="secret" { (grouped) } } } }
            form method="post" action="/admin/two-factor" novalidate {
                input type="hidden" name="csrf_token" value=(csrf);
                (form::text_field(TextField { lang, name: "code", label_key: "field-code", hint_key: None,
                    value: "", input_type: "text", autocomplete: "one-time-code", max_length: 20, errors }))
                button type="submit" class="button" { (t(lang, "two-factor-submit")) }
            }
        },
    )
}

pub fn recovery_codes(lang: Language, codes: &[String]) -> Markup {
    let title = t(lang, "two-factor-codes-title");
    layout(
        lang,
        &title,
        None,
        "/admin/two-factor",
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "two-factor-codes-text")) }
            ul class="codes" { @for code in codes { li { code { (code) } } } }
            p { a class="button" href="/admin" { (t(lang, "two-factor-continue")) } }
        },
    )
}

pub fn chapters(
    lang: Language,
    viewer: &Viewer<'_>,
    chapters: &[chapter::Model],
    saved: bool,
) -> Markup {
    let title = t(lang, "chapters-title");
    layout(
        lang,
        &title,
        Some(viewer),
        "/admin/chapters",
        html! {
            h1 { (title) }
            @if saved { p class="notice" role="status" { (t(lang, "chapters-saved")) } }
            div class="table-wrap" {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "field-name")) }
                        th scope="col" { (t(lang, "field-slug")) }
                        th scope="col" { (t(lang, "field-country")) }
                    } }
                    tbody {
                        @for c in chapters {
                            tr {
                                td { a href={ "/admin/chapters/" (c.id) } { (c.name(lang)) } }
                                td { code { (c.slug) } }
                                td { (c.country) }
                            }
                        }
                    }
                }
            }
            p { a class="button" href="/admin/chapters/new" { (t(lang, "chapters-new")) } }
        },
    )
}

/// The chapter form: new (`action` /admin/chapters/new) or an existing one.
pub fn chapter_form(
    lang: Language,
    viewer: &Viewer<'_>,
    action: &str,
    heading: &str,
    fields: &domain::chapter::ChapterFields,
    errors: &FieldErrors,
) -> Markup {
    let text_area = |name: &'static str, label: &'static str, value: &str, optional: bool| {
        let (error, described) = form::error_of(lang, errors, name);
        let hint_id = format!("{name}-hint");
        let described = match (optional, described) {
            (true, Some(e)) => Some(format!("{hint_id} {e}")),
            (true, None) => Some(hint_id.clone()),
            (false, d) => d,
        };
        html! {
            div class={ "field" @if errors.get(name).is_some() { " field-error" } } {
                label for=(form::field_id(name)) { (t(lang, label)) }
                @if optional { p class="hint" id=(hint_id) { (t(lang, "field-es-optional")) } }
                (error)
                textarea id=(form::field_id(name)) name=(name) rows="4" maxlength="5000"
                    aria-invalid=[errors.get(name).map(|_| "true")] aria-describedby=[described] { (value) }
            }
        }
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
                (form::text_field(TextField { lang, name: "slug", label_key: "field-slug", hint_key: Some("field-slug-hint"),
                    value: &fields.slug, input_type: "text", autocomplete: "off", max_length: 64, errors }))
                (form::text_field(TextField { lang, name: "country", label_key: "field-country", hint_key: Some("field-country-hint"),
                    value: &fields.country, input_type: "text", autocomplete: "off", max_length: 2, errors }))
                (form::text_field(TextField { lang, name: "name_en", label_key: "field-name-en", hint_key: None,
                    value: &fields.names[0], input_type: "text", autocomplete: "off", max_length: 200, errors }))
                (form::text_field(TextField { lang, name: "name_fr", label_key: "field-name-fr", hint_key: None,
                    value: &fields.names[1], input_type: "text", autocomplete: "off", max_length: 200, errors }))
                div class="field" {
                    label for="field-name_es" { (t(lang, "field-name-es")) " " span class="optional" { "(" (t(lang, "optional")) ")" } }
                    input type="text" id="field-name_es" name="name_es" value=(fields.names[2]) maxlength="200";
                }
                (text_area("description_en", "field-description-en", &fields.descriptions[0], false))
                (text_area("description_fr", "field-description-fr", &fields.descriptions[1], false))
                (text_area("description_es", "field-description-es", &fields.descriptions[2], true))
                button type="submit" class="button" { (t(lang, "chapters-save")) }
            }
        },
    )
}

/// The event form's values, as stored or as typed (times in the event's zone).
#[derive(Clone, Debug, Default)]
pub struct EventValues {
    pub slug: String,
    pub titles: [String; 3],
    pub descriptions: [String; 3],
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
                        th scope="col" { (t(lang, "field-title-en")) }
                        th scope="col" { (t(lang, "field-starts")) }
                        th scope="col" { (t(lang, "field-status")) }
                    } }
                    tbody {
                        @for e in list {
                            tr {
                                td { a href={ "/admin/events/" (e.id) } { (e.title(lang)) } }
                                td { (mailer::calendar::when(e)) }
                                td { (t(lang, &format!("event-status-{}", e.status))) }
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
    } = *f;
    let text = |name: &'static str,
                label: &'static str,
                value: &str,
                input_type: &'static str,
                hint: Option<&'static str>| {
        form::text_field(TextField {
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
    let area = |name: &'static str, label: &'static str, value: &str| {
        let (error, described) = form::error_of(lang, errors, name);
        html! {
            div class={ "field" @if described.is_some() { " field-error" } } {
                label for=(form::field_id(name)) { (t(lang, label)) }
                (error)
                textarea id=(form::field_id(name)) name=(name) rows="5" maxlength="20000" aria-describedby=[described] { (value) }
            }
        }
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
                (text("slug", "field-slug", &v.slug, "text", Some("field-slug-hint")))
                (text("title_en", "field-title-en", &v.titles[0], "text", None))
                (text("title_fr", "field-title-fr", &v.titles[1], "text", None))
                (text("title_es", "field-title-es", &v.titles[2], "text", None))
                (area("description_en", "field-event-description-en", &v.descriptions[0]))
                (area("description_fr", "field-event-description-fr", &v.descriptions[1]))
                (area("description_es", "field-event-description-es", &v.descriptions[2]))
                div class="field" {
                    label for="field-format" { (t(lang, "field-format")) }
                    select id="field-format" name="format" {
                        @for f in ["in-person", "online", "hybrid"] {
                            option value=(f) selected[f == v.format] { (super::events::format_name(lang, f)) }
                        }
                    }
                }
                (text("venue", "field-venue", &v.venue, "text", None))
                (text("address", "field-address", &v.address, "text", None))
                (text("online_link", "field-online-link", &v.online_link, "url", None))
                (text("time_zone", "field-time-zone", &v.time_zone, "text", Some("field-time-zone-hint")))
                (text("starts", "field-starts", &v.starts, "datetime-local", None))
                (text("ends", "field-ends", &v.ends, "datetime-local", None))
                (text("capacity", "field-capacity", &v.capacity, "number", Some("field-capacity-hint")))
                div class="field choice" {
                    input type="checkbox" id="field-waitlist" name="waitlist" value="yes" checked[v.waitlist];
                    label for="field-waitlist" { (t(lang, "field-waitlist")) }
                }
                (text("opens", "field-opens", &v.opens, "datetime-local", None))
                (text("closes", "field-closes", &v.closes, "datetime-local", None))
                button type="submit" class="button" { (t(lang, "admin-event-save")) }
            }
        },
    )
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
            h1 { (e.title(lang)) }
            @if let Some(text) = &p.notice { p class="notice" role="status" { (text) } }
            p { (mailer::calendar::when(e)) " · " (t(lang, &format!("event-status-{}", e.status))) }
            p {
                a href={ (base) "/edit" } { (t(lang, "admin-event-edit")) } " "
                @if e.status == "draft" { (button(format!("{base}/publish"), t(lang, "admin-event-publish"), "")) }
                @if e.status == "published" { " " (button(format!("{base}/cancel"), t(lang, "admin-event-cancel"), "danger")) }
            }
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
                (form::text_field(TextField { lang, name: "subject", label_key: "admin-message-subject", hint_key: None,
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
                p role="status" { (t_with(lang, "admin-registrations-counts", &[
                    ("confirmed", &p.counts.confirmed.to_string()),
                    ("waitlisted", &p.counts.waitlisted.to_string()),
                    ("pending", &p.counts.pending.to_string()),
                    ("checked", &p.counts.checked_in.to_string()),
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
                                    td { (r.status) @if let Some(n) = r.waitlist_position { " #" (n) } }
                                    td { (r.accommodations.as_deref().unwrap_or("")) }
                                    td {
                                        @if r.status == "confirmed" {
                                            @if let Some(at) = r.checked_in_at {
                                                (t_with(lang, "admin-checked-in", &[("time", &mailer::calendar::local(e, at))])) " "
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

/// The step-up page: the password again (and a code, with two-step) before a sensitive
/// action. It posts to `action` with the fields of the form it interrupted (`carried`), so
/// what the organizer typed there is kept and the action goes on once they are confirmed.
pub struct StepUpPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub action: &'a str,
    pub carried: &'a [(String, String)],
    pub with_code: bool,
    pub minutes: i64,
    pub errors: &'a FieldErrors,
}

pub fn step_up(page: &StepUpPage<'_>) -> Markup {
    let lang = page.lang;
    let errors = page.errors;
    let title = t(lang, "step-up-title");
    let minutes = page.minutes.to_string();
    let intro = t_with(
        lang,
        if page.with_code {
            "step-up-intro-code"
        } else {
            "step-up-intro"
        },
        &[("minutes", &minutes)],
    );
    layout(
        lang,
        &title,
        Some(page.viewer),
        page.action,
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            p { (intro) }
            form #step-up method="post" action=(page.action) novalidate {
                input type="hidden" name="csrf_token" value=(page.viewer.csrf);
                @for (name, value) in page.carried {
                    input type="hidden" name=(name) value=(value);
                }
                (form::text_field(TextField { lang, name: "step_up_password", label_key: "field-step-up-password", hint_key: None,
                    value: "", input_type: "password", autocomplete: "current-password", max_length: 200, errors }))
                @if page.with_code {
                    (form::text_field(TextField { lang, name: "step_up_code", label_key: "field-code", hint_key: Some("field-code-hint"),
                        value: "", input_type: "text", autocomplete: "one-time-code", max_length: 20, errors }))
                }
                button type="submit" class="button" { (t(lang, "step-up-submit")) }
            }
        },
    )
}
