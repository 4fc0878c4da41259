//! The emails of joining: the confirmation link, "you are already a member", the welcome.

use domain::Language;

use super::{Action, Body, Brand, Composed};
use crate::i18n::{t, t_with};

/// The confirmation link, saying what pressing its button agrees to: the chapter, the
/// language of emails, and whether newsletters come too.
pub fn confirmation(
    brand: &Brand,
    lang: Language,
    name: &str,
    chapter: &str,
    newsletter: bool,
    token: &str,
) -> Composed {
    Body {
        lang,
        subject: t(lang, "mail-confirm-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t_with(lang, "mail-confirm-intro", &[("chapter", chapter)]),
            agreement(lang, chapter, lang, newsletter),
            t(lang, "mail-confirm-action"),
        ],
        action: Some(Action {
            label: t(lang, "confirm-button"),
            url: brand.link(&format!("/{}/confirm/{token}", lang.code())),
        }),
        after: vec![
            t(lang, "mail-confirm-expiry"),
            t(lang, "mail-confirm-ignore"),
        ],
        unsubscribe: None,
    }
    .render(brand)
}

/// What confirming records, in one sentence in `lang`: the page and the email say the same.
/// `emails` is the language the person chose for their emails.
pub fn agreement(lang: Language, chapter: &str, emails: Language, newsletter: bool) -> String {
    let language = t(lang, &format!("in-language-{}", emails.code()));
    let key = if newsletter {
        "confirm-agrees-newsletter"
    } else {
        "confirm-agrees-no-newsletter"
    };
    t_with(lang, key, &[("chapter", chapter), ("language", &language)])
}

pub fn already_member(brand: &Brand, lang: Language, name: &str) -> Composed {
    Body {
        lang,
        subject: t(lang, "mail-already-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t(lang, "mail-already-intro"),
            t(lang, "mail-already-ignore"),
        ],
        action: None,
        after: vec![],
        unsubscribe: None,
    }
    .render(brand)
}

/// The welcome. A member who asked for the newsletter gets their unsubscribe link with it.
pub fn welcome(
    brand: &Brand,
    lang: Language,
    name: &str,
    chapter: &str,
    unsubscribe_token: Option<&str>,
) -> Composed {
    let newsletter = unsubscribe_token.is_some();
    let home = brand.link(&format!("/{}/", lang.code()));
    Body {
        lang,
        subject: t(lang, "mail-welcome-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t_with(lang, "mail-welcome-intro", &[("chapter", chapter)]),
            t(
                lang,
                if newsletter {
                    "mail-welcome-newsletter"
                } else {
                    "mail-welcome-no-newsletter"
                },
            ),
            t_with(lang, "mail-welcome-visit", &[("url", &home)]),
        ],
        action: None,
        after: vec![],
        unsubscribe: unsubscribe_token
            .map(|token| brand.link(&format!("/{}/unsubscribe/{token}", lang.code()))),
    }
    .render(brand)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brand() -> Brand {
        Brand {
            base_url: "https://reseau.example/".into(),
            postal_address: "100 Rue Exemple, Ottawa ON K1A 0A1".into(),
            contact_email: "contact@reseau.example".into(),
            unsubscribe_mailto: Some("unsubscribe@reseau.example".into()),
        }
    }

    #[test]
    fn confirmation_links_to_the_page_in_its_language() {
        let mail = confirmation(&brand(), Language::Fr, "Amélie", "Canada", true, "abc123");
        assert!(
            mail.text
                .contains("https://reseau.example/fr/confirm/abc123")
        );
        assert!(
            mail.html
                .contains("href=\"https://reseau.example/fr/confirm/abc123\"")
        );
        assert!(mail.text.contains("Amélie"));
        assert!(
            mail.text
                .contains("avec des courriels en français, et vous vous abonnez à l’infolettre"),
            "says what confirming agrees to: {}",
            mail.text
        );
        let without = confirmation(&brand(), Language::En, "A", "Canada", false, "x");
        assert!(
            without
                .text
                .contains("It does not subscribe you to the newsletter")
        );
        assert!(
            mail.text.contains("100 Rue Exemple, Ottawa ON K1A 0A1"),
            "postal address in footer"
        );
        assert!(mail.html.contains("lang=\"fr\""));
        assert_ne!(mail.subject, without.subject);
    }

    #[test]
    fn a_subscriber_welcome_carries_one_click_unsubscribe() {
        let mail = welcome(&brand(), Language::Es, "Ana", "México", Some("tok"));
        let url = "https://reseau.example/es/unsubscribe/tok";
        assert!(mail.text.contains(url));
        assert_eq!(
            mail.headers,
            vec![
                (
                    "List-Unsubscribe".to_owned(),
                    format!("<{url}>, <mailto:unsubscribe@reseau.example?subject=unsubscribe>")
                ),
                (
                    "List-Unsubscribe-Post".to_owned(),
                    "List-Unsubscribe=One-Click".to_owned()
                ),
            ]
        );
        assert!(
            welcome(&brand(), Language::Es, "Ana", "México", None)
                .headers
                .is_empty()
        );
    }

    #[test]
    fn names_are_escaped_in_html() {
        let mail = already_member(&brand(), Language::En, "<b>x</b>");
        assert!(!mail.html.contains("<b>x</b>"));
        assert!(mail.html.contains("&lt;b&gt;x&lt;/b&gt;"));
    }
}
