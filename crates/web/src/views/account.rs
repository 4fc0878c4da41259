//! Sign-in, the account page, leaving and unsubscribing.

use domain::{
    Language, entities::chapter, entities::consent, entities::member, events::RegistrationStatus,
};
use mailer::{
    Brand,
    i18n::{t, t_with},
};
use maud::{Markup, html};

use super::{
    form::{self, FieldErrors, TextField, button_form, field_id},
    layout::{Shell, page},
    message::message,
    profile,
};

pub fn sign_in_form(
    lang: Language,
    brand: &Brand,
    email: &str,
    errors: &FieldErrors,
    csrf: &str,
    stamp: &str,
) -> Markup {
    let title = t(lang, "sign-in-title");
    page(
        &Shell {
            lang,
            title: &title,
            path: "/sign-in",
            brand,
        },
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            p class="lede" { (t(lang, "sign-in-intro")) }
            form method="post" action={ "/" (lang.code()) "/sign-in" } novalidate {
                (form::protection(lang, csrf, stamp))
                (form::text_field(TextField { required: true,
                    lang, name: "email", label_key: "field-email", hint_key: None,
                    value: email, input_type: "email", autocomplete: "email", max_length: 254, errors,
                }))
                button type="submit" class="button" { (t(lang, "sign-in-submit")) }
            }
        },
    )
}

pub fn sign_in_sent(lang: Language, brand: &Brand) -> Markup {
    message(
        lang,
        brand,
        "/sign-in/sent",
        "sign-in-sent-title",
        &["sign-in-sent-text"],
        html! {},
    )
}

pub fn sign_in_confirm(
    lang: Language,
    brand: &Brand,
    token: &str,
    name: &str,
    csrf: &str,
) -> Markup {
    let title = t(lang, "sign-in-confirm-title");
    let action = format!("/{}/sign-in/{token}", lang.code());
    page(
        &Shell {
            lang,
            title: &title,
            path: &format!("/sign-in/{token}"),
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t_with(lang, "sign-in-confirm-text", &[("name", name)])) }
            (button_form(&action, csrf, &t(lang, "sign-in-confirm-button")))
        },
    )
}

/// A sign-in link that no longer works, whatever the reason: expired, used or unknown.
pub fn sign_in_dead(lang: Language, brand: &Brand, path: &str, title_key: &str) -> Markup {
    message(
        lang,
        brand,
        path,
        title_key,
        &["sign-in-expired-text"],
        html! { p { a href={ "/" (lang.code()) "/sign-in" } { (t(lang, "sign-in-again")) } } },
    )
}

pub fn signed_out(lang: Language, brand: &Brand) -> Markup {
    message(
        lang,
        brand,
        // Its own address now (sign-out redirects here): the language links stay on it.
        "/signed-out",
        "signed-out-title",
        &["signed-out-text"],
        html! {},
    )
}

/// What the account page shows besides the forms' own state.
pub struct AccountPage<'a> {
    pub lang: Language,
    pub brand: &'a Brand,
    pub member: &'a member::Model,
    pub chapters: &'a [chapter::Model],
    pub values: &'a ProfileValues,
    pub errors: &'a FieldErrors,
    pub new_email: &'a str,
    pub email_errors: &'a FieldErrors,
    pub subscribed: bool,
    pub consents: &'a [consent::Model],
    pub registrations: &'a [(
        domain::entities::registration::Model,
        domain::entities::event::Model,
    )],
    /// The events among `registrations` that have a programme of sessions to choose from.
    pub programmes: &'a std::collections::HashSet<i64>,
    /// A confirmation to show at the top (a locale key).
    pub notice: Option<&'static str>,
    pub csrf: &'a str,
    /// The Expert Network's section (`views::experts::listing::account_section`).
    pub expert: Markup,
}

/// The profile form's values, as stored or as typed.
#[derive(Clone, Debug, Default)]
pub struct ProfileValues {
    pub full_name: String,
    pub chapter: String,
    pub region: String,
    pub interests: Vec<String>,
    pub language: String,
}

