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
    pub fn client(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
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
            Some(ip) => self.limiter.check_key(&limit_key(ip)).is_ok(),
            None => true,
        }
    }

    /// Forgets idle keys so the map does not grow without bound under a spread-out attack.
    pub fn retain_recent(&self) {
        self.limiter.retain_recent();
    }
}

/// The key an address is limited under. An IPv6 client is handed a whole /64 (often far
/// more), so it is counted by its /64: otherwise each of its 2^64 addresses would have a
/// limit of its own. An IPv4 address mapped into IPv6 counts as itself.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(
                u128::from(v6) & !((1u128 << 64) - 1),
            )),
        },
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

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;

    use super::{IpLimiter, limit_key};

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        let a = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let other = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(limit_key(a), limit_key(b));
        assert_ne!(limit_key(a), limit_key(other));
        let mapped = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(
            limit_key(mapped),
            "192.0.2.7".parse::<std::net::IpAddr>().unwrap()
        );

        let limiter = IpLimiter::new(2, 1, false);
        let headers = HeaderMap::new();
        assert!(limiter.check(Some(a), &headers));
        assert!(limiter.check(Some(b), &headers));
        let rotated = "2001:db8:1:2:1234:5678:9abc:def0".parse().unwrap();
        assert!(
            !limiter.check(Some(rotated), &headers),
            "a new address in the same /64 is the same client"
        );
        assert!(limiter.check(Some(other), &headers));
    }
}
