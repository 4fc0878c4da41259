//! The languages Réseau speaks, stored in every language column by their code. The
//! `languages!` list below is the one place a language is declared: its code, BCP 47 tag and
//! CLDR locale, and everything that lists languages (negotiation, switchers, forms, Fluent
//! identifiers, date locales) is derived from it. See `docs/languages.md`.

use std::{fmt, str::FromStr};

use sea_orm::{DeriveActiveEnum, EnumIter};
use serde::{Deserialize, Serialize};

/// Declares `Language` once per language: variant, code (path segment, stored value, Fluent
/// folder under `locales/`), BCP 47 tag (html `lang`, hreflang) and CLDR locale (dates).
macro_rules! languages {
    ($($variant:ident => $code:literal, $tag:literal, $cldr:literal;)+) => {
        /// A language Réseau speaks: every page and email exists in each.
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, EnumIter,
            DeriveActiveEnum,
        )]
        #[sea_orm(rs_type = "String", db_type = "Text")]
        #[serde(rename_all = "lowercase")]
        pub enum Language {
            $(
                #[sea_orm(string_value = $code)]
                $variant,
            )+
        }

        impl Language {
            /// Every language, English first: the order of switchers and form choices.
            pub const ALL: [Language; [$($code),+].len()] = [$(Language::$variant),+];

            /// The short code: the path segment, the stored value and the `locales/` folder.
            pub fn code(self) -> &'static str {
                match self {
                    $(Language::$variant => $code,)+
                }
            }

            /// The BCP 47 tag for html `lang` and hreflang (`pt-BR`).
            pub fn tag(self) -> &'static str {
                match self {
                    $(Language::$variant => $tag,)+
                }
            }

            /// The CLDR locale dates are written in (`en-CA`, `fr-CA`, `es`, `pt-BR`).
            pub fn cldr(self) -> &'static str {
                match self {
                    $(Language::$variant => $cldr,)+
                }
            }
        }

        impl FromStr for Language {
            type Err = UnknownLanguage;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok(Language::$variant),)+
                    _ => Err(UnknownLanguage),
                }
            }
        }
    };
}

// The one list of languages: adding one is a line here and a folder under `locales/`.
languages! {
    En => "en", "en", "en-CA";
    Fr => "fr", "fr", "fr-CA";
    Es => "es", "es", "es";
    Pt => "pt", "pt-BR", "pt-BR";
}

impl Language {
    /// The languages content must be written in before it is published or sent: English and
    /// French, Canada's official languages. Every other language is optional and its readers
    /// fall back to English (`Localized::or_english`).
    pub const REQUIRED: [Language; 2] = [Language::En, Language::Fr];

    pub fn is_required(self) -> bool {
        Self::REQUIRED.contains(&self)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown language")]
pub struct UnknownLanguage;

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_round_trips_its_code() {
        for lang in Language::ALL {
            assert_eq!(lang.code().parse::<Language>(), Ok(lang));
        }
        assert_eq!("pt".parse::<Language>(), Ok(Language::Pt));
        assert_eq!(Language::Pt.tag(), "pt-BR");
        assert_eq!("de".parse::<Language>(), Err(UnknownLanguage));
    }
}
