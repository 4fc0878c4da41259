//! Réseau's use cases, one function each: it opens the transaction, applies the domain's
//! rules, composes the mail, queues it, audits, and commits. The web handlers, the `reseau`
//! command, the scheduled jobs and the worker all call these, so that no second door can skip
//! a rule that the first one keeps.

pub mod account;
pub mod api_keys;
mod by_organizer;
pub mod chapters;
pub mod consent;
mod context;
pub mod events;
pub mod experts;
pub mod housekeeping;
pub mod import;
pub mod mail;
pub mod member_sign_in;
pub mod members;
pub mod membership;
pub mod newsletters;
pub mod onboarding;
pub mod organizers;
pub mod passwords;
pub mod registration;
pub mod staff_account;
pub mod staff_sign_in;
pub mod summit;
pub mod webhooks;
mod work;

pub use context::{App, Limits};
pub use passwords::Passwords;
pub use work::Work;
