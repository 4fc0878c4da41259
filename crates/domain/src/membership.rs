//! Joining a chapter with double opt-in: a request writes (or refreshes) a pending member and a
//! confirmation token; confirming the token activates the member and writes the consent rows.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, DeriveActiveEnum, EntityTrait, EnumIter,
    QueryFilter, TryInsertResult, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use tracing::instrument;

use crate::{
    DomainError, EmailAddress, FullName, Interest, Language, consent, entities::member, outbox,
    token,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "active")]
    Active,
    #[sea_orm(string_value = "erased")]
    Erased,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Active => "active",
            Status::Erased => "erased",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Status::Pending, Status::Active, Status::Erased]
            .into_iter()
            .find(|status| status.as_str() == s)
    }
}

/// The kinds of email this module causes; the throttle counts them per address.
pub const CONFIRM_MAIL: &str = "confirm";
pub const ALREADY_MEMBER_MAIL: &str = "already-member";
pub const WELCOME_MAIL: &str = "welcome";

/// A join form that passed validation.
#[derive(Clone, Debug)]
pub struct JoinRequest {
    pub email: EmailAddress,
    pub full_name: FullName,
    pub chapter_id: i64,
    pub region: Option<String>,
    pub interests: Vec<Interest>,
    /// The language of their emails.
    pub language: Language,
    /// The opt-in box, never pre-checked.
    pub newsletter: bool,
    /// The version of the consent wording the form showed.
    pub wording_version: String,
    /// Which form it came from.
    pub source: String,
    /// What a partner sent as proof of the consent it collected (JSON), for a sign-up that
    /// came through the API; kept in the ledger beside the person's own confirmation.
    pub evidence: Option<String>,
}

/// What one join form asked for, kept with the confirmation link mailed for it (the token's
/// payload). Pressing that link records these choices and nothing else: a later request for
/// the same address, by anyone, gets a link of its own and changes nothing of this one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    pub full_name: String,
    /// The language of their emails.
    pub language: Language,
    pub chapter_id: i64,
    pub region: Option<String>,
    /// Stored form of the interests (slugs joined by commas).
    pub interests: String,
    /// The opt-in box.
    pub newsletter: bool,
    pub wording_version: String,
    pub source: String,
    /// A partner's proof of consent, from an API sign-up (absent from older links).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Choices {
    fn of_request(request: &JoinRequest) -> Self {
        Self {
            full_name: request.full_name.as_str().to_owned(),
            language: request.language,
            chapter_id: request.chapter_id,
            region: request.region.clone(),
            interests: Interest::to_stored(&request.interests),
            newsletter: request.newsletter,
            wording_version: request.wording_version.clone(),
            source: request.source.clone(),
            evidence: request.evidence.clone(),
        }
    }

    /// For a link that carries no choices (issued before they were kept with links, or by an
    /// import re-inviting): what the pending row holds, which no later request overwrites.
    fn of_member(member: &member::Model) -> Result<Self, DomainError> {
        Ok(Self {
            full_name: member.full_name.clone(),
            language: member.join_language,
            chapter_id: member.chapter_id,
            region: member.region.clone(),
            interests: member.interests.clone(),
            newsletter: member.newsletter_requested,
            wording_version: member.join_wording_version.clone(),
            source: member.join_source.clone(),
            evidence: None,
        })
    }

    /// The choices of a link that carries them (`payload` set).
    fn of_link_alone(t: &crate::entities::token::Model) -> Result<Self, DomainError> {
        let payload = t
            .payload
            .as_deref()
            .ok_or(DomainError::Inconsistent("a link without choices"))?;
        serde_json::from_str(payload)
            .map_err(|_| DomainError::Inconsistent("a link's choices do not parse"))
    }

    fn payload(&self) -> Result<String, DomainError> {
        serde_json::to_string(self)
            .map_err(|_| DomainError::Inconsistent("choices do not serialise"))
    }

    /// The choices a confirmation link carries.
    fn of_link(
        t: &crate::entities::token::Model,
        member: &member::Model,
    ) -> Result<Self, DomainError> {
        match &t.payload {
            Some(payload) => serde_json::from_str(payload)
                .map_err(|_| DomainError::Inconsistent("a link's choices do not parse")),
            None => Self::of_member(member),
        }
    }
}

/// How many emails of one kind an address may be sent per hour from the join form.
#[derive(Clone, Copy, Debug)]
pub struct Throttle {
    pub per_address_per_hour: u64,
}

#[derive(Debug)]
pub enum JoinOutcome {
    /// A new or still-pending address: mail it this confirmation token, which carries
    /// `choices`.
    Confirm {
        member: member::Model,
        token: token::Secret,
        choices: Choices,
    },
    /// Already a member: tell them so, never make a second account.
    AlreadyMember { member: member::Model },
    /// The address has had enough mail for now; say nothing more.
    Throttled,
}

