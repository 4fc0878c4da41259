//! Newsletters: written once per language, sent to an audience fixed when sending starts, each
//! member at most once. Sending expands the audience into one outbox row per recipient, in
//! batches, under the unique key (newsletter, member): running the expansion twice, a double
//! click or two processes racing cannot write a second row, so cannot send a second copy.
//!
//! A newsletter goes `draft` → (`scheduled`) → `sending` ⇄ `paused` → `sent`, or `cancelled`.
//!
//! One file per concern: `draft` (the text and its checks), `audience` (who receives it, and
//! bounces), `sending` (the status and its transitions), `expansion` (the outbox rows),
//! `progress` and `archive`. Everything public is re-exported here.

mod archive;
mod audience;
mod draft;
mod expansion;
mod progress;
mod sending;

pub use archive::{archive, archived, set_published};
pub(crate) use audience::subscribed;
pub use audience::{
    Audience, count_audience, lift_suspension, record_hard_bounce, still_subscribed,
};
pub use draft::{
    BODY_MAX, Draft, DraftField, DraftFieldError, SUBJECT_MAX, Version, create, find, list, update,
};
pub use expansion::{
    MAIL_KIND, SKIPPED_CANCELLED, SKIPPED_UNSUBSCRIBED, TEST_MAIL_KIND, due, expand_batch,
    expanding, finish_if_done, in_progress,
};
pub use progress::{Progress, failures, progress};
pub use sending::{
    Status, cancel, hold_scheduled, hold_sending, pause, resume, schedule, start, unschedule,
};
