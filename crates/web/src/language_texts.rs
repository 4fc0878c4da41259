//! The per-language fields of the back office's content forms: `title_en`, `title_fr`, …, one
//! `<field>_<code>` for every language in `Language::ALL`, read whatever languages there are,
//! so a new language adds its fields to every form without touching one.

use std::{collections::BTreeMap, fmt};

use domain::{Language, Localized};
use serde::{
    Deserialize, Deserializer,
    de::{IgnoredAny, MapAccess, Visitor},
};

/// The name of `field`'s input in `lang`: `title_pt`.
pub fn field_name(field: &str, lang: Language) -> String {
    format!("{field}_{}", lang.code())
}

/// The per-language texts of a form, as typed. Read from a form struct with
/// `#[serde(flatten)]`: it keeps the keys that end in `_<code>` of a language Réseau speaks and
/// ignores the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LanguageTexts(BTreeMap<String, String>);

impl LanguageTexts {
    /// The stored texts of `fields` (name, texts), for an edit form.
    pub fn stored(fields: &[(&str, &Localized)]) -> Self {
        let mut texts = Self::default();
        for (field, values) in fields {
            for (lang, text) in values.iter() {
                texts.0.insert(field_name(field, lang), text.to_owned());
            }
        }
        texts
    }

    /// Sets one input's value by its full name (`speaks_fr`), for an edit form.
    pub fn set(&mut self, name: &str, value: &str) {
        self.0.insert(name.to_owned(), value.to_owned());
    }

    /// `field` in `lang` as typed, or "".
    pub fn typed(&self, field: &str, lang: Language) -> &str {
        self.0
            .get(&field_name(field, lang))
            .map_or("", String::as_str)
    }

    /// `field` in every language, blank texts left out.
    pub fn localized(&self, field: &str) -> Localized {
        Language::ALL
            .into_iter()
            .map(|lang| (lang, self.typed(field, lang)))
            .collect()
    }
}

/// Whether `key` is some field's name in a language: `<field>_<code>`.
fn is_language_field(key: &str) -> bool {
    key.rsplit_once('_')
        .is_some_and(|(field, code)| !field.is_empty() && code.parse::<Language>().is_ok())
}

/// A form value: one, or several when a name is repeated (the last one counts).
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for LanguageTexts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextsVisitor;

        impl<'de> Visitor<'de> for TextsVisitor {
            type Value = LanguageTexts;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("form fields")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if is_language_field(&key) {
                        let text = match map.next_value::<OneOrMany>()? {
                            OneOrMany::One(text) => text,
                            OneOrMany::Many(texts) => texts.into_iter().last().unwrap_or_default(),
                        };
                        texts.insert(key, text);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(LanguageTexts(texts))
            }
        }

        deserializer.deserialize_map(TextsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Form {
        slug: String,
        chapters: Vec<String>,
        #[serde(flatten)]
        texts: LanguageTexts,
    }

    fn read(body: &str) -> Form {
        serde_html_form::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"))
    }

    #[test]
    fn every_language_field_is_read_beside_the_others() {
        let form = read(
            "slug=x&chapters=canada&title_en=Summit&title_pt=C%C3%BApula&title_de=Gipfel\
             &description_fr=+Texte+&csrf_token=t&title_es=",
        );
        assert_eq!(form.slug, "x");
        assert_eq!(form.chapters, ["canada"]);
        assert_eq!(form.texts.typed("title", Language::Pt), "Cúpula");
        assert_eq!(form.texts.typed("description", Language::Fr), " Texte ");
        let titles = form.texts.localized("title");
        assert_eq!(
            titles,
            Localized::new()
                .with(Language::En, "Summit")
                .with(Language::Pt, "Cúpula")
        );
        assert_eq!(
            form.texts.localized("description").get(Language::Fr),
            Some("Texte")
        );
    }

    #[test]
    fn repeated_names_keep_the_last_value_and_several_chapters_still_read() {
        let form = read("chapters=a&chapters=b&title_en=one&title_en=two");
        assert_eq!(form.chapters, ["a", "b"]);
        assert_eq!(form.texts.typed("title", Language::En), "two");
    }

    #[test]
    fn stored_texts_fill_the_fields_back() {
        let titles = Localized::new().with(Language::Pt, "Cúpula");
        let texts = LanguageTexts::stored(&[("title", &titles)]);
        assert_eq!(texts.typed("title", Language::Pt), "Cúpula");
        assert_eq!(texts.typed("title", Language::En), "");
    }
}
