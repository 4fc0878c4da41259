//! The emails of self-service: sign-in links, address changes, the goodbye.

use domain::Language;

use super::{Action, Body, Brand, Composed};
use crate::i18n::{t, t_with};

pub fn sign_in(brand: &Brand, lang: Language, name: &str, token: &str) -> Composed {
    Body {
        lang,
        subject: t(lang, "mail-sign-in-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t(lang, "mail-sign-in-intro"),
            t(lang, "mail-sign-in-action"),
        ],
        action: Some(Action {
            label: t(lang, "sign-in-confirm-button"),
            url: brand.link(&format!("/{}/sign-in/{token}", lang.code())),
        }),
        after: vec![t(lang, "mail-sign-in-ignore")],
        unsubscribe: None,
    }
    .render(brand)
}

/// To the new address: the link that makes it the member's.
pub fn email_change(brand: &Brand, lang: Language, name: &str, token: &str) -> Composed {
    Body {
        lang,
        subject: t(lang, "mail-email-change-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t(lang, "mail-email-change-intro"),
            t(lang, "mail-email-change-action"),
        ],
        action: Some(Action {
            label: t(lang, "email-change-confirm-button"),
            url: brand.link(&format!("/{}/account/email/{token}", lang.code())),
        }),
        after: vec![t(lang, "mail-email-change-ignore")],
        unsubscribe: None,
    }
    .render(brand)
}

/// To the old address, once the change is made.
pub fn email_changed(brand: &Brand, lang: Language, name: &str, new_email: &str) -> Composed {
    Body {
        lang,
        subject: t(lang, "mail-email-changed-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t_with(lang, "mail-email-changed-intro", &[("email", new_email)]),
            t_with(
                lang,
                "mail-email-changed-help",
                &[("contact", &brand.contact_email)],
            ),
        ],
        action: None,
        after: vec![],
        unsubscribe: None,
    }
    .render(brand)
}

pub fn goodbye(brand: &Brand, lang: Language, name: &str) -> Composed {
    let join = brand.link(&format!("/{}/join", lang.code()));
    Body {
        lang,
        subject: t(lang, "mail-goodbye-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t(lang, "mail-goodbye-intro"),
            t_with(lang, "mail-goodbye-rejoin", &[("url", &join)]),
        ],
        action: None,
        after: vec![],
        unsubscribe: None,
    }
    .render(brand)
}

/// An invitation to the back office, with the link that sets a password.
pub fn invitation(
    brand: &Brand,
    lang: Language,
    name: &str,
    inviter: &str,
    token: &str,
) -> Composed {
    Body {
        lang,
        subject: t(lang, "mail-invite-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t_with(lang, "mail-invite-intro", &[("inviter", inviter)]),
            t(lang, "mail-invite-action"),
        ],
        action: Some(Action {
            label: t(lang, "invite-submit"),
            url: brand.link(&format!("/admin/invite/{token}")),
        }),
        after: vec![],
        unsubscribe: None,
    }
    .render(brand)
}
