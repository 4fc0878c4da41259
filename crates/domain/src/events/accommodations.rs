//! Accommodation needs a registrant states: structured, stored as JSON on the registration,
//! seen only by the organizers of the event's chapter and erased some days after the event.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Language, entities::registration};

/// Sign-language interpretation asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignLanguage {
    #[default]
    None,
    /// American Sign Language.
    Asl,
    /// Langue des signes québécoise.
    Lsq,
}

/// Structured accommodation needs, stored as JSON on the registration and erased some days
/// after the event. Seen only by organizers of the event's chapter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Accommodations {
    pub sign_language: SignLanguage,
    pub captions: bool,
    /// Interpretation into these languages.
    pub interpretation: Vec<Language>,
    pub mobility: bool,
    pub dietary: String,
    pub other: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("an accommodation text is longer than {max} characters", max = Accommodations::MAX_TEXT_CHARS)]
pub struct AccommodationsTooLong;

impl Accommodations {
    pub const MAX_TEXT_CHARS: usize = 1000;

    /// For the form: whether the free texts fit.
    pub fn check(&self) -> Result<(), AccommodationsTooLong> {
        if [&self.dietary, &self.other]
            .iter()
            .any(|t| t.trim().chars().count() > Self::MAX_TEXT_CHARS)
        {
            return Err(AccommodationsTooLong);
        }
        Ok(())
    }

    /// Nothing asked for.
    pub fn is_empty(&self) -> bool {
        self.sign_language == SignLanguage::None
            && !self.captions
            && self.interpretation.is_empty()
            && !self.mobility
            && self.dietary.trim().is_empty()
            && self.other.trim().is_empty()
    }

    /// Texts trimmed (and cut to the limit, should a caller not have checked), languages
    /// de-duplicated in a fixed order.
    fn normalised(mut self) -> Self {
        let cut = |t: &str| {
            t.trim()
                .chars()
                .take(Self::MAX_TEXT_CHARS)
                .collect::<String>()
        };
        self.dietary = cut(&self.dietary);
        self.other = cut(&self.other);
        self.interpretation = Language::ALL
            .into_iter()
            .filter(|l| self.interpretation.contains(l))
            .collect();
        self
    }

    /// The stored form: JSON, or `None` when nothing is asked for.
    pub fn to_stored(&self) -> Result<Option<String>, DomainError> {
        let normalised = self.clone().normalised();
        if normalised.is_empty() {
            return Ok(None);
        }
        serde_json::to_string(&normalised)
            .map(Some)
            .map_err(|_| DomainError::Inconsistent("accommodations do not serialise"))
    }

    /// Reads a registration's accommodations; `None` when there are none (or they were erased).
    pub fn of(registration: &registration::Model) -> Result<Option<Self>, DomainError> {
        registration
            .accommodations
            .as_deref()
            .map(|json| {
                serde_json::from_str(json)
                    .map_err(|_| DomainError::Inconsistent("stored accommodations do not parse"))
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accommodations_store_as_json_and_nothing_when_empty() {
        assert_eq!(Accommodations::default().to_stored().ok(), Some(None));
        let needs = Accommodations {
            sign_language: SignLanguage::Lsq,
            captions: true,
            interpretation: vec![Language::Es, Language::Fr, Language::Es],
            mobility: false,
            dietary: "  halal ".into(),
            other: String::new(),
        };
        let stored = needs.to_stored().ok().flatten().unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&stored).unwrap_or_default();
        assert_eq!(value["sign_language"], "lsq");
        assert_eq!(value["interpretation"], serde_json::json!(["fr", "es"]));
        assert_eq!(value["dietary"], "halal");
        assert_eq!(value["captions"], true);
        let too_long = Accommodations {
            other: "x".repeat(1001),
            ..Default::default()
        };
        assert_eq!(too_long.check(), Err(AccommodationsTooLong));
    }
}
