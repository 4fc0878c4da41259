//! The public site's handlers, one module per feature, and their routes in groups by the
//! defences they need; `crate::router` puts them together with the back office's.

mod accessibility;
mod account;
mod assets;
mod confirm;
mod events;
mod experts;
mod health;
mod home;
mod join;
mod newsletters;
mod registration;
mod sign_in;
mod summit;
mod unsubscribe;

use axum::{
    Router,
    middleware::from_fn_with_state,
    routing::{get, post},
};
use tower_http::limit::RequestBodyLimitLayer;

use crate::{
    security::{rate_limit, text},
    state::AppState,
};

/// The pages and forms: cookies, CSRF and same-origin POSTs (the defences `crate::router`
/// applies to them and to the back office's alike).
pub fn forms(state: &AppState) -> Router<AppState> {
    // The POSTs that send mail get the per-IP limit.
    // Joining and asking for a sign-in link take the same time whoever the address is.
    let takes_an_address = Router::new()
        .route("/{lang}/join", get(join::form).post(join::submit))
        .route("/{lang}/sign-in", get(sign_in::form).post(sign_in::submit))
        .route_layer(from_fn_with_state(
            state.clone(),
            crate::security::timing::answer_floor,
        ));
    let sends_mail = Router::new()
        .merge(takes_an_address)
        .route("/{lang}/confirm/{token}/renew", post(confirm::renew))
        .route("/{lang}/account/email", post(account::change_email))
        .route(
            "/{lang}/events/{slug}/register",
            post(registration::register),
        )
        .route(
            "/{lang}/events/{slug}/register-member",
            post(registration::register_member),
        )
        // Each choice mails the agenda to the registration's address.
        .route(
            "/{lang}/registrations/{token}/sessions/{session}/choose",
            post(summit::choose),
        )
        .route(
            "/{lang}/registrations/{token}/sessions/{session}/unchoose",
            post(summit::unchoose),
        )
        .route(
            "/{lang}/events/{slug}/sessions/{session}/{action}",
            post(summit::member_choice),
        )
        .route_layer(from_fn_with_state(
            state.clone(),
            rate_limit::limit_mail_posts,
        ));

    Router::new()
        .route("/", get(home::root))
        .route("/{lang}", get(home::add_slash))
        .route("/{lang}/", get(home::page))
        .route("/{lang}/accessibility", get(accessibility::page))
        .route("/{lang}/join/check-email", get(join::check_email))
        .route("/{lang}/join/confirmed", get(confirm::confirmed))
        .route(
            "/{lang}/confirm/{token}",
            get(confirm::show).post(confirm::submit),
        )
        .route("/{lang}/sign-in/sent", get(sign_in::sent))
        .route("/{lang}/events", get(events::list))
        .route("/{lang}/newsletters", get(newsletters::archive))
        .route("/{lang}/newsletters/{id}", get(newsletters::archived))
        .route("/{lang}/events.ics", get(events::feed))
        .route("/{lang}/events/{slug}", get(events::show))
        .route(
            "/{lang}/events/{slug}/registered",
            get(registration::registered),
        )
        .route(
            "/{lang}/registrations/{token}",
            get(registration::registration_page),
        )
        .route(
            "/{lang}/registrations/{token}/confirm",
            post(registration::confirm),
        )
        .route(
            "/{lang}/registrations/{token}/cancel",
            post(registration::cancel),
        )
        .route(
            "/{lang}/registrations/{token}/event.ics",
            get(registration::calendar_download),
        )
        .route(
            "/{lang}/registrations/{token}/agenda.ics",
            get(summit::agenda),
        )
        .route("/{lang}/events/{slug}/programme", get(summit::programme))
        .route(
            "/{lang}/sign-in/{token}",
            get(sign_in::show).post(sign_in::submit_link),
        )
        .route("/{lang}/sign-out", post(sign_in::sign_out))
        .route("/{lang}/signed-out", get(sign_in::signed_out))
        .route(
            "/{lang}/account",
            get(account::show).post(account::update_profile),
        )
        .route("/{lang}/account/newsletter", post(account::newsletter))
        .route(
            "/{lang}/account/sign-out-everywhere",
            post(account::sign_out_everywhere),
        )
        .route(
            "/{lang}/account/email/{token}",
            get(account::show_email_link).post(account::confirm_email_link),
        )
        .route("/{lang}/account/data", get(account::data))
        .route(
            "/{lang}/account/delete",
            get(account::delete_form).post(account::delete),
        )
        .route("/{lang}/account/deleted", get(account::deleted))
        .merge(sends_mail)
        .merge(experts::routes(state))
}

/// Authorised by their token alone; a mail provider's one-click POST has no cookie, no CSRF
/// token and no Origin of ours (RFC 8058).
pub fn one_click(body_limit: usize) -> Router<AppState> {
    Router::new()
        .route(
            "/{lang}/unsubscribe/{token}",
            get(unsubscribe::show).post(unsubscribe::submit),
        )
        .route_layer(RequestBodyLimitLayer::new(body_limit))
        .route_layer(from_fn_with_state(body_limit, text::refuse_nul_in_form))
}

/// Health, static files, and metrics when they share the main listener.
pub fn operations(state: &AppState) -> Router<AppState> {
    let operations = Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/static/site.css", get(assets::stylesheet))
        .route("/static/icon.svg", get(assets::icon))
        .route("/favicon.ico", get(assets::favicon));
    // On the main listener only with a token; `metrics.bind` serves it apart instead.
    if state.settings.metrics_exposure().ok() == Some(crate::config::MetricsExposure::WithToken) {
        operations.route("/metrics", get(crate::metrics::scrape))
    } else {
        operations
    }
}
