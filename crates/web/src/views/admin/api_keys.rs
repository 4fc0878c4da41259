//! The API keys page: the keys one may see (their chapters, access, last use, revocation),
//! the form that creates one, and the key just created, shown this once.

use domain::{Language, api_keys::KeyWithChapters, entities::chapter};
use mailer::i18n::t;
use maud::{Markup, html};

use super::layout::{Viewer, layout};
use crate::views::form::{self, FieldErrors, TextField};

/// What the creation form holds.
#[derive(Debug, Default)]
pub struct KeyForm {
    pub name: String,
    pub chapters: Vec<String>,
    pub write: bool,
}

pub struct KeysPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub keys: &'a [KeyWithChapters],
    /// The chapters the viewer may give a key.
    pub chapters: &'a [chapter::Model],
    /// Every chapter, to name those of the keys listed.
    pub all_chapters: &'a [chapter::Model],
    pub form: &'a KeyForm,
    pub errors: &'a FieldErrors,
    /// The name and clear value of a key just created.
    pub created: Option<(&'a str, &'a str)>,
}

pub fn page(p: &KeysPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "api-keys-title");
    let (chapters_error, chapters_described) = form::error_of(lang, p.errors, "chapters");
    let (access_error, access_described) = form::error_of(lang, p.errors, "access");
    layout(
        lang,
        &title,
        Some(p.viewer),
        "/admin/api-keys",
        html! {
            (form::error_summary(lang, p.errors))
            h1 { (title) }
            p { (t(lang, "api-keys-intro")) }
            @if let Some((name, secret)) = p.created {
                section class="notice" role="status" aria-labelledby="new-key" {
                    h2 id="new-key" { (t(lang, "api-keys-created")) ": " (name) }
                    p { (t(lang, "api-keys-created-once")) }
                    p { code class="api-key-secret" { (secret) } }
                    p { (t(lang, "api-keys-created-how")) }
                }
            }
            @if p.keys.is_empty() {
                p { (t(lang, "api-keys-none")) }
            } @else {
                div class="table-wrap" {
                    table {
                        caption class="visually-hidden" { (title) }
                        thead { tr {
                            th scope="col" { (t(lang, "api-keys-name")) }
                            th scope="col" { (t(lang, "api-keys-prefix")) }
                            th scope="col" { (t(lang, "field-chapters")) }
                            th scope="col" { (t(lang, "api-keys-access")) }
                            th scope="col" { (t(lang, "api-keys-created-at")) }
                            th scope="col" { (t(lang, "api-keys-last-used")) }
                            th scope="col" { (t(lang, "api-keys-state")) }
                        } }
                        tbody {
                            @for k in p.keys {
                                tr {
                                    td { (k.key.name) }
                                    td { code { (k.key.prefix) "…" } }
                                    td {
                                        @for (i, id) in k.chapter_ids.iter().enumerate() {
                                            @if i > 0 { ", " }
                                            (p.all_chapters.iter().find(|c| c.id == *id).map(|c| c.name(lang)).unwrap_or("?"))
                                        }
                                    }
                                    td { (t(lang, if k.key.can_write { "api-keys-read-write" } else { "api-keys-read-only" })) }
                                    td { (mailer::dates::network_moment(lang, k.key.created_at)) }
                                    td {
                                        @match k.key.last_used_at {
                                            Some(at) => (mailer::dates::network_moment(lang, at)),
                                            None => (t(lang, "api-keys-never-used")),
                                        }
                                    }
                                    td {
                                        @if let Some(at) = k.key.revoked_at {
                                            (t(lang, "api-keys-revoked")) " " (mailer::dates::network_moment(lang, at))
                                        } @else {
                                            form method="post" action={ "/admin/api-keys/" (k.key.id) "/revoke" } class="inline-form" {
                                                input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                                                button type="submit" class="button secondary" {
                                                    (t(lang, "api-keys-revoke")) span class="visually-hidden" { ": " (k.key.name) }
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
            section aria-labelledby="create-key" {
                h2 id="create-key" { (t(lang, "api-keys-create")) }
                form method="post" action="/admin/api-keys" novalidate {
                    input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                    (form::text_field(TextField { required: true, lang, name: "name", label_key: "api-keys-name", hint_key: Some("api-keys-name-hint"),
                        value: &p.form.name, input_type: "text", autocomplete: "off", max_length: 100, errors: p.errors }))
                    fieldset class={ "field" @if chapters_described.is_some() { " field-error" } } aria-describedby=[chapters_described] {
                        legend { (t(lang, "field-chapters")) }
                        (chapters_error)
                        @for c in p.chapters {
                            div class="choice" {
                                input type="checkbox" id={ "key-chapter-" (c.slug) } name="chapters" value=(c.slug)
                                    checked[p.form.chapters.contains(&c.slug)];
                                label for={ "key-chapter-" (c.slug) } { (c.name(lang)) }
                            }
                        }
                    }
                    fieldset class={ "field" @if access_described.is_some() { " field-error" } } aria-describedby=[access_described] {
                        legend { (t(lang, "api-keys-access")) }
                        (access_error)
                        div class="choice" {
                            input type="radio" id="access-read" name="access" value="read" checked[!p.form.write];
                            label for="access-read" { (t(lang, "api-keys-read-only")) }
                        }
                        div class="choice" {
                            input type="radio" id="access-write" name="access" value="write" checked[p.form.write];
                            label for="access-write" { (t(lang, "api-keys-read-write")) }
                        }
                        p class="hint" { (t(lang, "api-keys-write-hint")) }
                    }
                    button type="submit" class="button" { (t(lang, "api-keys-create-submit")) }
                }
            }
        },
    )
}
