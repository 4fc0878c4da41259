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

/// The message keys defined in the Fluent files of `lang`, read from the embedded sources.
pub fn locale_keys(lang: Language) -> Vec<String> {
    let sources: &[&str] = match lang {
        Language::En => &[
            include_str!("../../../locales/en/site.ftl"),
            include_str!("../../../locales/en/mail.ftl"),
            include_str!("../../../locales/en/regions.ftl"),
            include_str!("../../../locales/en/accessibility.ftl"),
            include_str!("../../../locales/en/newsletters.ftl"),
            include_str!("../../../locales/en/ops.ftl"),
        ],
        Language::Fr => &[
            include_str!("../../../locales/fr/site.ftl"),
            include_str!("../../../locales/fr/mail.ftl"),
            include_str!("../../../locales/fr/regions.ftl"),
            include_str!("../../../locales/fr/accessibility.ftl"),
            include_str!("../../../locales/fr/newsletters.ftl"),
            include_str!("../../../locales/fr/ops.ftl"),
        ],
        Language::Es => &[
            include_str!("../../../locales/es/site.ftl"),
            include_str!("../../../locales/es/mail.ftl"),
            include_str!("../../../locales/es/regions.ftl"),
            include_str!("../../../locales/es/accessibility.ftl"),
            include_str!("../../../locales/es/newsletters.ftl"),
            include_str!("../../../locales/es/ops.ftl"),
        ],
    };
    sources
        .iter()
        .flat_map(|source| source.lines())
        .filter_map(|line| {
            let (key, _) = line.split_once('=')?;
            let key = key.trim_end();
            let valid = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            valid.then(|| key.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_key_exists_in_every_language() {
        let english: BTreeSet<String> = locale_keys(Language::En).into_iter().collect();
        assert!(english.len() > 100, "the English files look empty");
        for lang in [Language::Fr, Language::Es] {
            let other: BTreeSet<String> = locale_keys(lang).into_iter().collect();
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        }
    }

    #[test]
    fn languages_differ_and_arguments_fill_in() {
        assert_eq!(t(Language::Fr, "nav-home"), "Accueil");
        assert_ne!(t(Language::En, "join-title"), t(Language::Es, "join-title"));
        let greeting = t_with(Language::En, "mail-greeting", &[("name", "Amara")]);
        assert_eq!(greeting, "Hello Amara,");
    }
}
