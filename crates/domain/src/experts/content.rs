//! What a profile says, who may see each part of it, and the checks a submission passes.

use serde::{Deserialize, Serialize};

use crate::{FullName, Interest, Language, Localized, entities::expert_profile, text};

/// The languages an expert may say they speak (ISO 639 codes): the site's four, the other
/// languages most spoken across the partnership, the sign languages of the four countries
/// (ASL, LSQ, LSM, Libras) and Indigenous languages of the continent. Their names are the
/// `expert-spoken-{code}` messages.
pub const SPOKEN: [&str; 15] = [
    "en", "fr", "es", "pt", "ht", "ar", "zh", "ase", "fcs", "mfs", "bzs", "cr", "iu", "nah", "yua",
];

/// The countries of the partnership (ISO 3166-1 alpha-2); named by `expert-country-{code}`.
pub const COUNTRIES: [&str; 4] = ["CA", "US", "MX", "BR"];

/// Longest texts, in characters.
pub const BIO_MAX_CHARS: usize = 1200;
pub const LIVED_MAX_CHARS: usize = 600;
pub const LINE_MAX_CHARS: usize = 150;

/// A profile's content: what an organizer reviews. The stored lists are slugs or codes
/// joined by commas, sorted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub display_name: String,
    pub areas: String,
    pub languages: String,
    pub country: String,
    pub organisation: String,
    pub org_role: String,
    pub bio: Localized,
    pub lived_experience: Localized,
}

impl Content {
    /// The approved content a profile's columns hold.
    pub fn published(p: &expert_profile::Model) -> Self {
        Self {
            display_name: p.display_name.clone(),
            areas: p.areas.clone(),
            languages: p.languages.clone(),
            country: p.country.clone(),
            organisation: p.organisation.clone(),
            org_role: p.org_role.clone(),
            bio: p.bio.clone(),
            lived_experience: p.lived_experience.clone(),
        }
    }

    /// What the member last submitted: the waiting draft, else the approved content.
    pub fn latest(p: &expert_profile::Model) -> Self {
        p.draft
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_else(|| Self::published(p))
    }

    pub fn area_list(&self) -> Vec<Interest> {
        Interest::parse_stored(&self.areas)
    }

    pub fn language_list(&self) -> Vec<&str> {
        stored_list(&self.languages)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The items of a stored comma-joined list.
pub fn stored_list(stored: &str) -> Vec<&str> {
    stored.split(',').filter(|s| !s.is_empty()).collect()
}

/// Each field's audience, chosen by the member: `true` is everyone, `false` signed-in members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visibility {
    pub name: bool,
    pub areas: bool,
    pub languages: bool,
    /// Country and chapter.
    pub place: bool,
    /// Organisation and role.
    pub organisation: bool,
    pub bio: bool,
    pub lived: bool,
}

impl Default for Visibility {
    /// The lived experience is the one part shown to members only unless the member says
    /// otherwise.
    fn default() -> Self {
        Self {
            name: true,
            areas: true,
            languages: true,
            place: true,
            organisation: true,
            bio: true,
            lived: false,
        }
    }
}

/// The parts of a profile whose audience a member chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Areas,
    Languages,
    Place,
    Organisation,
    Bio,
    Lived,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Name,
        Field::Areas,
        Field::Languages,
        Field::Place,
        Field::Organisation,
        Field::Bio,
        Field::Lived,
    ];

    /// The name of its choice in forms (`show_{slug}`) and of its messages.
    pub fn slug(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Areas => "areas",
            Field::Languages => "languages",
            Field::Place => "place",
            Field::Organisation => "organisation",
            Field::Bio => "bio",
            Field::Lived => "lived",
        }
    }
}

impl Visibility {
    pub fn of(p: &expert_profile::Model) -> Self {
        Self {
            name: p.public_name,
            areas: p.public_areas,
            languages: p.public_languages,
            place: p.public_place,
            organisation: p.public_organisation,
            bio: p.public_bio,
            lived: p.public_lived,
        }
    }

    pub fn is_public(&self, field: Field) -> bool {
        match field {
            Field::Name => self.name,
            Field::Areas => self.areas,
            Field::Languages => self.languages,
            Field::Place => self.place,
            Field::Organisation => self.organisation,
            Field::Bio => self.bio,
            Field::Lived => self.lived,
        }
    }

