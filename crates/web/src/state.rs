use std::sync::Arc;

use axum::extract::FromRef;
use axum_csrf::CsrfConfig;
use domain::{Db, membership::Throttle};
use mailer::Brand;
use tokio::sync::Notify;

use crate::{
    config::Settings,
    security::{form_guard::FormGuard, rate_limit::IpLimiter},
};

/// What handlers share: one `Arc`, so that the clones axum makes of it for every request
/// (each `State` extractor, each layer with state) are one count each, not one per part (a
/// third of a kept page's CPU went to counting the parts up and down).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The parts extractors ask for by type (`State<Db>`, the CSRF token's configuration, the
/// form guard…).
macro_rules! parts {
    ($($field:ident: $ty:ty),* $(,)?) => {
        $(impl FromRef<AppState> for $ty {
            fn from_ref(state: &AppState) -> Self {
                state.0.$field.clone()
            }
        })*
    };
}

parts!(
    db: Db,
    app: app::App,
    settings: Arc<Settings>,
    brand: Arc<Brand>,
    csrf: CsrfConfig,
    guard: Arc<FormGuard>,
    ip_limiter: Arc<IpLimiter>,
    passwords: app::Passwords,
    chapters: Arc<crate::cache::ChapterCache>,
    upcoming: Arc<crate::cache::UpcomingCache>,
    pages: Arc<crate::page_cache::PageCache>,
    mail_waker: Arc<Notify>,
    metrics: Arc<crate::metrics::Metrics>,
);

/// What `AppState` holds.
pub struct Shared {
    pub db: Db,
    /// The use cases.
    pub app: app::App,
    pub settings: Arc<Settings>,
    pub brand: Arc<Brand>,
    pub csrf: CsrfConfig,
    pub guard: Arc<FormGuard>,
    pub ip_limiter: Arc<IpLimiter>,
    /// Per-IP limit on organizer sign-in attempts.
    pub sign_in_limiter: Arc<IpLimiter>,
    /// The organizers' password hasher, the one pool of the process.
    pub passwords: app::Passwords,
    /// The chapters, cached briefly for the public pages.
    pub chapters: Arc<crate::cache::ChapterCache>,
    /// The upcoming events, cached briefly for the public pages.
    pub upcoming: Arc<crate::cache::UpcomingCache>,
    /// The public pages, rendered once per change.
    pub pages: Arc<crate::page_cache::PageCache>,
    /// Wakes the outbox worker in this process when a request has queued mail.
    pub mail_waker: Arc<Notify>,
    /// Request counters and latencies for `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Per-key limits of the partners' API.
    pub api_limiter: Arc<crate::api::KeyLimiter>,
    /// Wakes the scheduled jobs in this process when an organizer starts a newsletter.
    pub jobs_waker: Arc<Notify>,
}

impl Shared {
    pub fn throttle(&self) -> Throttle {
        Throttle {
            per_address_per_hour: self.settings.limits.mails_per_address_per_hour,
        }
    }
}
