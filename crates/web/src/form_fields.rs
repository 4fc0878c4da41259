//! Parsing of the fields several forms share, public and back office alike. Each function adds
//! its message to the form's errors under the field's name and returns the parsed value when
//! the field is good.

use domain::{
    EmailAddress, FullName, Interest, Language,
    email::{AddressPolicy, EmailError},
    entities::chapter,
    profile::{NameError, regions},
};
use validator::ValidationErrors;

use crate::views::form::FieldErrors;

/// The shared fields in the order the forms show them.
pub const ORDER: [&str; 7] = [
    "full_name",
    "email",
    "chapter",
    "region",
    "interests",
    "language",
    "confirm",
];

/// `validator`'s verdict, as field errors. Its codes are the locale keys without `error-`.
pub fn rule_errors(report: Result<(), ValidationErrors>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let Err(report) = report else {
        return errors;
    };
    let fields = report.field_errors();
    for field in ["full_name", "email", "interests"] {
        let Some(code) = fields
            .get(field)
            .and_then(|e| e.first())
            .map(|e| e.code.to_string())
        else {
            continue;
        };
        let key = match code.as_str() {
            "name-too-long" => "error-name-too-long",
            "email-too-long" => "error-email-too-long",
            "email-invalid" => "error-email-invalid",
            "interests-invalid" => "error-interests-invalid",
            _ => continue,
        };
        errors.add(field, key);
    }
    errors
}

/// The domain's own parse has the most precise message (an empty field is not an invalid
/// one), so it replaces `validator`'s.
pub fn name(raw: &str, errors: &mut FieldErrors) -> Option<FullName> {
    FullName::parse(raw)
        .map_err(|e| match e {
            NameError::Empty => errors.set("full_name", "error-name-empty"),
            NameError::TooLong => errors.set("full_name", "error-name-too-long"),
            NameError::InvalidCharacters => errors.set("full_name", "error-name-invalid"),
        })
        .ok()
}

/// An address to look up (sign-in): any address the domain can parse.
pub fn email(raw: &str, errors: &mut FieldErrors) -> Option<EmailAddress> {
    EmailAddress::parse(raw)
        .map_err(|e| email_error(e, errors))
        .ok()
}

/// An address Réseau will send mail to (join, event registration, a change of address, an
/// invitation): the one validator the mailer shares, and no reserved domain unless
/// `mail.allow_reserved_domains` says so.
pub fn reachable_email(
    raw: &str,
    policy: AddressPolicy,
    errors: &mut FieldErrors,
) -> Option<EmailAddress> {
    EmailAddress::parse_reachable(raw, policy)
        .map_err(|e| email_error(e, errors))
        .ok()
}

fn email_error(error: EmailError, errors: &mut FieldErrors) {
    let key = match error {
        EmailError::Empty => "error-email-empty",
        EmailError::TooLong => "error-email-too-long",
        EmailError::Invalid => "error-email-invalid",
        EmailError::Reserved => "error-email-unreachable",
    };
    errors.set("email", key);
}

/// The profile fields as typed.
pub struct ProfileInput<'a> {
    pub chapter: &'a str,
    pub region: &'a str,
    pub interests: &'a [String],
    pub language: &'a str,
}

/// The profile fields, parsed.
pub struct Profile {
    pub chapter_id: i64,
    pub region: Option<String>,
    pub interests: Vec<Interest>,
    pub language: Language,
}

pub fn profile(
    input: &ProfileInput<'_>,
    chapters: &[chapter::Model],
    errors: &mut FieldErrors,
) -> Option<Profile> {
    let chapter = chapters.iter().find(|c| c.slug == input.chapter);
    if chapter.is_none() {
        errors.add("chapter", "error-chapter-invalid");
    }
    let region = match (input.region, chapter) {
        ("", _) => None,
        (code, Some(c)) if regions::belongs(&c.country, code) => Some(code.to_owned()),
        (_, Some(_)) => {
            errors.add("region", "error-region-invalid");
            None
        }
        // The chapter is already wrong; one message is enough.
        (_, None) => None,
    };
    let interests: Result<Vec<Interest>, _> = input.interests.iter().map(|i| i.parse()).collect();
    let interests = interests
        .map_err(|_| errors.add("interests", "error-interests-invalid"))
        .unwrap_or_default();
    let language = input
        .language
        .parse::<Language>()
        .map_err(|_| errors.add("language", "error-language-invalid"))
        .ok();
    Some(Profile {
        chapter_id: chapter?.id,
        region,
        interests,
        language: language?,
    })
}
