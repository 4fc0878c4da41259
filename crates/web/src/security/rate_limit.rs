//! Per-IP limits on requests that send mail. They are kept per instance, as DESIGN.md allows;
//! the per-address limit, which must hold across instances, counts outbox rows instead.

use std::{
    net::{IpAddr, SocketAddr},
    num::NonZeroU32,
    sync::Arc,
};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::{error::AppError, state::AppState};

pub struct IpLimiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    behind_proxy: bool,
}

impl IpLimiter {
    pub fn new(burst: u32, per_minute: u32, behind_proxy: bool) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        Self {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            behind_proxy,
        }
    }

    /// The client's address: the peer, or behind a trusted proxy the last hop it recorded.
    fn client(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        if self.behind_proxy {
            let forwarded = headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|ip| ip.trim().parse().ok());
            if forwarded.is_some() {
                return forwarded;
            }
        }
        peer
    }

    pub fn check(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> bool {
        match self.client(peer, headers) {
            Some(ip) => self.limiter.check_key(&ip).is_ok(),
            None => true,
        }
    }

    /// Forgets idle keys so the map does not grow without bound under a spread-out attack.
    pub fn retain_recent(&self) {
        self.limiter.retain_recent();
    }
}

/// Middleware for routes whose POST sends mail.
pub async fn limit_mail_posts(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    if !state.ip_limiter.check(peer, request.headers()) {
        let mut response = AppError::TooManyRequests.into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    }
    next.run(request).await
}

pub type SharedIpLimiter = Arc<IpLimiter>;
