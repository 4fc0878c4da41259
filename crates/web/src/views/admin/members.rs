//! The members: the filtered, paged directory, and one member's page with its correction
//! form, consents and emails.

use domain::{
    Language,
    directory::{self, Total},
    entities::{chapter, consent, member, outbox},
};
use mailer::i18n::{t, t_count};
use maud::{Markup, html};

use super::{
    labels::{chapter_label, status_name},
    layout::{Viewer, layout},
};
use crate::views::form::{self, FieldErrors, TextField};

/// The members page: filters, a table, paging, export.
pub struct MembersPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub chapters: &'a [chapter::Model],
    pub page: &'a directory::Page,
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
            p role="status" {
                @match p.page.total {
                    Total::Exact(n) => (t_count(lang, "members-count", i64::try_from(n).unwrap_or(i64::MAX), &[])),
                    Total::MoreThan(n) => (t_count(lang, "members-count-more", i64::try_from(n).unwrap_or(i64::MAX), &[])),
                }
            }
            p {
                a class="button secondary" href={ "/admin/members.csv?" (p.query_string) } { (t(lang, "members-export")) }
                " "
                a class="button secondary" href="/admin/members/import" { (t(lang, "import-title")) }
            }
            @if p.page.members.is_empty() {
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
                            @for m in &p.page.members {
                                tr {
                                    td { a href={ "/admin/members/" (m.id) } { (m.full_name) } }
                                    td { (m.email) }
                                    td { (chapter_label(p.chapters, m.chapter_id, lang)) }
                                    td { (status_name(lang, m.status.as_str())) }
                                    td { (mailer::dates::network_day(lang, m.created_at)) }
                                }
                            }
                        }
                    }
                }
            }
            @if p.page.newer || p.page.older {
                nav class="pager" aria-label=(t(lang, "members-pages")) {
                    @if p.page.newer {
                        a href={ "/admin/members?" (p.query_string) } { (t(lang, "members-first")) }
                        @if let Some(newest) = p.page.members.first() {
                            a href={ "/admin/members?" (p.query_string) "&after=" (newest.id) } rel="prev" { (t(lang, "members-previous")) }
                        }
                    }
                    @if p.page.older {
                        @if let Some(oldest) = p.page.members.last() {
                            a href={ "/admin/members?" (p.query_string) "&before=" (oldest.id) } rel="next" { (t(lang, "members-next")) }
                        }
                        a href={ "/admin/members?" (p.query_string) "&after=0" } { (t(lang, "members-last")) }
                    }
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
                    div { dt { (t(lang, "field-status")) } dd { (status_name(lang, m.status.as_str())) } }
                    div { dt { (t(lang, "field-joined")) } dd { (mailer::dates::network_moment(lang, m.created_at)) } }
                    div { dt { (t(lang, "member-hard-bounces")) } dd { (m.hard_bounces) } }
                }
                @if let Some(since) = m.newsletter_suspended_at {
                    p class="notice warning" {
                        (t_count(lang, "member-newsletters-suspended", i64::from(m.hard_bounces), &[("date", &mailer::dates::network_day(lang, since))]))
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
                    (form::text_field(TextField { required: true, lang, name: "full_name", label_key: "field-name", hint_key: None,
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
                ul class="ledger" { @for c in p.consents { li { (crate::views::account::consent_line(lang, c)) } } }
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
                                tr { td { (mailer::dates::network_moment(lang, e.created_at)) } td { (super::labels::outbox_kind_name(lang, &e.kind)) } td { (e.subject) } td { (super::labels::outbox_status_name(lang, e.status)) } td { (e.last_error.as_deref().unwrap_or_default()) } }
                            }
                        }
                    }
                }
            }
        },
    )
}