/// Records a join request. Call it inside a write transaction and queue the email its outcome
/// asks for in the same transaction. A pending row is never changed by a later request: that
/// request's choices go with its own link, so that nobody but the mailbox's owner decides.
#[instrument(skip_all, fields(email = %request.email.masked()))]
pub async fn request(
    conn: &impl ConnectionTrait,
    request: JoinRequest,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<JoinOutcome, DomainError> {
    // Insert-or-ignore: two racing requests for one address make one row.
    let inserted = match member::Entity::insert(pending_member(&request, now))
        .on_conflict_do_nothing_on([member::Column::Email])
        .exec_with_returning(conn)
        .await
    {
        Ok(TryInsertResult::Inserted(member)) => Some(member),
        // The address is known: RETURNING gave no row, which sea-orm reports this way.
        Ok(_) | Err(DbErr::RecordNotFound(_) | DbErr::RecordNotInserted) => None,
        Err(e) => return Err(e.into()),
    };
    let choices = Choices::of_request(&request);
    if let Some(member) = inserted {
        // A new address: nothing was mailed to it yet and the row is the form as sent, so
        // there is nothing to count (three statements in all, on the hot path).
        let token = issue_confirm(conn, member.id, &choices, now).await?;
        return Ok(JoinOutcome::Confirm {
            member,
            token,
            choices,
        });
    }
    let member = member::Entity::find()
        .filter(member::Column::Email.eq(request.email.as_str()))
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent("member vanished after insert"))?;

    let since = now - Duration::hours(1);
    let over_limit = |sent: u64| sent >= throttle.per_address_per_hour;
    match member.status {
        Status::Active => {
            if over_limit(
                outbox::recent_count(conn, &member.email, ALREADY_MEMBER_MAIL, since).await?,
            ) {
                return Ok(JoinOutcome::Throttled);
            }
            Ok(JoinOutcome::AlreadyMember { member })
        }
        Status::Pending => {
            if over_limit(outbox::recent_count(conn, &member.email, CONFIRM_MAIL, since).await?) {
                return Ok(JoinOutcome::Throttled);
            }
            let token = issue_confirm(conn, member.id, &choices, now).await?;
            Ok(JoinOutcome::Confirm {
                member,
                token,
                choices,
            })
        }
        // Erased members keep no address, so an erased row never matches a real one.
        Status::Erased => Err(DomainError::Inconsistent("member has an unknown status")),
    }
}

async fn issue_confirm(
    conn: &impl ConnectionTrait,
    member_id: i64,
    choices: &Choices,
    now: DateTime<Utc>,
) -> Result<token::Secret, DomainError> {
    token::issue_with(
        conn,
        token::Purpose::Confirm,
        member_id,
        Some(choices.payload()?),
        now,
    )
    .await
}

fn pending_member(request: &JoinRequest, now: DateTime<Utc>) -> member::ActiveModel {
    member::ActiveModel {
        email: Set(request.email.as_str().to_owned()),
        full_name: Set(request.full_name.as_str().to_owned()),
        language: Set(request.language),
        chapter_id: Set(request.chapter_id),
        region: Set(request.region.clone()),
        interests: Set(Interest::to_stored(&request.interests)),
        status: Set(Status::Pending),
        newsletter_requested: Set(request.newsletter),
        join_wording_version: Set(request.wording_version.clone()),
        join_source: Set(request.source.clone()),
        join_language: Set(request.language),
        created_at: Set(now),
        updated_at: Set(now),
        confirmed_at: Set(None),
        // `Entity::insert` skips `before_save`, so the folded text is set here.
        search_text: Set(crate::search::member_text(
            request.full_name.as_str(),
            request.email.as_str(),
        )),
        ..Default::default()
    }
}

#[derive(Debug)]
pub enum ConfirmOutcome {
    /// A good link, not used yet: pressing its button records `choices`.
    Ready {
        member: member::Model,
        choices: Choices,
    },
    /// The membership is active from now: send the welcome email.
    Confirmed { member: member::Model },
    /// The link was good but the member was already active (another link came first).
    AlreadyActive { member: member::Model },
    /// The link is too old; the member may ask for a new one.
    Expired,
    /// The link was used before.
    Used,
    /// No such link.
    Unknown,
}

