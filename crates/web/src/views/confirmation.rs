//! The pages of the joining journey: check your email, confirm with a button, confirmed, and
//! what an expired or already used confirmation link shows.

use domain::Language;
use mailer::{
    Brand,
    i18n::{t, t_with},
};
use maud::{Markup, html};

use super::{
    form::button_form,
    layout::{Shell, page},
    message::message,
};

pub fn check_email(lang: Language, brand: &Brand) -> Markup {
    message(
        lang,
        brand,
        "/join/check-email",
        "check-email-title",
        &["check-email-text", "check-email-spam"],
        html! {},
    )
}

/// What a confirmation page shows: who joins which chapter, and what pressing agrees to.
pub struct ConfirmView<'a> {
    pub token: &'a str,
    pub name: &'a str,
    pub chapter: &'a str,
    pub agreement: &'a str,
}

pub fn confirm(lang: Language, brand: &Brand, view: &ConfirmView<'_>, csrf: &str) -> Markup {
    let title = t(lang, "confirm-title");
    let token = view.token;
    let action = format!("/{}/confirm/{token}", lang.code());
    page(
        &Shell {
            lang,
            title: &title,
            path: &format!("/confirm/{token}"),
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t_with(lang, "confirm-text", &[("chapter", view.chapter), ("name", view.name)])) }
            p class="agreement" { (view.agreement) }
            (button_form(&action, csrf, &t(lang, "confirm-button")))
        },
    )
}

pub fn confirmed(lang: Language, brand: &Brand) -> Markup {
    message(
        lang,
        brand,
        "/join/confirmed",
        "confirmed-title",
        &["confirmed-text"],
        html! {},
    )
}

pub fn already_active(lang: Language, brand: &Brand, path: &str) -> Markup {
    message(
        lang,
        brand,
        path,
        "already-active-title",
        &["already-active-text"],
        html! {},
    )
}

pub fn link_expired(lang: Language, brand: &Brand, token: &str, csrf: &str) -> Markup {
    let action = format!("/{}/confirm/{token}/renew", lang.code());
    message(
        lang,
        brand,
        &format!("/confirm/{token}"),
        "link-expired-title",
        &["link-expired-text"],
        button_form(&action, csrf, &t(lang, "link-expired-button")),
    )
}
