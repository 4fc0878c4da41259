//! The Trilateral Expert Network's public side: the directory and profiles (`directory`),
//! the contact relay and its links (`contact`), and a member's own listing (`listing`).
//!
//! The directory's pages sit behind a per-IP limit of their own, so the list cannot be
//! harvested quickly; the contact form's POST also takes the limit of every form that sends
//! mail.

mod contact;
mod directory;
mod listing;

use std::{
    net::{IpAddr, SocketAddr},
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

use axum::{
    Router,
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderValue, header, request::Parts},
    middleware::{Next, from_fn_with_state},
    response::{IntoResponse, Response},
    routing::{get, post},
};

use crate::{
    error::AppError,
    security::rate_limit::{self, IpLimiter, limit_key},
    state::AppState,
};

pub fn routes(state: &AppState) -> Router<AppState> {
    let experts = &state.settings.experts;
    let pages = Arc::new(PageLimiter {
        limiter: IpLimiter::new(
            experts.pages_burst,
            experts.pages_per_minute,
            state.settings.behind_proxy,
        ),
        seen: AtomicU64::new(0),
    });
    let contact_form = Router::new()
        .route("/{lang}/experts/{slug}/contact", post(contact::submit))
        .route_layer(from_fn_with_state(
            state.clone(),
            rate_limit::limit_mail_posts,
        ));
    Router::new()
        .route("/{lang}/experts", get(directory::list))
        .route("/{lang}/experts/{slug}", get(directory::profile))
        .route(
            "/{lang}/experts/{slug}/check-email",
            get(contact::check_email),
        )
        .route("/{lang}/experts/{slug}/sent", get(contact::sent))
        .merge(contact_form)
        .route_layer(from_fn_with_state(pages, limit_pages))
        .route(
            "/{lang}/experts/messages/{token}",
            get(contact::show_link).post(contact::confirm),
        )
        .route(
            "/{lang}/experts/reports/{token}",
            get(contact::show_report).post(contact::report),
        )
        .route(
            "/{lang}/account/expert",
            get(listing::show).post(listing::submit),
        )
        .route("/{lang}/account/expert/contact", post(listing::pause))
        .route(
            "/{lang}/account/expert/withdraw",
            get(listing::withdraw_form).post(listing::withdraw),
        )
}

/// The directory's own per-IP limit. Idle clients are forgotten every so many requests, so
/// a spread-out crawl cannot grow the map without bound.
struct PageLimiter {
    limiter: IpLimiter,
    seen: AtomicU64,
}

async fn limit_pages(
    State(pages): State<Arc<PageLimiter>>,
    request: Request,
    next: Next,
) -> Response {
    if pages.seen.fetch_add(1, Ordering::Relaxed) % 1024 == 1023 {
        pages.limiter.retain_recent();
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    if !pages.limiter.check(peer, request.headers()) {
        let mut response = AppError::TooManyRequests.into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    }
    next.run(request).await
}

/// The client's address as the limits count it: behind a trusted proxy the hop it recorded,
/// and an IPv6 client by its /64.
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        Ok(ClientIp(
            state.ip_limiter.client(peer, &parts.headers).map(limit_key),
        ))
    }
}

/// The cookie that keeps a browser's proof of a confirmed sender address.
fn sender_cookie_name(state: &AppState) -> &'static str {
    if state.settings.is_https() {
        "__Host-reseau_sender"
    } else {
        "reseau_sender"
    }
}
