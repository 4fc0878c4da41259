//! Message composition: one module per email, each giving a subject, a plain-text body and an
//! HTML body in the recipient's language, around a shared footer that names the sender and
//! gives the postal address (CASL).

pub mod account;
pub mod events;
pub mod experts;
mod layout;
pub mod membership;
pub mod newsletter;
pub mod summit;

use domain::Language;

pub use layout::{Brand, SenderGap};

/// A composed message, before it becomes an outbox row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Extra headers, such as `List-Unsubscribe`.
    pub headers: Vec<(String, String)>,
}

/// Paragraphs and at most one link, the shape of every transactional email.
pub(crate) struct Body {
    pub lang: Language,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    pub action: Option<Action>,
    pub after: Vec<String>,
    /// The member's unsubscribe link, for messages that can carry one.
    pub unsubscribe: Option<String>,
}

pub(crate) struct Action {
    pub label: String,
    pub url: String,
}