    pub fn set(&mut self, field: Field, public: bool) {
        let slot = match field {
            Field::Name => &mut self.name,
            Field::Areas => &mut self.areas,
            Field::Languages => &mut self.languages,
            Field::Place => &mut self.place,
            Field::Organisation => &mut self.organisation,
            Field::Bio => &mut self.bio,
            Field::Lived => &mut self.lived,
        };
        *slot = public;
    }
}

/// The listing form as typed.
#[derive(Clone, Debug, Default)]
pub struct ContentInput<'a> {
    pub display_name: &'a str,
    pub areas: &'a [String],
    pub languages: &'a [String],
    pub country: &'a str,
    pub organisation: &'a str,
    pub org_role: &'a str,
    /// One text per language of the site, in the order of `Language::ALL`.
    pub bio: Vec<(Language, &'a str)>,
    pub lived_experience: &'a str,
    /// The language the lived experience is written in.
    pub lived_language: &'a str,
}

/// What is wrong with a submission; `field()` names the form field it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    NameEmpty,
    NameTooLong,
    NameInvalid,
    AreasEmpty,
    AreaUnknown,
    LanguagesEmpty,
    LanguageUnknown,
    CountryUnknown,
    OrganisationTooLong,
    OrganisationHidden,
    RoleTooLong,
    RoleHidden,
    BioEmpty,
    BioTooLong(Language),
    BioHidden(Language),
    LivedTooLong,
    LivedHidden,
    LivedLanguage,
}

impl Problem {
    pub fn field(self) -> &'static str {
        match self {
            Problem::NameEmpty | Problem::NameTooLong | Problem::NameInvalid => "display_name",
            Problem::AreasEmpty | Problem::AreaUnknown => "areas",
            Problem::LanguagesEmpty | Problem::LanguageUnknown => "languages",
            Problem::CountryUnknown => "country",
            Problem::OrganisationTooLong | Problem::OrganisationHidden => "organisation",
            Problem::RoleTooLong | Problem::RoleHidden => "org_role",
            // The first bio field, where the summary's link leads.
            Problem::BioEmpty => "bio_en",
            Problem::BioTooLong(lang) | Problem::BioHidden(lang) => match lang {
                Language::En => "bio_en",
                Language::Fr => "bio_fr",
                Language::Es => "bio_es",
                Language::Pt => "bio_pt",
            },
            Problem::LivedTooLong | Problem::LivedHidden => "lived_experience",
            Problem::LivedLanguage => "lived_language",
        }
    }
}

/// A one-line optional text: trimmed, no longer than `LINE_MAX_CHARS`, nothing hidden.
fn line(raw: &str, too_long: Problem, hidden: Problem, problems: &mut Vec<Problem>) -> String {
    let trimmed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.chars().count() > LINE_MAX_CHARS {
        problems.push(too_long);
    } else if text::check_line(&trimmed).is_err() {
        problems.push(hidden);
    }
    trimmed
}

/// A sorted, de-duplicated stored list of the `allowed` values typed.
fn chosen(typed: &[String], allowed: &[&str]) -> Result<String, ()> {
    let mut values = Vec::new();
    for value in typed {
        let Some(known) = allowed.iter().find(|a| **a == value.as_str()) else {
            return Err(());
        };
        values.push(*known);
    }
    // In the order of `allowed`, so the stored form is one per set.
    let mut ordered: Vec<&str> = allowed
        .iter()
        .copied()
        .filter(|a| values.contains(a))
        .collect();
    ordered.dedup();
    Ok(ordered.join(","))
}

