//! Importing members from a CSV file. Consent is never invented: a new address is recorded as
//! pending, with where its consent came from, and gets a confirmation email; only the person's
//! click makes them a member. A known address is never duplicated nor overwritten.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
use serde::Serialize;

use crate::{
    DomainError, EmailAddress, FullName, Interest, Language, account,
    entities::{chapter, member},
    membership::{self, JoinOutcome, JoinRequest, Status, Throttle},
    outbox,
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
    /// A new address, or one still pending in this chapter: mail it this confirmation link.
    /// `filled` names the empty details of a pending row that the file supplied.
    Invited {
        member: member::Model,
        token: token::Secret,
        created: bool,
        filled: Vec<&'static str>,
    },
    /// A member of this chapter: what they chose is theirs and stays; only details they left
    /// empty are filled from the file, and `filled` names them.
    Existing {
        member: member::Model,
        filled: Vec<&'static str>,
    },
    /// A pending address of this chapter already invited lately: recorded, not mailed.
    Throttled {
        member: member::Model,
        filled: Vec<&'static str>,
    },
    /// The address belongs to a member of another chapter: an import never moves or changes
    /// them.
    OtherChapter {
        member: member::Model,
    },
    Rejected(Vec<Rejection>),
}

/// An import does not invite again within this long of the last confirmation email: a
/// file imported twice is one invitation, not two.
pub const REINVITE_AFTER: Duration = Duration::hours(24);

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
            evidence: None,
        }),
        _ => Err(problems),
    }
}

/// Records one row. A new address becomes pending and is invited. An address already known is
/// never overwritten: the person owns their name, language, chapter, region, interests and
/// what their own form asked for (the newsletter box, the wording they saw, the form), which
/// their confirmation records; the file may only fill what they left empty. A pending person
/// is invited again only within the per-address limit and once `REINVITE_AFTER` has passed.
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
    let known = account::by_email(conn, &request.email).await?;
    let Some(member) = known else {
        return Ok(
            match membership::request(conn, request, throttle, now).await? {
                JoinOutcome::Confirm { member, token, .. } => RowOutcome::Invited {
                    created: true,
                    member,
                    token,
                    filled: Vec::new(),
                },
                // Activated by a racing confirmation meanwhile: known, left as it is.
                JoinOutcome::AlreadyMember { member } => RowOutcome::Existing {
                    member,
                    filled: Vec::new(),
                },
                JoinOutcome::Throttled => {
                    return Err(DomainError::Inconsistent("a new address was throttled"));
                }
            },
        );
    };
    if member.chapter_id != chapter.id {
        return Ok(RowOutcome::OtherChapter { member });
    }
    let (member, filled) = fill_empty(conn, member, &request, now).await?;
    match member.status {
        Status::Pending => {
            let recent =
                |since| outbox::recent_count(conn, &member.email, membership::CONFIRM_MAIL, since);
            if recent(now - Duration::hours(1)).await? >= throttle.per_address_per_hour
                || recent(now - REINVITE_AFTER).await? > 0
            {
                return Ok(RowOutcome::Throttled { member, filled });
            }
            let token = token::issue(conn, token::Purpose::Confirm, member.id, now).await?;
            Ok(RowOutcome::Invited {
                member,
                token,
                created: false,
                filled,
            })
        }
        _ => Ok(RowOutcome::Existing { member, filled }),
    }
}

/// Fills the details a member left empty (region, interests) from an import; returns the
/// names of those filled.
async fn fill_empty(
    conn: &impl sea_orm::ConnectionTrait,
    member: member::Model,
    request: &JoinRequest,
    now: DateTime<Utc>,
) -> Result<(member::Model, Vec<&'static str>), DomainError> {
    let mut filled = Vec::new();
    let mut active = member.clone().into_active_model();
    if member.region.is_none() && request.region.is_some() {
        active.region = Set(request.region.clone());
        filled.push("region");
    }
    if member.interests.is_empty() && !request.interests.is_empty() {
        active.interests = Set(Interest::to_stored(&request.interests));
        filled.push("interests");
    }
    if filled.is_empty() {
        return Ok((member, filled));
    }
    active.updated_at = Set(now);
    Ok((active.update(conn).await?, filled))
}
