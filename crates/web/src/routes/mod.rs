//! The router: feature routes merged at the root, and one function that applies the whole
//! middleware stack.

mod accessibility;
mod account;
mod assets;
mod confirm;
mod events;
mod health;
mod home;
mod join;
mod newsletters;
mod registration;
mod sign_in;
mod unsubscribe;

use std::time::Duration;

use axum::{
    Router,
    extract::{MatchedPath, Request},
    middleware::{from_fn, from_fn_with_state},
    routing::{get, post},
};
use tower::ServiceBuilder;
use tower_http::{limit::RequestBodyLimitLayer, timeout::TimeoutLayer, trace::TraceLayer};

use crate::{
    error::{self, AppError},
    security::{headers, origin, rate_limit, text},
    state::AppState,
};

pub fn router(state: AppState) -> Router {
    let body_limit = state.settings.limits.body_bytes;
    let upload_limit = state.settings.limits.upload_bytes;
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
        .route_layer(from_fn_with_state(
            state.clone(),
            rate_limit::limit_mail_posts,
        ));

    let pages = Router::new()
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
        .merge(crate::admin::router())
        .route_layer(from_fn_with_state(state.clone(), origin::same_origin_only))
        .route_layer(RequestBodyLimitLayer::new(body_limit))
        .route_layer(from_fn_with_state(body_limit, text::refuse_nul_in_form));

    // Files are larger than forms.
    let uploads = crate::admin::upload_router()
        .route_layer(from_fn_with_state(state.clone(), origin::same_origin_only))
        .route_layer(RequestBodyLimitLayer::new(upload_limit))
        .route_layer(axum::extract::DefaultBodyLimit::max(upload_limit))
        .route_layer(from_fn_with_state(upload_limit, text::refuse_nul_in_form));

    // Authorised by their token alone; a mail provider's one-click POST has no cookie, no CSRF
    // token and no Origin of ours (RFC 8058).
    let one_click = Router::new()
        .route(
            "/{lang}/unsubscribe/{token}",
            get(unsubscribe::show).post(unsubscribe::submit),
        )
        .route_layer(RequestBodyLimitLayer::new(body_limit))
        .route_layer(from_fn_with_state(body_limit, text::refuse_nul_in_form));

    let operations = Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/api/v1/events", get(events::api_list))
        .route("/static/site.css", get(assets::stylesheet))
        .route("/static/icon.svg", get(assets::icon))
        .route("/favicon.ico", get(assets::favicon));
    // On the main listener only with a token; `metrics.bind` serves it apart instead.
    let operations = if state.settings.metrics_exposure().ok()
        == Some(crate::config::MetricsExposure::WithToken)
    {
        operations.route("/metrics", get(crate::metrics::scrape))
    } else {
        operations
    };

    let https = state.settings.is_https();
    let mut app = pages
        .merge(uploads)
        .merge(one_click)
        .merge(operations)
        .fallback(|| async { AppError::NotFound })
        .layer(
            ServiceBuilder::new()
                .layer(from_fn_with_state(state.clone(), error::localize))
                .layer(from_fn(text::refuse_nul_in_uri))
                .layer(TimeoutLayer::with_status_code(
                    axum::http::StatusCode::SERVICE_UNAVAILABLE,
                    Duration::from_secs(30),
                )),
        )
        .layer(from_fn(cache_control));
    for layer in headers::layers(https) {
        app = app.layer(layer);
    }
    app.layer(
        TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map_or("-", MatchedPath::as_str)
                .to_owned();
            tracing::info_span!("request", method = %request.method(), route)
        }),
    )
    .layer(from_fn_with_state(
        state.metrics.clone(),
        crate::metrics::track,
    ))
    .with_state(state)
}

/// Pages are personal or carry tokens: no shared cache may keep them. The stylesheet sets its own.
async fn cache_control(request: Request, next: axum::middleware::Next) -> axum::response::Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(axum::http::header::CACHE_CONTROL)
        .or_insert(axum::http::HeaderValue::from_static("no-store"));
    response
}
