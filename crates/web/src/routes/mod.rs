//! The router: feature routes merged at the root, and one function that applies the whole
//! middleware stack.

mod assets;
mod confirm;
mod health;
mod home;
mod join;

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
    security::{headers, origin, rate_limit},
    state::AppState,
};

pub fn router(state: AppState) -> Router {
    // The POSTs that send mail get the per-IP limit.
    let sends_mail = Router::new()
        .route("/{lang}/join", get(join::form).post(join::submit))
        .route("/{lang}/confirm/{token}/renew", post(confirm::renew))
        .route_layer(from_fn_with_state(
            state.clone(),
            rate_limit::limit_mail_posts,
        ));

    let pages = Router::new()
        .route("/", get(home::root))
        .route("/{lang}", get(home::add_slash))
        .route("/{lang}/", get(home::page))
        .route("/{lang}/join/check-email", get(join::check_email))
        .route("/{lang}/join/confirmed", get(confirm::confirmed))
        .route(
            "/{lang}/confirm/{token}",
            get(confirm::show).post(confirm::submit),
        )
        .merge(sends_mail)
        .route_layer(from_fn_with_state(state.clone(), origin::same_origin_only));

    let operations = Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/static/site.css", get(assets::stylesheet));

    let https = state.settings.is_https();
    let body_limit = state.settings.limits.body_bytes;
    let mut app = pages
        .merge(operations)
        .fallback(|| async { AppError::NotFound })
        .layer(
            ServiceBuilder::new()
                .layer(from_fn_with_state(state.clone(), error::localize))
                .layer(RequestBodyLimitLayer::new(body_limit))
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
