//! The pages around a message: what its sender is told, the page of the confirmation link
//! (one button), and the page of the expert's report link (one button).

use domain::Language;
use mailer::{
    Brand,
    i18n::{t, t_with},
};
use maud::{Markup, html};

use crate::views::{
    form::button_form,
    layout::{Shell, page},
    message::message,
};

fn back_to(lang: Language, slug: &str, name: &str) -> Markup {
    html! {
        p { a href={ "/" (lang.code()) "/experts/" (slug) } { (t_with(lang, "expert-back-to", &[("name", name)])) } }
        p { a href={ "/" (lang.code()) "/experts" } { (t(lang, "experts-back")) } }
    }
}

/// After the form: a link went to the sender's address.
pub fn check_email(lang: Language, brand: &Brand, slug: &str, name: &str) -> Markup {
    message(
        lang,
        brand,
        &format!("/experts/{slug}/check-email"),
        "expert-check-email-title",
        &["expert-check-email-text", "expert-check-email-expiry"],
        back_to(lang, slug, name),
    )
}

/// The message went to the expert.
pub fn sent(lang: Language, brand: &Brand, slug: &str, name: &str) -> Markup {
    message(
        lang,
        brand,
        &format!("/experts/{slug}/sent"),
        "expert-sent-title",
        &["expert-sent-text"],
        back_to(lang, slug, name),
    )
}

/// A confirmed message that could not go: a limit, or the expert stopped taking messages.
pub fn not_sent(lang: Language, brand: &Brand, path: &str, reason_key: &str) -> Markup {
    message(
        lang,
        brand,
        path,
        "expert-not-sent-title",
        &[reason_key],
        html! { p { a href={ "/" (lang.code()) "/experts" } { (t(lang, "experts-back")) } } },
    )
}

/// The confirmation link's page: the button sends the message.
pub fn confirm(lang: Language, brand: &Brand, token: &str, name: &str, csrf: &str) -> Markup {
    let title = t(lang, "expert-confirm-title");
    let path = format!("/experts/messages/{token}");
    page(
        &Shell {
            lang,
            title: &title,
            path: &path,
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t_with(lang, "expert-confirm-text", &[("name", name)])) }
            (button_form(&format!("/{}{path}", lang.code()), csrf, &t(lang, "expert-confirm-button")))
        },
    )
}

/// The report link's page: what reporting does, and the button.
pub fn report(lang: Language, brand: &Brand, token: &str, csrf: &str) -> Markup {
    let title = t(lang, "expert-report-title");
    let path = format!("/experts/reports/{token}");
    page(
        &Shell {
            lang,
            title: &title,
            path: &path,
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, "expert-report-text")) }
            p { (t(lang, "expert-report-private")) }
            (button_form(&format!("/{}{path}", lang.code()), csrf, &t(lang, "expert-report-button")))
        },
    )
}

pub fn reported(lang: Language, brand: &Brand, token: &str) -> Markup {
    message(
        lang,
        brand,
        &format!("/experts/reports/{token}"),
        "expert-reported-title",
        &["expert-reported-text"],
        html! { p { a href={ "/" (lang.code()) "/account/expert" } { (t(lang, "expert-reported-pause")) } } },
    )
}

/// A relay link that no longer works: expired, used, or never issued.
pub fn dead_link(lang: Language, brand: &Brand, path: &str, title_key: &str) -> Markup {
    message(
        lang,
        brand,
        path,
        title_key,
        &["expert-link-dead-text"],
        html! { p { a href={ "/" (lang.code()) "/experts" } { (t(lang, "experts-back")) } } },
    )
}