/// What a confirmation link is, without using it: for the page that shows the button.
pub async fn check_link(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<ConfirmOutcome, DomainError> {
    Ok(
        match token::find(conn, token::Purpose::Confirm, clear, now).await? {
            token::Lookup::Valid(t) => {
                let member = member_of(conn, &t).await?;
                if member.status == Status::Active {
                    ConfirmOutcome::AlreadyActive { member }
                } else {
                    let choices = Choices::of_link(&t, &member)?;
                    ConfirmOutcome::Ready { member, choices }
                }
            }
            token::Lookup::Expired(_) => ConfirmOutcome::Expired,
            token::Lookup::Used(_) => ConfirmOutcome::Used,
            token::Lookup::Unknown => ConfirmOutcome::Unknown,
        },
    )
}

/// Uses a confirmation link: activates the member with the choices that link carries, and
/// appends the consent rows (membership, and newsletter if its box was ticked) with the
/// wording, language and form of that request.
#[instrument(skip_all)]
pub async fn confirm(
    conn: &impl ConnectionTrait,
    key: &crate::sign_in_guard::AddressKey,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<ConfirmOutcome, DomainError> {
    // The token is found and used in one statement, the pending member activated with the
    // link's choices in a second, both consent rows written in a third.
    let t = match token::use_live(conn, token::Purpose::Confirm, clear, now).await? {
        token::Lookup::Valid(t) => t,
        token::Lookup::Expired(_) => return Ok(ConfirmOutcome::Expired),
        token::Lookup::Used(_) => return Ok(ConfirmOutcome::Used),
        token::Lookup::Unknown => return Ok(ConfirmOutcome::Unknown),
    };
    let member_id = t.member_id.ok_or(DomainError::Inconsistent(
        "confirmation token without member",
    ))?;
    let choices = match &t.payload {
        Some(_) => Choices::of_link_alone(&t)?,
        // A link without choices takes them from the pending row: read it first.
        None => {
            let member = member_of(conn, &t).await?;
            match member.status {
                Status::Active => return Ok(ConfirmOutcome::AlreadyActive { member }),
                Status::Pending => {}
                Status::Erased => return Ok(ConfirmOutcome::Unknown),
            }
            Choices::of_member(&member)?
        }
    };
    let mut activate = member::Entity::update_many()
        .col_expr(
            member::Column::FullName,
            Expr::value(choices.full_name.clone()),
        )
        .col_expr(member::Column::Language, Expr::value(choices.language))
        .col_expr(member::Column::ChapterId, Expr::value(choices.chapter_id))
        .col_expr(member::Column::Region, Expr::value(choices.region.clone()))
        .col_expr(
            member::Column::Interests,
            Expr::value(choices.interests.clone()),
        )
        .col_expr(
            member::Column::NewsletterRequested,
            Expr::value(choices.newsletter),
        )
        .col_expr(
            member::Column::JoinWordingVersion,
            Expr::value(choices.wording_version.clone()),
        )
        .col_expr(
            member::Column::JoinSource,
            Expr::value(choices.source.clone()),
        )
        .col_expr(member::Column::JoinLanguage, Expr::value(choices.language))
        .col_expr(member::Column::Status, Expr::value(Status::Active))
        .col_expr(member::Column::ConfirmedAt, Expr::value(Some(now)))
        .col_expr(member::Column::UpdatedAt, Expr::value(now));
    if choices.newsletter {
        // The newsletter consent appended below, mirrored on the row (`consent::append_with_member_write`).
        activate = activate.col_expr(member::Column::NewsletterDecision, Expr::value(Some(true)));
    }
    let activated = activate
        .filter(member::Column::Id.eq(member_id))
        .filter(member::Column::Status.eq(Status::Pending))
        .exec_with_returning(conn)
        .await?
        .into_iter()
        .next();
    let Some(member) = activated else {
        let member = member_of(conn, &t).await?;
        return Ok(match member.status {
            Status::Active => ConfirmOutcome::AlreadyActive { member },
            Status::Erased => ConfirmOutcome::Unknown,
            Status::Pending => {
                return Err(DomainError::Inconsistent(
                    "a pending member was not activated",
                ));
            }
        });
    };

    let email_hash = key.of(&member.email);
    let mut purposes = vec![consent::Purpose::Membership];
    if choices.newsletter {
        purposes.push(consent::Purpose::Newsletter);
    }
    let entries: Vec<consent::Entry<'_>> = purposes
        .into_iter()
        .map(|purpose| consent::Entry {
            member_id: member.id,
            purpose,
            granted: true,
            wording_version: &choices.wording_version,
            language: choices.language,
            source: &choices.source,
            email_hash: &email_hash,
            evidence: choices.evidence.as_deref(),
        })
        .collect();
    // The member's row was written above, `updated_at` with it.
    consent::append_with_member_write(conn, &entries, now).await?;
    Ok(ConfirmOutcome::Confirmed { member })
}

/// For an expired link: a fresh one carrying the same choices, if the member is still
/// waiting for one.
pub async fn renew(
    conn: &impl ConnectionTrait,
    clear: &str,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<Option<(member::Model, token::Secret, Choices)>, DomainError> {
    let token::Lookup::Expired(t) = token::find(conn, token::Purpose::Confirm, clear, now).await?
    else {
        return Ok(None);
    };
    let member = member_of(conn, &t).await?;
    if member.status != Status::Pending {
        return Ok(None);
    }
    let since = now - Duration::hours(1);
    if outbox::recent_count(conn, &member.email, CONFIRM_MAIL, since).await?
        >= throttle.per_address_per_hour
    {
        return Ok(None);
    }
    let choices = Choices::of_link(&t, &member)?;
    let secret = issue_confirm(conn, member.id, &choices, now).await?;
    Ok(Some((member, secret, choices)))
}

async fn member_of(
    conn: &impl ConnectionTrait,
    t: &crate::entities::token::Model,
) -> Result<member::Model, DomainError> {
    let id = t.member_id.ok_or(DomainError::Inconsistent(
        "confirmation token without member",
    ))?;
    member::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent("token of a missing member"))
}
