//! Who is calling: the API key, sent as `OSDI-API-Token: …` or `Authorization: Bearer …`
//! (the scheme in any case). A missing or unknown key is a 401; a key over its rate (per key,
//! per instance) a 429 with `Retry-After`.

use std::num::NonZeroU32;

use axum::{extract::FromRequestParts, http::request::Parts};
use chrono::Utc;
use domain::api_keys::Caller;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter, clock::Clock};

use super::problem::Problem;
use crate::state::AppState;

/// The per-key request limits of this instance.
pub struct KeyLimiter(DefaultKeyedRateLimiter<i64>);

impl KeyLimiter {
    pub fn new(burst: u32, per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        Self(RateLimiter::keyed(
            Quota::per_minute(per_minute).allow_burst(burst),
        ))
    }

    /// `Ok`, or the seconds to wait.
    fn check(&self, key_id: i64) -> Result<(), u64> {
        self.0.check_key(&key_id).map_err(|not_until| {
            let clock = governor::clock::DefaultClock::default();
            not_until.wait_time_from(clock.now()).as_secs().max(1)
        })
    }

    pub fn retain_recent(&self) {
        self.0.retain_recent();
    }
}

/// The key a request presents, if any.
fn presented(parts: &Parts) -> Option<&str> {
    if let Some(token) = parts.headers.get("osdi-api-token") {
        return token.to_str().ok().map(str::trim);
    }
    let authorization = parts.headers.get(axum::http::header::AUTHORIZATION)?;
    let value = authorization.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// A caller with a valid key, within its rate.
pub struct ApiCaller(pub Caller);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let Some(key) = presented(parts).filter(|k| !k.is_empty()) else {
            return Err(Problem::unauthorized(
                "Send an API key as `OSDI-API-Token: …` or `Authorization: Bearer …`.",
            ));
        };
        let caller = app::api_keys::authenticate(&state.app, key, Utc::now())
            .await?
            .ok_or_else(|| {
                Problem::unauthorized("This API key is not valid (unknown or revoked).")
            })?;
        state.api_limiter.check(caller.key.id).map_err(|wait| {
            Problem::new(
                axum::http::StatusCode::TOO_MANY_REQUESTS,
                format!("This key made too many requests; try again in {wait} s."),
            )
            .retry_after(wait)
        })?;
        Ok(Self(caller))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(name: &str, value: &str) -> Parts {
        let (parts, ()) = axum::http::Request::builder()
            .header(name, value)
            .body(())
            .unwrap_or_default()
            .into_parts();
        parts
    }

    #[test]
    fn reads_both_headers_and_any_case_of_bearer() {
        assert_eq!(
            presented(&parts("OSDI-API-Token", " rsk_x ")),
            Some("rsk_x")
        );
        for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
            assert_eq!(
                presented(&parts("Authorization", &format!("{scheme} rsk_y"))),
                Some("rsk_y")
            );
        }
        assert_eq!(presented(&parts("Authorization", "Basic abc")), None);
        assert_eq!(presented(&parts("X-Other", "rsk_z")), None);
    }

    #[test]
    fn limits_each_key_on_its_own() {
        let limiter = KeyLimiter::new(2, 1);
        assert!(limiter.check(1).is_ok());
        assert!(limiter.check(1).is_ok());
        assert!(limiter.check(1).unwrap_err() >= 1);
        assert!(limiter.check(2).is_ok());
    }
}
