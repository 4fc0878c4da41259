//! The Trilateral Expert Network: a directory members choose to be in, and a relay that lets
//! anyone write to a listed expert without ever learning their address.
//!
//! - `content`: what a profile says and who may see each part of it, and the checks on it.
//! - `profile`: a member listing themself (a consent of its own in the ledger), editing,
//!   pausing contact, withdrawing.
//! - `listing`: the directory as visitors and members read it.
//! - `review`: organizers approving, sending back or hiding what members submit.
//! - `messages`: the contact relay (confirmation of the sender's address, daily limits,
//!   abuse reports that block a sender) and the senders' keyed hashes.
//! - `lifecycle`: erasure with the account, the data download, and the purge of what ran out.

mod content;
mod lifecycle;
mod links;
mod listing;
mod messages;
mod profile;
mod review;
mod senders;

use sea_orm::{DeriveActiveEnum, EnumIter};

pub use content::{
    BIO_MAX_CHARS, COUNTRIES, Content, ContentInput, Field, LINE_MAX_CHARS, LIVED_MAX_CHARS,
    Problem, SPOKEN, Visibility, stored_list,
};
pub use lifecycle::{erase, export, purge};
pub use links::{
    ConfirmOutcome, MessageLink, ReportOutcome, check_confirm, check_report, confirm, report,
};
pub use listing::{Audience, Filter, chapters_of, is_listed, listed_by_slug, listed_slugs, page};
pub use messages::{
    CONFIRM_LIFETIME, ContactLimits, MESSAGE_MAX_CHARS, NewMessage, REPORT_LIFETIME, Refusal,
    Relayed, SUBJECT_MAX_CHARS, Submitted, relay, submit,
};
pub use profile::{
    ConsentRecord, Saved, by_id, by_member, create, member_of, save, search_texts, set_paused,
    withdraw,
};
pub use review::{
    Counts, Decided, Decision, QueueEntry, Report, all_in_scope, counts, decide, in_scope,
    organizers_to_tell, queue, reports, waiting_count,
};
pub use senders::{is_blocked, is_confirmed, sender, unblock};

/// Where a profile stands with the organizers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    /// Submitted (new or changed), waiting for an organizer of the member's chapter.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Nothing waiting: the approved version is listed.
    #[sea_orm(string_value = "approved")]
    Approved,
    /// Sent back with a note; an approved version, if there is one, stays listed.
    #[sea_orm(string_value = "returned")]
    Returned,
    /// Taken out of the directory by an organizer until a new submission is approved.
    #[sea_orm(string_value = "hidden")]
    Hidden,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Returned => "returned",
            Status::Hidden => "hidden",
        }
    }
}

/// Where a message to an expert stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum MessageStatus {
    /// Waiting for the sender to confirm their address from the emailed link.
    #[sea_orm(string_value = "unconfirmed")]
    Unconfirmed,
    /// Relayed to the expert.
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Relayed, then reported as abuse by the expert.
    #[sea_orm(string_value = "reported")]
    Reported,
    /// Never relayed: its sender was blocked, its link ran out, or the expert could not take it.
    #[sea_orm(string_value = "dropped")]
    Dropped,
}

/// The kinds of email the network sends; the outbox and the throttles count them by these.
pub const MESSAGE_MAIL: &str = "expert-message";
pub const MESSAGE_CONFIRM_MAIL: &str = "expert-message-confirm";
pub const REVIEW_MAIL: &str = "expert-review";
pub const ABUSE_MAIL: &str = "expert-abuse-report";

/// The consent ledger's source for choices made on the listing form.
pub const SOURCE_PROFILE: &str = "expert-profile";
