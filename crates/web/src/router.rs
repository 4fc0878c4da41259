//! The whole application: the public site's routes and the back office's, each group behind
//! the defences it needs, then the one middleware stack every answer goes through.

use std::time::Duration;

use axum::{
    Router,
    extract::{MatchedPath, Request},
    middleware::{from_fn, from_fn_with_state, map_response_with_state},
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
    let routed = pages
        .merge(uploads)
        .merge(routes::one_click(body_limit))
        .merge(crate::api::router(body_limit))
        .merge(routes::operations(&state))
        // The one layer every route carries: its template, for the layers outside the router.
        .route_layer(from_fn(route_name))
        .fallback(|| async { AppError::NotFound })
        .with_state(state.clone());

    // Every answer's layers wrap the router once, as one service, rather than each route
    // (`Router::layer` wraps every route's service, boxed, one box per layer, and a request
    // clones its route's whole stack: about a fifth of a confirmation's CPU went to that).
    // Outside the router there is no `MatchedPath`: `route_name` hands the template out in
    // the response's extensions and the request's span.
    let stack = ServiceBuilder::new()
        .layer(from_fn_with_state(
            state.metrics.clone(),
            crate::metrics::track,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    route = tracing::field::Empty
                )
            }),
        )
        .layer(map_response_with_state(
            headers::security_headers(https),
            headers::set,
        ))
        .layer(from_fn(cache_control))
        .layer(from_fn_with_state(state, error::localize))
        .layer(from_fn(text::refuse_nul_in_uri))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .service(routed);
    Router::new().fallback_service(stack)
}

/// The route's template (`/{lang}/events/{slug}`), never the path (which may hold a token),
/// for the metrics, the logs and the span of the layers outside the router.
#[derive(Clone, Debug)]
pub struct RouteName(pub MatchedPath);

/// Puts the matched route in the request's span and the response's extensions.
async fn route_name(
    matched: MatchedPath,
    request: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    tracing::Span::current().record("route", matched.as_str());
    let mut response = next.run(request).await;
    response.extensions_mut().insert(RouteName(matched));
    response
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
