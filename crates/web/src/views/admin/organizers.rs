//! The organizers: the list, the invitation form, activation, chapters and the two-step
//! policy.

use domain::{
    Language,
    entities::{chapter, organizer},
};
use mailer::i18n::t;
use maud::{Markup, html};

use super::{
    labels::role_name,
    layout::{Viewer, layout},
};
use crate::views::form::{self, FieldErrors, TextField};

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
                                td { (role_name(lang, o.role.as_str())) }
                                td {
                                    @if o.role == domain::organizers::Role::Organizer {
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
                    (form::text_field(TextField { required: true, lang, name: "full_name", label_key: "field-name", hint_key: None,
                        value: p.name, input_type: "text", autocomplete: "off", max_length: 100, errors: p.errors }))
                    (form::text_field(TextField { required: true, lang, name: "email", label_key: "field-email", hint_key: None,
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
