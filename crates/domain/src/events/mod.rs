//! Events and registrations: organizers create and publish events; people register, confirm by
//! emailed link (or at once when signed in), wait in line when the event is full, cancel, and
//! are checked in at the door.
//!
//! One file per concern: `event` (the event, its fields and their checks), `lifecycle` (create,
//! edit, publish, cancel), `catalogue` (what is listed), `registration` (request, links,
//! confirmation), `accommodations`, `seats` (claim, release, waitlist, promotion, and the
//! invariant they keep), `door` (check-in), `roster` (registrant lists and counts) and
//! `housekeeping` (the scheduled jobs' part). Everything public is re-exported here, so callers
//! name `events::…` whatever file an item lives in.

mod accommodations;
mod catalogue;
mod door;
mod event;
mod housekeeping;
mod lifecycle;
mod registration;
mod roster;
mod seats;

pub use accommodations::{Accommodations, AccommodationsTooLong, SignLanguage};
pub use catalogue::{UpcomingFilter, find, find_by_slug, list_for_chapters, list_upcoming};
pub use door::{CheckIn, check_in, undo_check_in};
pub(crate) use event::valid_link;
pub use event::{
    Capacity, CapacityError, DateField, EventError, EventFieldError, EventFields, EventSlug,
    EventStatus, Format, Missing, SlugError, missing_for_publication,
};
pub use housekeeping::{Purged, due_reminders, forget_registrations, purge_accommodations};
pub use lifecycle::{
    EventCancellation, EventUpdated, cancel_event, create_event, publish, update_event,
};
pub use registration::{
    ConfirmOutcome, DirectRegistration, REMINDER_OF_REGISTRATION_MAIL, REQUEST_MAIL, Refusal,
    RegistrationRequest, RegistrationStatus, RequestOutcome, add_link, confirm_registration,
    confirm_registration_of_event, confirmation_refusal, find_by_token, form_mail_allowed, refusal,
    register_member_directly, request_registration,
};
pub use roster::{
    Counts, counts, registrations_of, registrations_of_member, registrations_of_person,
};
pub use seats::{CancelOutcome, cancel_registration, confirm_pending};
