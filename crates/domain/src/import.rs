//! Importing members from a CSV file. Consent is never invented: a new address is recorded as
//! pending, with where its consent came from, and gets a confirmation email; only the person's
//! click makes them a member. Existing members are updated, never duplicated.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    DomainError, EmailAddress, FullName, Interest, Language, account,
    entities::{chapter, member},
    membership::{self, JoinOutcome, JoinRequest, Throttle},
    profile::regions,
    token,
};

/// The wording version recorded for imported people: the consent source names the rest.
pub const IMPORT_WORDING_VERSION: &str = "import";

/// One row as read from the file.
#[derive(Clone, Debug, Default)]
pub struct RawRow {
    pub email: String,
    pub full_name: String,
    pub region: String,
    /// Interest slugs separated by `;` or `|`.
    pub interests: String,
    pub language: String,
}

/// Why a row was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rejection {
    Email,
    Name,
    Region,
    Interests,
    Language,
}

impl Rejection {
    pub fn as_str(self) -> &'static str {
        match self {
            Rejection::Email => "email",
            Rejection::Name => "name",
            Rejection::Region => "region",
            Rejection::Interests => "interests",
            Rejection::Language => "language",
        }
    }
}

#[derive(Debug)]
pub enum RowOutcome {
    /// A new or still-pending address: mail it this confirmation link.
    Invited {
        member: member::Model,
        token: token::Secret,
    },
    /// An existing member whose details were updated.
    Updated {
        member: member::Model,
    },
    /// A pending address that has had enough mail this hour: recorded, not mailed.
    Throttled,
    Rejected(Vec<Rejection>),
}

/// Checks one row against the chapter it is imported into.
pub fn parse(
    row: &RawRow,
    chapter: &chapter::Model,
    source: &str,
) -> Result<JoinRequest, Vec<Rejection>> {
    let mut problems = Vec::new();
    let email = EmailAddress::parse(&row.email)
        .map_err(|_| problems.push(Rejection::Email))
        .ok();
    let full_name = FullName::parse(&row.full_name)
        .map_err(|_| problems.push(Rejection::Name))
        .ok();
    let region = match row.region.trim() {
        "" => None,
        code if regions::belongs(&chapter.country, code) => Some(code.to_owned()),
        _ => {
            problems.push(Rejection::Region);
            None
        }
    };
    let interests: Result<Vec<Interest>, _> = row
        .interests
        .split([';', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect();
    let interests = interests
        .map_err(|_| problems.push(Rejection::Interests))
        .unwrap_or_default();
    let language = match row.language.trim() {
        "" => Some(Language::En),
        code => code
            .parse::<Language>()
            .map_err(|_| problems.push(Rejection::Language))
            .ok(),
    };
    match (email, full_name, language) {
        (Some(email), Some(full_name), Some(language)) if problems.is_empty() => Ok(JoinRequest {
            email,
            full_name,
            chapter_id: chapter.id,
            region,
            interests,
            language,
            newsletter: false,
            wording_version: IMPORT_WORDING_VERSION.to_owned(),
            source: format!("import: {}", source.chars().take(100).collect::<String>()),
        }),
        _ => Err(problems),
    }
}

/// Records one row: pending and invited if new or pending, updated if already a member.
pub async fn import_row(
    conn: &impl sea_orm::ConnectionTrait,
    row: &RawRow,
    chapter: &chapter::Model,
    source: &str,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<RowOutcome, DomainError> {
    let request = match parse(row, chapter, source) {
        Ok(request) => request,
        Err(problems) => return Ok(RowOutcome::Rejected(problems)),
    };
    let update = account::ProfileUpdate {
        full_name: request.full_name.clone(),
        language: request.language,
        chapter_id: request.chapter_id,
        region: request.region.clone(),
        interests: request.interests.clone(),
    };
    Ok(
        match membership::request(conn, request, throttle, now).await? {
            JoinOutcome::Confirm { member, token } => RowOutcome::Invited { member, token },
            JoinOutcome::AlreadyMember { member } => RowOutcome::Updated {
                member: account::update_profile(conn, member, update, now).await?,
            },
            JoinOutcome::Throttled => RowOutcome::Throttled,
        },
    )
}
