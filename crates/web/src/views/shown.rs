//! Content written by people is shown in the reader's language when it has that version, else
//! in English (`Localized::or_english`). Text in another language than the page's is marked
//! with its own `lang`, so screen readers read it with the right voice (WCAG 3.1.2).

use domain::{Language, Localized};

/// The `lang` attribute for `texts` shown on a page in `lang`: the tag of the language shown
/// when it is not the page's, else none.
pub fn shown_lang(texts: &Localized, lang: Language) -> Option<&'static str> {
    let shown = texts.shown_language(lang);
    (shown != lang).then(|| shown.tag())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_fallback_is_marked() {
        let title = Localized::new()
            .with(Language::En, "Summit")
            .with(Language::Fr, "Sommet");
        assert_eq!(shown_lang(&title, Language::Fr), None);
        assert_eq!(shown_lang(&title, Language::En), None);
        assert_eq!(shown_lang(&title, Language::Pt), Some("en"));
    }
}
