//! The Digital Summit: an event's programme of sessions (days, tracks, formats, languages,
//! speakers, a capacity of their own), the sessions each confirmed registrant chooses, and the
//! reminder an hour before each online one.
//!
//! `session` holds the session and its writes; `choices` the seats, the waitlist and the
//! overlap rule, with the same single-statement seat claim as an event's (`events::seats`);
//! `roster` who chose what (attendance, check-in, a registration's choices);
//! `reminders` the claim of the reminders due.

mod choices;
mod reminders;
mod roster;
mod session;

pub use choices::{ChoiceOutcome, ChoiceRefusal, ChoiceStatus, Unchosen, choose, unchoose};
pub use reminders::{DueReminder, claim_due_reminders};
pub use roster::{attendance, check_in, choices_of, release_all};
pub use session::{
    SessionError, SessionFieldError, SessionFields, SessionUpdated, Speaker, cancel_session,
    checked, create_session, find_session, move_session, programme, update_session, with_programme,
};
