//! The whole application: the public site's routes and the back office's, each group behind
//! the defences it needs, then the one middleware stack every answer goes through.

use std::time::Duration;

use axum::{
    Router,
    extract::{MatchedPath, Request},
    middleware::{from_fn, from_fn_with_state},
};
use tower::ServiceBuilder;
use tower_http::{limit::RequestBodyLimitLayer, timeout::TimeoutLayer, trace::TraceLayer};

use crate::{
    admin,
    error::{self, AppError},
    routes,
    security::{headers, origin, text},
    state::AppState,
};

pub fn router(state: AppState) -> Router {
    let body_limit = state.settings.limits.body_bytes;
    let upload_limit = state.settings.limits.upload_bytes;
    let pages = routes::forms(&state)
        .merge(admin::router())
        .route_layer(from_fn_with_state(state.clone(), origin::same_origin_only))
        .route_layer(RequestBodyLimitLayer::new(body_limit))
        .route_layer(from_fn_with_state(body_limit, text::refuse_nul_in_form));

    // Files are larger than forms.
    let uploads = admin::upload_router()
        .route_layer(from_fn_with_state(state.clone(), origin::same_origin_only))
        .route_layer(RequestBodyLimitLayer::new(upload_limit))
        .route_layer(axum::extract::DefaultBodyLimit::max(upload_limit))
        .route_layer(from_fn_with_state(upload_limit, text::refuse_nul_in_form));

    let https = state.settings.is_https();
    let mut app = pages
        .merge(uploads)
        .merge(routes::one_click(body_limit))
        .merge(crate::api::router(body_limit))
        .merge(routes::operations(&state))
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