pub fn account(p: &AccountPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "account-title");
    let base = format!("/{}/account", lang.code());
    let mut all_errors = p.errors.clone();
    for (field, key) in p.email_errors.iter() {
        all_errors.add(field.to_owned(), key);
    }
    page(
        &Shell {
            lang,
            title: &title,
            path: "/account",
            brand: p.brand,
        },
        html! {
            (form::error_summary(lang, &all_errors))
            h1 { (title) }
            @if let Some(key) = p.notice {
                p class="notice" role="status" { (t(lang, key)) }
            }
            p { (t_with(lang, "account-signed-in-as", &[("email", &p.member.email)])) }
            form method="post" action={ "/" (lang.code()) "/sign-out" } class="button-form" {
                input type="hidden" name="csrf_token" value=(p.csrf);
                button type="submit" class="button secondary" { (t(lang, "sign-out")) }
            }

            section aria-labelledby="profile-title" {
                h2 id="profile-title" { (t(lang, "account-profile")) }
                form method="post" action=(base) novalidate {
                    input type="hidden" name="csrf_token" value=(p.csrf);
                    (form::text_field(TextField { required: true,
                        lang, name: "full_name", label_key: "field-full-name", hint_key: None,
                        value: &p.values.full_name, input_type: "text", autocomplete: "name", max_length: 100, errors: p.errors,
                    }))
                    (profile::fields(&profile::Fields {
                        lang,
                        chapters: p.chapters,
                        chapter: &p.values.chapter,
                        region: &p.values.region,
                        interests: &p.values.interests,
                        language: &p.values.language,
                        errors: p.errors,
                    }))
                    button type="submit" class="button" { (t(lang, "account-save")) }
                }
            }

            section aria-labelledby="newsletter-title" {
                h2 id="newsletter-title" { (t(lang, "account-newsletter-title")) }
                p { (t(lang, if p.subscribed { "account-newsletter-on" } else { "account-newsletter-off" })) }
                form method="post" action={ (base) "/newsletter" } class="button-form" {
                    input type="hidden" name="csrf_token" value=(p.csrf);
                    input type="hidden" name="subscribe" value=(if p.subscribed { "no" } else { "yes" });
                    button type="submit" class="button" {
                        (t(lang, if p.subscribed { "account-unsubscribe" } else { "account-subscribe" }))
                    }
                }
            }

            section aria-labelledby="email-title" {
                h2 id="email-title" { (t(lang, "account-email-title")) }
                p { (t(lang, "account-email-intro")) }
                form method="post" action={ (base) "/email" } novalidate {
                    input type="hidden" name="csrf_token" value=(p.csrf);
                    (form::text_field(TextField { required: true,
                        lang, name: "email", label_key: "account-email-new", hint_key: None,
                        value: p.new_email, input_type: "email", autocomplete: "email", max_length: 254, errors: p.email_errors,
                    }))
                    button type="submit" class="button" { (t(lang, "account-email-submit")) }
                }
            }

            section aria-labelledby="registrations-title" {
                h2 id="registrations-title" { (t(lang, "account-registrations-title")) }
                @if p.registrations.is_empty() {
                    p { (t(lang, "account-registrations-none")) }
                } @else {
                    ul class="my-registrations" {
                        @for (r, e) in p.registrations {
                            li {
                                a href={ "/" (lang.code()) "/events/" (e.slug) } lang=[super::shown::shown_lang(&e.title, lang)] { (e.title(lang)) }
                                " — " (mailer::dates::event_span(lang, e)) " — "
                                @match r.status {
                                    RegistrationStatus::Confirmed => (t(lang, "registration-status-confirmed")),
                                    RegistrationStatus::Waitlisted => (t_with(lang, "registration-status-waitlisted", &[("position", &r.waitlist_position.unwrap_or_default().to_string())])),
                                    RegistrationStatus::Cancelled => (t(lang, "registration-status-cancelled")),
                                    RegistrationStatus::Pending => (t(lang, "registration-status-pending")),
                                }
                                @if r.status == RegistrationStatus::Confirmed && p.programmes.contains(&e.id) {
                                    " — " a href={ "/" (lang.code()) "/events/" (e.slug) "/programme" } { (t(lang, "summit-choose-sessions")) }
                                }
                            }
                        }
                    }
                }
            }

            (p.expert)

            section aria-labelledby="consents-title" {
                h2 id="consents-title" { (t(lang, "account-consents-title")) }
                ul class="ledger" {
                    @for entry in p.consents { li { (consent_line(lang, entry)) } }
                }
            }

            section aria-labelledby="data-title" {
                h2 id="data-title" { (t(lang, "account-data-title")) }
                p { (t(lang, "account-data-text")) }
                p { a class="button" href={ (base) "/data" } download="reseau-my-data.json" { (t(lang, "account-data-button")) } }
            }

            section aria-labelledby="sessions-title" {
                h2 id="sessions-title" { (t(lang, "account-sessions-title")) }
                p { (t(lang, "account-sessions-text")) }
                form method="post" action={ (base) "/sign-out-everywhere" } class="button-form" {
                    input type="hidden" name="csrf_token" value=(p.csrf);
                    button type="submit" class="button secondary" { (t(lang, "account-sign-out-everywhere")) }
                }
            }

            section aria-labelledby="delete-title" {
                h2 id="delete-title" { (t(lang, "account-delete-title")) }
                p { (t(lang, "account-delete-text")) }
                p { a href={ (base) "/delete" } { (t(lang, "account-delete-link")) } }
            }
        },
    )
}

