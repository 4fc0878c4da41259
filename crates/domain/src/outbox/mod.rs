//! The transactional outbox: an email is a row written beside the change that caused it, and
//! a worker delivers it later with retries. A row is never deleted; it ends `sent` or `failed`.

use sea_orm::{DeriveActiveEnum, EnumIter};

use crate::newsletters;

mod claim;
mod enqueue;
mod forget;
mod settle;

pub use claim::{claim, claim_lane};
pub use enqueue::{Attachment, NewEmail, enqueue, recent_count, recent_count_for_member};
pub use forget::{cancel_for_member, forget_address, forget_member_addresses, forget_recipient};
pub use settle::{
    Settled, clear_bodies, mark_failed, mark_sent_many, retry_later, settle_refused, skip,
    unfinished_count,
};

/// Where an outbox row is in its delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    /// Waiting for `next_attempt_at`.
    #[sea_orm(string_value = "queued")]
    Queued,
    /// Claimed by a worker until `locked_until`.
    #[sea_orm(string_value = "sending")]
    Sending,
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Out of attempts, or refused for good.
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Will never be sent: its recipient was erased, withdrew their consent or its newsletter
    /// was cancelled before it went out (`last_error` says which).
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Queued,
        Status::Sending,
        Status::Sent,
        Status::Failed,
        Status::Cancelled,
    ];

    /// The stored value, as the back office and the metrics name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Sending => "sending",
            Status::Sent => "sent",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// Why a row was not sent because its recipient was erased before it went out.
pub const SKIPPED_ERASED: &str = "skipped: the recipient was erased";

/// The outbox kind of an organizer's message to an event's registrants: bulk mail.
pub const EVENT_MESSAGE_MAIL: &str = "event-message";

/// The worker's two lanes. Transactional mail (confirmations, sign-in links, registrations,
/// account notices) always goes before bulk mail (newsletter copies, organizers' messages to
/// registrants): each lane is claimed and sent on its own, and bulk yields to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Lane {
    #[sea_orm(string_value = "transactional")]
    Transactional,
    #[sea_orm(string_value = "bulk")]
    Bulk,
}

impl Lane {
    pub const ALL: [Lane; 2] = [Lane::Transactional, Lane::Bulk];

    pub fn as_str(self) -> &'static str {
        match self {
            Lane::Transactional => "transactional",
            Lane::Bulk => "bulk",
        }
    }

    /// The lane of an email of `kind`: newsletter copies and organizers' messages to
    /// registrants are bulk, everything else someone is waiting for.
    pub fn of(kind: &str) -> Self {
        if kind == newsletters::MAIL_KIND || kind == EVENT_MESSAGE_MAIL {
            Lane::Bulk
        } else {
            Lane::Transactional
        }
    }
}

/// What stands in an outbox row's recipient once the address must be forgotten.
pub const FORGOTTEN: &str = "forgotten";
