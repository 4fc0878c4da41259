//! Every user-facing string, for pages and emails, comes from the Fluent files in `locales/`.

use std::{borrow::Cow, collections::HashMap};

use domain::Language;
use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "en",
        // Isolation marks would end up as stray characters in plain-text email.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");
static ES: LanguageIdentifier = langid!("es");

fn id(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::En => &EN,
        Language::Fr => &FR,
        Language::Es => &ES,
    }
}

/// The text of `key` in `lang`.
pub fn t(lang: Language, key: &str) -> String {
    LOCALES.lookup(id(lang), key)
}

/// The text of `key` in `lang`, with named arguments.
pub fn t_with(lang: Language, key: &str, args: &[(&'static str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.to_string())))
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_differ_and_arguments_fill_in() {
        assert_eq!(t(Language::Fr, "nav-home"), "Accueil");
        assert_ne!(t(Language::En, "join-title"), t(Language::Es, "join-title"));
        let greeting = t_with(Language::En, "mail-greeting", &[("name", "Amara")]);
        assert_eq!(greeting, "Hello Amara,");
    }
}
