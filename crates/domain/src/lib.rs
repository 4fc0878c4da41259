//! Réseau's domain: the entities and the rules that change them. No HTTP, no SMTP; every
//! service takes `&impl ConnectionTrait`, so it runs on a pool or inside a caller's transaction.

pub mod account;
pub mod api_keys;
pub mod audit;
pub mod calendar;
pub mod chapter;
pub mod consent;
pub mod db;
pub mod directory;
pub mod email;
pub mod entities;
mod error;
pub mod events;
pub mod experts;
pub mod import;
pub mod language;
pub mod localized;
pub mod membership;
pub mod newsletters;
pub mod organizers;
pub mod outbox;
pub mod password;
pub mod profile;
pub mod public_pages;
pub mod purge;
pub mod redact;
pub mod search;
pub mod session;
pub mod sign_in_guard;
pub mod stats;
pub mod summit;
pub mod text;
pub mod token;
pub mod two_factor;
pub mod webhooks;

pub use db::Db;
pub use email::EmailAddress;
pub use error::DomainError;
pub use language::Language;
pub use localized::Localized;
pub use profile::{FullName, Interest};
