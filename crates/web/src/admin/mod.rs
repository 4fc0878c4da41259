//! The organizers' back office under `/admin`, one module per feature (its pages are the
//! modules of the same names in `views::admin`): what each may see is cut by their role and
//! chapters on the server, for every route; every change or export goes to the audit log
//! (through the use cases of `app`). Every form POST is a `CheckedForm`, read only after its
//! CSRF token matched.

mod api_keys;
mod audit;
mod chapters;
mod csv_export;
mod dashboard;
pub mod datetime_local;
mod events;
mod experts;
mod import;
pub mod language;
mod members;
mod newsletters;
mod onboarding;
mod organizers;
mod password;
pub mod return_to;
pub mod session;
mod sign_in;
mod step_up;
mod summit;
mod two_factor;
mod webhooks;

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

/// The last page index a query may ask for: far past any directory, and small enough that
/// `page × per page` (and the pager's `page + 2`) never overflow, whatever `?page=` says.
pub(crate) const MAX_PAGE: u64 = 1_000_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard::dashboard))
        .route(
            "/admin/sign-in",
            get(sign_in::sign_in_form).post(sign_in::sign_in),
        )
        .route("/admin/sign-out", post(sign_in::sign_out))
        .route(
            "/admin/setup/{token}",
            get(onboarding::setup_form).post(onboarding::setup),
        )
        .route(
            "/admin/invite/{token}",
            get(onboarding::invite_form).post(onboarding::accept_invite),
        )
        .route(
            "/admin/password",
            get(password::password_form).post(password::change_password),
        )
        .route("/admin/lang/{code}", get(language::switch_language))
        .route("/admin/chapters", get(chapters::chapters))
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
        .route("/admin/events/{id}/programme", get(summit::programme))
        .route(
            "/admin/events/{id}/sessions/new",
            get(summit::new_form).post(summit::create),
        )
        .route("/admin/events/{id}/sessions/{session}", get(summit::show))
        .route(
            "/admin/events/{id}/sessions/{session}/edit",
            get(summit::edit_form).post(summit::save_existing),
        )
        .route(
            "/admin/events/{id}/sessions/{session}/move",
            post(summit::move_session),
        )
        .route(
            "/admin/events/{id}/sessions/{session}/cancel",
            post(summit::cancel),
        )
        .route(
            "/admin/events/{id}/sessions/{session}/attendance.csv",
            get(summit::export),
        )
        .route(
            "/admin/events/{id}/sessions/{session}/choices/{choice}/{action}",
            post(summit::check_in),
        )
        .route("/admin/events/{id}/message", post(events::message))
        .route("/admin/events/{id}/registrations.csv", get(events::export))
        .route(
            "/admin/events/{id}/registrations/{registration}/{action}",
            post(events::check_in),
        )
        .route(
            "/admin/chapters/{id}",
            get(chapters::chapter_form).post(chapters::save_chapter),
        )
        .route(
            "/admin/sign-in/code",
            get(sign_in::code_form).post(sign_in::submit_code),
        )
        .route(
            "/admin/two-factor",
            get(two_factor::enrolment_form).post(two_factor::enrol),
        )
        .route(
            "/admin/two-factor/policy",
            post(two_factor::require_two_factor),
        )
        .route("/admin/step-up", get(step_up::form).post(step_up::submit))
        .route("/admin/members", get(members::members))
        .route("/admin/members.csv", get(members::export))
        .route(
            "/admin/members/{id}",
            get(members::member).post(members::correct_member),
        )
        .route(
            "/admin/members/{id}/newsletters",
            post(members::lift_suspension),
        )
        .route("/admin/audit", get(audit::audit_log))
        .route(
            "/admin/api-keys",
            get(api_keys::list).post(api_keys::create),
        )
        .route("/admin/api-keys/{id}/revoke", post(api_keys::revoke))
        .route(
            "/admin/webhooks",
            get(webhooks::list).post(webhooks::create),
        )
        .route("/admin/webhooks/{id}", get(webhooks::show))
        .route("/admin/webhooks/{id}/active", post(webhooks::set_active))
        .route(
            "/admin/organizers",
            get(organizers::organizers_page).post(organizers::invite),
        )
        .route(
            "/admin/organizers/{id}/active",
            post(organizers::set_active),
        )
        .route(
            "/admin/organizers/{id}/chapters",
            post(organizers::assign_chapters),
        )
        .merge(experts::router())
}

/// Routes that take a file or a long text (a newsletter in three languages): a larger body
/// limit than the forms.
pub fn upload_router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/members/import",
            get(import::import_form).post(import::import),
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