/// One ledger entry in plain words: "2026-11-28: you subscribed to the newsletter, on the join
/// form (wording join-2026-11-28)."
pub fn consent_line(lang: Language, entry: &consent::Model) -> String {
    let action = if entry.granted {
        "granted"
    } else {
        "withdrawn"
    };
    let what = t(
        lang,
        &format!("consent-{}-{action}", entry.purpose.as_str()),
    );
    let source_key = format!("consent-source-{}", entry.source);
    let how = if [
        "join",
        "account",
        "unsubscribe-link",
        "one-click",
        "erasure",
    ]
    .contains(&entry.source.as_str())
    {
        t(lang, &source_key)
    } else {
        t(lang, "consent-source-other")
    };
    let date = mailer::dates::network_day(lang, entry.created_at);
    t_with(
        lang,
        "consent-line",
        &[
            ("date", &date),
            ("what", &what),
            ("how", &how),
            ("version", &entry.wording_version),
        ],
    )
}

pub fn email_change_confirm(
    lang: Language,
    brand: &Brand,
    token: &str,
    new_email: &str,
    csrf: &str,
) -> Markup {
    let title = t(lang, "email-change-confirm-title");
    let action = format!("/{}/account/email/{token}", lang.code());
    page(
        &Shell {
            lang,
            title: &title,
            path: &format!("/account/email/{token}"),
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t_with(lang, "email-change-confirm-text", &[("email", new_email)])) }
            (button_form(&action, csrf, &t(lang, "email-change-confirm-button")))
        },
    )
}

pub fn email_changed(lang: Language, brand: &Brand) -> Markup {
    message(
        lang,
        brand,
        "/account",
        "email-changed-title",
        &["email-changed-text"],
        html! {},
    )
}

pub fn delete_form(lang: Language, brand: &Brand, errors: &FieldErrors, csrf: &str) -> Markup {
    let title = t(lang, "delete-title");
    let (error, described) = form::error_of(lang, errors, "confirm");
    page(
        &Shell {
            lang,
            title: &title,
            path: "/account/delete",
            brand,
        },
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            p class="lede" { (t(lang, "delete-warning")) }
            form method="post" action={ "/" (lang.code()) "/account/delete" } novalidate {
                input type="hidden" name="csrf_token" value=(csrf);
                div class={ "field choice" @if described.is_some() { " field-error" } } {
                    (error)
                    input type="checkbox" id=(field_id("confirm")) name="confirm" value="yes"
                        aria-invalid=[described.as_ref().map(|_| "true")] aria-describedby=[described];
                    label for=(field_id("confirm")) { (t(lang, "delete-confirm-label")) }
                }
                button type="submit" class="button danger" { (t(lang, "delete-button")) }
            }
        },
    )
}

pub fn deleted(lang: Language, brand: &Brand) -> Markup {
    message(
        lang,
        brand,
        "/account/deleted",
        "deleted-title",
        &["deleted-text"],
        html! {
            p { a href={ "/" (lang.code()) "/join" } { (t(lang, "link-join-again")) } }
        },
    )
}

/// The page an unsubscribe link opens: one button that posts back to the same address. The
/// token authorises it; no cookie is needed.
pub fn unsubscribe(lang: Language, brand: &Brand, token: &str) -> Markup {
    let title = t(lang, "unsubscribe-title");
    let action = format!("/{}/unsubscribe/{token}", lang.code());
    page(
        &Shell {
            lang,
            title: &title,
            path: &format!("/unsubscribe/{token}"),
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "unsubscribe-text")) }
            form method="post" action=(action) class="button-form" {
                button type="submit" class="button" { (t(lang, "unsubscribe-button")) }
            }
        },
    )
}

pub fn unsubscribed(lang: Language, brand: &Brand, token: &str, changed: bool) -> Markup {
    let texts: &[&str] = if changed {
        &["unsubscribed-text"]
    } else {
        &["unsubscribed-already-text", "unsubscribed-text"]
    };
    message(
        lang,
        brand,
        &format!("/unsubscribe/{token}"),
        "unsubscribed-title",
        texts,
        html! {},
    )
}

pub fn unsubscribe_expired(lang: Language, brand: &Brand, token: &str) -> Markup {
    message(
        lang,
        brand,
        &format!("/unsubscribe/{token}"),
        "link-expired-title",
        &["unsubscribe-expired-text"],
        html! { p { a href={ "/" (lang.code()) "/sign-in" } { (t(lang, "nav-sign-in")) } } },
    )
}
