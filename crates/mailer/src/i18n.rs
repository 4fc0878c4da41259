//! Every user-facing string, for pages and emails, comes from the Fluent files in `locales/`.

use std::{borrow::Cow, collections::HashMap, sync::LazyLock};

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

/// Each language's Fluent identifier, parsed once from its code (the `locales/` folder name).
static IDS: LazyLock<Vec<(Language, LanguageIdentifier)>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .map(|lang| (lang, lang.code().parse().unwrap_or_else(|_| langid!("en"))))
        .collect()
});

fn id(lang: Language) -> &'static LanguageIdentifier {
    static EN: LanguageIdentifier = langid!("en");
    IDS.iter()
        .find(|(l, _)| *l == lang)
        .map_or(&EN, |(_, id)| id)
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

/// The text of `key` in `lang` for `count` things: `$count` goes in as a number, so the
/// message's plural variants (`[one]`, `*[other]`) follow the language's rules (French says
/// "1 personne" and "0 personne", English "0 people").
pub fn t_count(lang: Language, key: &str, count: i64, args: &[(&'static str, &str)]) -> String {
    let mut all: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.to_string())))
        .collect();
    all.insert(Cow::Borrowed("count"), FluentValue::from(count));
    LOCALES.lookup_with_args(id(lang), key, &all)
}

/// The text of `key` with several counts (`$confirmed`, `$waitlisted`, …), each passed as a
/// number so that each chooses its own plural variant.
pub fn t_counts(lang: Language, key: &str, counts: &[(&'static str, i64)]) -> String {
    let all: HashMap<Cow<'static, str>, FluentValue> = counts
        .iter()
        .map(|(name, n)| (Cow::Borrowed(*name), FluentValue::from(*n)))
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &all)
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

    #[test]
    fn counts_take_the_plural_of_their_language() {
        let sent = |lang, n| t_count(lang, "admin-message-sent", n, &[]);
        assert_eq!(
            sent(Language::En, 1),
            "The message is on its way to 1 person."
        );
        assert_eq!(
            sent(Language::En, 0),
            "The message is on its way to 0 people."
        );
        assert_eq!(sent(Language::Fr, 0), "Le message part vers 0 personne.");
        assert_eq!(sent(Language::Fr, 2), "Le message part vers 2 personnes.");
        assert_eq!(
            sent(Language::Es, 1),
            "El mensaje va en camino a 1 persona."
        );
        assert_eq!(t_count(Language::En, "members-count", 1, &[]), "1 member");
    }
}
