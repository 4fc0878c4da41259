//! Text that people write in several of the site's languages (an event's title, a chapter's
//! description, a newsletter's body, an expert's bio, a session's title): one value per
//! language, stored as one JSON object keyed by language code (`{"en": "…", "fr": "…"}`) in a
//! text column, so a new language needs no migration and no new field.
//!
//! The one fallback rule for such content lives here: a language's own text when it is not
//! blank, else English.

use std::collections::BTreeMap;

use sea_orm::{
    ColIdx, DbErr, QueryResult, TryGetError, TryGetable, Value,
    sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr},
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Language;

/// One text per language. Blank texts are not kept, so "has a French version" and "French is
/// not blank" are the same question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Localized(BTreeMap<Language, String>);

impl Localized {
    pub fn new() -> Self {
        Self::default()
    }

    /// The same text in every language given (tests, seeds).
    pub fn uniform(text: &str, langs: &[Language]) -> Self {
        langs.iter().map(|&lang| (lang, text)).collect()
    }

    /// Sets `lang`'s text, trimmed; a blank text removes it.
    pub fn set(&mut self, lang: Language, text: impl Into<String>) {
        let text = text.into();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.0.remove(&lang);
        } else if trimmed.len() == text.len() {
            self.0.insert(lang, text);
        } else {
            self.0.insert(lang, trimmed.to_owned());
        }
    }

    /// With `lang`'s text set, for building values in one expression.
    pub fn with(mut self, lang: Language, text: impl Into<String>) -> Self {
        self.set(lang, text);
        self
    }

    /// `lang`'s own text, if it has one.
    pub fn get(&self, lang: Language) -> Option<&str> {
        self.0.get(&lang).map(String::as_str)
    }

    /// `lang`'s own text, or "" (form fields).
    pub fn own(&self, lang: Language) -> &str {
        self.get(lang).unwrap_or("")
    }

    /// What a reader of `lang` is shown: their language's text, else English, else "".
    pub fn or_english(&self, lang: Language) -> &str {
        self.get(lang)
            .or_else(|| self.get(Language::En))
            .unwrap_or("")
    }

    /// Which language `or_english(lang)` shows, so a page can mark it with `lang`.
    pub fn shown_language(&self, lang: Language) -> Language {
        if self.0.contains_key(&lang) {
            lang
        } else {
            Language::En
        }
    }

    /// The languages of `required` that have no text.
    pub fn missing(&self, required: &[Language]) -> Vec<Language> {
        required
            .iter()
            .copied()
            .filter(|lang| !self.0.contains_key(lang))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The texts there are, in the order of `Language::ALL`.
    pub fn iter(&self) -> impl Iterator<Item = (Language, &str)> {
        self.0.iter().map(|(&lang, text)| (lang, text.as_str()))
    }

    /// The longest text, in characters (length limits).
    pub fn longest_chars(&self) -> usize {
        self.0
            .values()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0)
    }

    /// The stored form: a JSON object keyed by language code.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }

    /// Reads the stored form. Codes of languages Réseau no longer speaks are dropped rather
    /// than refused, so removing a language never makes a row unreadable.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

impl<S: Into<String>> FromIterator<(Language, S)> for Localized {
    fn from_iter<I: IntoIterator<Item = (Language, S)>>(iter: I) -> Self {
        let mut texts = Self::new();
        for (lang, text) in iter {
            texts.set(lang, text);
        }
        texts
    }
}

impl Serialize for Localized {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(lang, text)| (lang.code(), text)))
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(raw
            .into_iter()
            .filter_map(|(code, text)| Some((code.parse::<Language>().ok()?, text)))
            .collect())
    }
}

// Stored as text holding JSON (not a JSON column type), the same on SQLite and PostgreSQL.
impl From<Localized> for Value {
    fn from(texts: Localized) -> Self {
        Value::String(Some(texts.to_json()))
    }
}

impl TryGetable for Localized {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let json = String::try_get_by(res, index)?;
        Localized::from_json(&json)
            .map_err(|e| TryGetError::DbErr(DbErr::Type(format!("localized text: {e}"))))
    }
}

impl ValueType for Localized {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        match v {
            Value::String(Some(json)) => Localized::from_json(&json).map_err(|_| ValueTypeErr),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        "Localized".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::Text
    }
}

impl Nullable for Localized {
    fn null() -> Value {
        Value::String(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_texts_are_not_kept_and_readers_fall_back_to_english() {
        let texts = Localized::new()
            .with(Language::En, "Summit")
            .with(Language::Fr, "  Sommet ")
            .with(Language::Es, "   ");
        assert_eq!(texts.get(Language::Fr), Some("Sommet"));
        assert_eq!(texts.get(Language::Es), None);
        assert_eq!(texts.or_english(Language::Es), "Summit");
        assert_eq!(texts.or_english(Language::Pt), "Summit");
        assert_eq!(texts.shown_language(Language::Pt), Language::En);
        assert_eq!(texts.shown_language(Language::Fr), Language::Fr);
        assert_eq!(
            texts.missing(&[Language::En, Language::Fr, Language::Es]),
            vec![Language::Es]
        );
    }

    #[test]
    fn the_stored_form_is_a_json_object_by_code_and_forgets_unknown_codes() {
        let texts = Localized::new()
            .with(Language::Pt, "Cúpula")
            .with(Language::En, "Summit");
        let json = texts.to_json();
        assert_eq!(json, r#"{"en":"Summit","pt":"Cúpula"}"#);
        assert_eq!(Localized::from_json(&json).ok(), Some(texts));
        let read = Localized::from_json(r#"{"en":"Summit","de":"Gipfel"}"#).ok();
        assert_eq!(read, Some(Localized::new().with(Language::En, "Summit")));
        assert!(Localized::from_json("not json").is_err());
    }

    #[test]
    fn an_empty_value_shows_nothing() {
        let texts = Localized::new();
        assert!(texts.is_empty());
        assert_eq!(texts.or_english(Language::Fr), "");
        assert_eq!(texts.to_json(), "{}");
    }
}
