//! A person's registration for an event: its status, the request (one per person per event),
//! the links its emails carry, its confirmation by link or at once for a signed-in member.
//! Taking the seat itself is `seats`'s business.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DeriveActiveEnum, EntityTrait, EnumIter,
    QueryFilter, sea_query::Expr,
};
use tracing::instrument;

use crate::{
    DomainError, EmailAddress, FullName, Language,
    entities::{event, member, outbox, registration, registration_link},
    membership::Throttle,
    token::{Secret, hash},
};

use super::{accommodations::Accommodations, event::EventStatus, seats::take_seat};

/// Where a registration is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum RegistrationStatus {
    /// Asked, address not yet confirmed: no seat taken.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Holds a seat.
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    /// Confirmed address, no seat yet: in line at `waitlist_position`.
    #[sea_orm(string_value = "waitlisted")]
    Waitlisted,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl RegistrationStatus {
    pub const ALL: [RegistrationStatus; 4] = [
        RegistrationStatus::Pending,
        RegistrationStatus::Confirmed,
        RegistrationStatus::Waitlisted,
        RegistrationStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Pending => "pending",
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// A registration form that passed validation.
#[derive(Clone, Debug)]
pub struct RegistrationRequest {
    pub email: EmailAddress,
    pub full_name: FullName,
    /// The language of their emails.
    pub language: Language,
    /// The signed-in member registering, if any. Registering never creates a member.
    pub member_id: Option<i64>,
    pub accommodations: Option<Accommodations>,
}

/// Why an event does not take a registration now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A draft.
    NotPublished,
    EventCancelled,
    NotOpenYet {
        opens_at: DateTime<Utc>,
    },
    /// Registration has closed, or the event is over.
    Closed,
    /// Every seat is taken and there is no waitlist.
    Full,
}

/// Whether an event takes registration requests at `now`. `Full` is advisory here (the seat is
/// taken only at confirmation, atomically).
pub fn refusal(event: &event::Model, now: DateTime<Utc>) -> Option<Refusal> {
    match event.status {
        EventStatus::Published => {}
        EventStatus::Cancelled => return Some(Refusal::EventCancelled),
        EventStatus::Draft => return Some(Refusal::NotPublished),
    }
    if let Some(opens_at) = event.registration_opens_at
        && now < opens_at
    {
        return Some(Refusal::NotOpenYet { opens_at });
    }
    let closes_at = event
        .registration_closes_at
        .map_or(event.ends_at, |c| std::cmp::min(c, event.ends_at));
    if now >= closes_at {
        return Some(Refusal::Closed);
    }
    if event.is_full() && !event.waitlist_enabled {
        return Some(Refusal::Full);
    }
    None
}

/// Whether a confirmation can take a seat at `now`: the event is published and not over. The
/// registration window is not checked again, so a request made in time can be confirmed after
/// registration closes.
pub fn confirmation_refusal(event: &event::Model, now: DateTime<Utc>) -> Option<Refusal> {
    match event.status {
        EventStatus::Published => {}
        EventStatus::Cancelled => return Some(Refusal::EventCancelled),
        EventStatus::Draft => return Some(Refusal::NotPublished),
    }
    (now >= event.ends_at).then_some(Refusal::Closed)
}

#[derive(Debug)]
pub enum RequestOutcome {
    /// A pending registration: email this token so they confirm (the page of the link has a
    /// button that POSTs). It is a new registration, a still-pending one with a fresh link
    /// (the earlier link stops working), or a cancelled one reopened.
    Pending {
        registration: registration::Model,
        token: Secret,
    },
    /// They already hold a seat or a place in line: this is their registration, unchanged.
    AlreadyRegistered(registration::Model),
    /// The event does not take registrations now.
    Refused(Refusal),
}

/// Records a registration request; the seat is not taken until `confirm_registration`. One
/// registration per person per event: a second request returns the first one.
#[instrument(skip_all, fields(event = event.id, email = %request.email.masked()))]
pub async fn request_registration(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    request: RegistrationRequest,
    now: DateTime<Utc>,
) -> Result<RequestOutcome, DomainError> {
    let accommodations = match &request.accommodations {
        Some(a) => a.to_stored()?,
        None => None,
    };
    let existing = by_event_and_email(conn, event.id, &request.email).await?;
    if let Some(existing) = &existing {
        match existing.status {
            RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted => {
                return Ok(RequestOutcome::AlreadyRegistered(existing.clone()));
            }
            RegistrationStatus::Pending | RegistrationStatus::Cancelled => {}
        }
    }
    if let Some(refused) = refusal(event, now) {
        return Ok(RequestOutcome::Refused(refused));
    }

    let token = Secret::random();
    if existing.is_none() {
        // Insert-or-ignore, then read: two racing requests for one address make one row.
        let inserted = registration::Entity::insert(registration::ActiveModel {
            event_id: Set(event.id),
            member_id: Set(request.member_id),
            email: Set(request.email.as_str().to_owned()),
            full_name: Set(request.full_name.as_str().to_owned()),
            language: Set(request.language),
            status: Set(RegistrationStatus::Pending),
            waitlist_position: Set(None),
            accommodations: Set(accommodations.clone()),
            token_hash: Set(hash(token.as_str())),
            checked_in_at: Set(None),
            created_at: Set(now),
            confirmed_at: Set(None),
            cancelled_at: Set(None),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([registration::Column::EventId, registration::Column::Email])
        .exec_without_returning(conn)
        .await?;
        if matches!(inserted, sea_orm::TryInsertResult::Inserted(1)) {
            let registration = by_event_and_email(conn, event.id, &request.email)
                .await?
                .ok_or(DomainError::Inconsistent(
                    "registration vanished after insert",
                ))?;
            return Ok(RequestOutcome::Pending {
                registration,
                token,
            });
        }
    }

    // An earlier request exists (or another won the race). Its links keep working: the email
    // this request causes carries one more. An anonymous form changes nothing of an existing
    // registration (anyone can type anyone's address); a cancelled one is only reopened as
    // pending, which holds nothing until the address's owner presses the emailed link. A
    // signed-in member's own request, whose address is proven theirs, brings their latest
    // details.
    let current = by_event_and_email(conn, event.id, &request.email)
        .await?
        .ok_or(DomainError::Inconsistent("registration vanished"))?;
    let status = current.status;
    if matches!(
        status,
        RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted
    ) {
        return Ok(RequestOutcome::AlreadyRegistered(current));
    }
    let mut update = registration::Entity::update_many()
        .col_expr(
            registration::Column::Status,
            Expr::value(RegistrationStatus::Pending),
        )
        .col_expr(
            registration::Column::WaitlistPosition,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            registration::Column::CheckedInAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            registration::Column::ConfirmedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            registration::Column::CancelledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    if let Some(member_id) = request.member_id {
        update = update
            .col_expr(
                registration::Column::FullName,
                Expr::value(request.full_name.as_str()),
            )
            .col_expr(
                registration::Column::Language,
                Expr::value(request.language),
            )
            .col_expr(
                registration::Column::Accommodations,
                Expr::value(accommodations),
            )
            .col_expr(registration::Column::MemberId, Expr::value(member_id));
    }
    let refreshed = update
        .filter(registration::Column::Id.eq(current.id))
        .filter(registration::Column::Status.eq(status))
        .exec_with_returning(conn)
        .await?;
    match refreshed.into_iter().next() {
        Some(registration) => {
            let token = add_link(conn, registration.id, now).await?;
            Ok(RequestOutcome::Pending {
                registration,
                token,
            })
        }
        // Confirmed by its link in the meantime.
        None => Ok(RequestOutcome::AlreadyRegistered(
            registration::Entity::find_by_id(current.id)
                .one(conn)
                .await?
                .ok_or(DomainError::Inconsistent("registration vanished"))?,
        )),
    }
}

/// The kinds of registration email a form sent with an address can cause; the per-address
/// throttle counts them together, over every event.
pub const REQUEST_MAIL: &str = "event-request";
pub const REMINDER_OF_REGISTRATION_MAIL: &str = "event-reminder-of-registration";

/// Whether an address given in a registration form may be sent one more registration email
/// now: fewer than the throttle's limit in the last hour, counted in the outbox (so across
/// instances), whichever event and whoever asked.
pub async fn form_mail_allowed(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    use sea_orm::PaginatorTrait;
    let sent = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(email.as_str()))
        .filter(outbox::Column::Kind.is_in([REQUEST_MAIL, REMINDER_OF_REGISTRATION_MAIL]))
        .filter(outbox::Column::CreatedAt.gt(now - Duration::hours(1)))
        .count(conn)
        .await?;
    Ok(sent < throttle.per_address_per_hour)
}

#[derive(Debug)]
pub enum ConfirmOutcome {
    /// A seat was taken now: send the confirmation (with the calendar file).
    Confirmed(registration::Model),
    /// The event is full: now in line at `waitlist_position`. Send the waitlisted email.
    Waitlisted(registration::Model),
    /// The event is full and has no waitlist: the registration stays pending, holding nothing.
    Full(registration::Model),
    /// Confirmed or waitlisted before: nothing changed (a second click, a second tab).
    AlreadyDone(registration::Model),
    /// The registration was cancelled; nothing changed.
    Cancelled(registration::Model),
    /// The event does not take confirmations (draft, cancelled, over); nothing changed.
    Refused(Refusal),
    /// No such link.
    Unknown,
}

/// The registration a registration-page token opens, if any.
pub async fn find_by_token(
    conn: &impl ConnectionTrait,
    clear: &str,
) -> Result<Option<registration::Model>, DomainError> {
    let Some(secret) = crate::token::Secret::parse(clear) else {
        return Ok(None);
    };
    let hashed = hash(secret.as_str());
    if let Some(found) = registration::Entity::find()
        .filter(registration::Column::TokenHash.eq(hashed.as_str()))
        .one(conn)
        .await?
    {
        return Ok(Some(found));
    }
    let Some(link) = registration_link::Entity::find()
        .filter(registration_link::Column::TokenHash.eq(hashed))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    Ok(registration::Entity::find_by_id(link.registration_id)
        .one(conn)
        .await?)
}

/// Confirms a registration from its emailed link: takes a seat, or a place on the waitlist,
/// atomically. Idempotent: a registration is never given a second seat.
#[instrument(skip_all)]
pub async fn confirm_registration(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<ConfirmOutcome, DomainError> {
    Ok(confirm_registration_of_event(conn, clear, now).await?.0)
}

/// `confirm_registration`, with the event as read under its lock: the caller composes its
/// email from it without reading it again while the lock is held.
pub async fn confirm_registration_of_event(
    conn: &impl ConnectionTrait,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<(ConfirmOutcome, Option<event::Model>), DomainError> {
    match find_by_token(conn, clear).await? {
        Some(found) if found.status == RegistrationStatus::Pending => {
            let (outcome, event) = super::seats::confirm_pending(conn, &found, false, now).await?;
            Ok((outcome, Some(event)))
        }
        Some(found) => {
            let (outcome, event) = take_seat(conn, found.id, found.event_id, now).await?;
            Ok((outcome, Some(event)))
        }
        None => Ok((ConfirmOutcome::Unknown, None)),
    }
}

/// What a signed-in member's one-click registration did.
#[derive(Debug)]
pub struct DirectRegistration {
    pub outcome: ConfirmOutcome,
    /// The registration page's token, when one was issued now (for the confirmation email).
    pub token: Option<Secret>,
}

/// A signed-in member registers in one go: the request and its confirmation in the caller's
/// transaction, with the member's address, name and language.
#[instrument(skip_all, fields(event = event.id, member = member.id))]
pub async fn register_member_directly(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    member: &member::Model,
    accommodations: Option<Accommodations>,
    now: DateTime<Utc>,
) -> Result<DirectRegistration, DomainError> {
    let request = RegistrationRequest {
        email: EmailAddress::parse(&member.email)
            .map_err(|_| DomainError::Inconsistent("stored address does not parse"))?,
        full_name: FullName::parse(&member.full_name)
            .map_err(|_| DomainError::Inconsistent("stored name does not parse"))?,
        language: member.language,
        member_id: Some(member.id),
        accommodations,
    };
    Ok(
        match request_registration(conn, event, request, now).await? {
            RequestOutcome::Pending {
                registration,
                token,
            } => DirectRegistration {
                outcome: take_seat(conn, registration.id, registration.event_id, now)
                    .await?
                    .0,
                token: Some(token),
            },
            RequestOutcome::AlreadyRegistered(registration) => DirectRegistration {
                outcome: ConfirmOutcome::AlreadyDone(registration),
                token: None,
            },
            RequestOutcome::Refused(refused) => DirectRegistration {
                outcome: ConfirmOutcome::Refused(refused),
                token: None,
            },
        },
    )
}

/// One more link to a registration's page, for an email that must carry one. Every earlier
/// link keeps working: a registration answers to all its links for its whole life.
pub async fn add_link(
    conn: &impl ConnectionTrait,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<Secret, DomainError> {
    let token = Secret::random();
    registration_link::Entity::insert(registration_link::ActiveModel {
        registration_id: Set(registration_id),
        token_hash: Set(hash(token.as_str())),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(token)
}

async fn by_event_and_email(
    conn: &impl ConnectionTrait,
    event_id: i64,
    email: &EmailAddress,
) -> Result<Option<registration::Model>, DomainError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?)
}
