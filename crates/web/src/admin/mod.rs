//! The organizers' back office under `/admin`: what each may see is cut by their role and
//! chapters on the server, for every route; every change or export goes to the audit log.

pub mod auth;
mod csv_export;
mod events;
mod newsletters;
mod pages;
pub mod passwords;
mod step_up;

use axum::{
    Router,
    routing::{get, post},
};

pub use passwords::Passwords;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use domain::calendar::{self, DateError};

/// How a `datetime-local` field writes a time.
const LOCAL: &str = "%Y-%m-%dT%H:%M";

/// A `datetime-local` value read as a time in `zone` (the earlier, if a clock change makes it
/// twice), through the domain's one reading of such fields, which keeps years in range.
fn local_time(raw: &str, zone: Tz) -> Result<DateTime<Utc>, DateError> {
    let naive = calendar::parse_local(raw)?;
    let at = zone
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(DateError::Invalid)?;
    calendar::in_range(at)
}

/// The message for a date field that was refused: `invalid` when it is not a date at all.
fn date_error(error: DateError, invalid: &'static str) -> &'static str {
    match error {
        DateError::Invalid => invalid,
        DateError::OutOfRange => "error-date-range",
    }
}

/// `at` in `zone`, as a `datetime-local` field shows it.
fn local_field(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format(LOCAL).to_string()
}

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(pages::dashboard))
        .route(
            "/admin/sign-in",
            get(auth::sign_in_form).post(auth::sign_in),
        )
        .route("/admin/sign-out", post(auth::sign_out))
        .route(
            "/admin/setup/{token}",
            get(auth::setup_form).post(auth::setup),
        )
        .route(
            "/admin/invite/{token}",
            get(auth::invite_form).post(auth::accept_invite),
        )
        .route(
            "/admin/password",
            get(auth::password_form).post(auth::change_password),
        )
        .route("/admin/lang/{code}", get(auth::switch_language))
        .route("/admin/chapters", get(pages::chapters))
        .route("/admin/events", get(events::list))
        .route(
            "/admin/events/new",
            get(events::new_form).post(events::create),
        )
        .route("/admin/events/{id}", get(events::show))
        .route(
            "/admin/events/{id}/edit",
            get(events::edit_form).post(events::save_existing),
        )
        .route("/admin/events/{id}/publish", post(events::publish))
        .route("/admin/newsletters", get(newsletters::list))
        .route("/admin/newsletters/{id}", get(newsletters::show))
        .route("/admin/newsletters/{id}/test", post(newsletters::test_send))
        .route(
            "/admin/newsletters/{id}/schedule",
            post(newsletters::schedule),
        )
        .route("/admin/newsletters/{id}/{action}", post(newsletters::act))
        .route("/admin/events/{id}/cancel", post(events::cancel))
        .route("/admin/events/{id}/message", post(events::message))
        .route("/admin/events/{id}/registrations.csv", get(events::export))
        .route(
            "/admin/events/{id}/registrations/{registration}/{action}",
            post(events::check_in),
        )
        .route(
            "/admin/chapters/{id}",
            get(pages::chapter_form).post(pages::save_chapter),
        )
        .route(
            "/admin/sign-in/code",
            get(auth::code_form).post(auth::submit_code),
        )
        .route(
            "/admin/two-factor",
            get(auth::enrolment_form).post(auth::enrol),
        )
        .route("/admin/two-factor/policy", post(auth::require_two_factor))
        .route("/admin/step-up", get(step_up::form).post(step_up::submit))
        .route("/admin/members", get(pages::members))
        .route("/admin/members.csv", get(pages::export))
        .route(
            "/admin/members/{id}",
            get(pages::member).post(pages::correct_member),
        )
        .route(
            "/admin/members/{id}/newsletters",
            post(pages::lift_suspension),
        )
        .route("/admin/audit", get(pages::audit_log))
        .route(
            "/admin/organizers",
            get(pages::organizers_page).post(pages::invite),
        )
        .route("/admin/organizers/{id}/active", post(pages::set_active))
        .route(
            "/admin/organizers/{id}/chapters",
            post(pages::assign_chapters),
        )
}

/// Routes that take a file or a long text (a newsletter in three languages): a larger body
/// limit than the forms.
pub fn upload_router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/members/import",
            get(pages::import_form).post(pages::import),
        )
        .route(
            "/admin/newsletters/new",
            get(newsletters::new_form).post(newsletters::create),
        )
        .route(
            "/admin/newsletters/{id}/edit",
            get(newsletters::edit_form).post(newsletters::update),
        )
}