impl ContentInput<'_> {
    /// Checks every field and collects every problem, in the order of the form.
    pub fn parse(&self) -> Result<Content, Vec<Problem>> {
        let mut problems = Vec::new();
        let display_name = match FullName::parse(self.display_name) {
            Ok(name) => name.as_str().to_owned(),
            Err(e) => {
                problems.push(match e {
                    crate::profile::NameError::Empty => Problem::NameEmpty,
                    crate::profile::NameError::TooLong => Problem::NameTooLong,
                    crate::profile::NameError::InvalidCharacters => Problem::NameInvalid,
                });
                String::new()
            }
        };
        let area_slugs: Vec<&str> = Interest::ALL.iter().map(|i| i.slug()).collect();
        let areas = match chosen(self.areas, &area_slugs) {
            Ok(a) if a.is_empty() => {
                problems.push(Problem::AreasEmpty);
                a
            }
            Ok(a) => a,
            Err(()) => {
                problems.push(Problem::AreaUnknown);
                String::new()
            }
        };
        let languages = match chosen(self.languages, &SPOKEN) {
            Ok(l) if l.is_empty() => {
                problems.push(Problem::LanguagesEmpty);
                l
            }
            Ok(l) => l,
            Err(()) => {
                problems.push(Problem::LanguageUnknown);
                String::new()
            }
        };
        let country = if COUNTRIES.contains(&self.country) {
            self.country.to_owned()
        } else {
            problems.push(Problem::CountryUnknown);
            String::new()
        };
        let organisation = line(
            self.organisation,
            Problem::OrganisationTooLong,
            Problem::OrganisationHidden,
            &mut problems,
        );
        let org_role = line(
            self.org_role,
            Problem::RoleTooLong,
            Problem::RoleHidden,
            &mut problems,
        );
        let mut bio = Localized::new();
        for (lang, raw) in &self.bio {
            let text = raw.trim();
            if text.chars().count() > BIO_MAX_CHARS {
                problems.push(Problem::BioTooLong(*lang));
            } else if text::check_multiline(text).is_err() {
                problems.push(Problem::BioHidden(*lang));
            }
            bio.set(*lang, text);
        }
        if bio.is_empty() && !problems.iter().any(|p| matches!(p, Problem::BioTooLong(_))) {
            problems.push(Problem::BioEmpty);
        }
        let lived = self.lived_experience.trim();
        let mut lived_experience = Localized::new();
        if !lived.is_empty() {
            if lived.chars().count() > LIVED_MAX_CHARS {
                problems.push(Problem::LivedTooLong);
            } else if text::check_multiline(lived).is_err() {
                problems.push(Problem::LivedHidden);
            }
            match self.lived_language.parse::<Language>() {
                Ok(lang) => lived_experience.set(lang, lived),
                Err(_) => problems.push(Problem::LivedLanguage),
            }
        }
        if problems.is_empty() {
            Ok(Content {
                display_name,
                areas,
                languages,
                country,
                organisation,
                org_role,
                bio,
                lived_experience,
            })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(areas: &'a [String], languages: &'a [String]) -> ContentInput<'a> {
        ContentInput {
            display_name: "  Amara   Diallo ",
            areas,
            languages,
            country: "CA",
            organisation: "Health Equity Lab",
            org_role: "",
            bio: vec![(Language::En, " Public health. "), (Language::Fr, "")],
            lived_experience: "",
            lived_language: "en",
        }
    }

    #[test]
    fn a_good_submission_is_normalised() {
        let areas = vec!["justice-reform".to_owned(), "health-equity".to_owned()];
        let languages = vec!["fr".to_owned(), "en".to_owned(), "fr".to_owned()];
        let content = input(&areas, &languages).parse().unwrap();
        assert_eq!(content.display_name, "Amara Diallo");
        assert_eq!(content.areas, "health-equity,justice-reform");
        assert_eq!(content.languages, "en,fr");
        assert_eq!(content.bio.get(Language::En), Some("Public health."));
        assert_eq!(content.bio.get(Language::Fr), None);
        assert!(content.lived_experience.is_empty());
    }

    #[test]
    fn every_problem_is_named_once_by_its_field() {
        let areas = vec!["astrology".to_owned()];
        let languages: Vec<String> = Vec::new();
        let long = "x".repeat(BIO_MAX_CHARS + 1);
        let bad = ContentInput {
            display_name: "",
            areas: &areas,
            languages: &languages,
            country: "FR",
            organisation: "Lab\u{202E}",
            org_role: &"r".repeat(151),
            bio: vec![(Language::Es, &long)],
            lived_experience: "Black\u{200B}",
            lived_language: "en",
        };
        let problems = bad.parse().unwrap_err();
        assert_eq!(
            problems,
            vec![
                Problem::NameEmpty,
                Problem::AreaUnknown,
                Problem::LanguagesEmpty,
                Problem::CountryUnknown,
                Problem::OrganisationHidden,
                Problem::RoleTooLong,
                Problem::BioTooLong(Language::Es),
                Problem::LivedHidden,
            ]
        );
        assert_eq!(Problem::BioTooLong(Language::Es).field(), "bio_es");
        let (areas, languages) = (["education".to_owned()], ["pt".to_owned()]);
        let no_bio = ContentInput {
            bio: vec![(Language::En, "  ")],
            ..input(&areas, &languages)
        };
        assert_eq!(no_bio.parse().unwrap_err(), vec![Problem::BioEmpty]);
    }
}
