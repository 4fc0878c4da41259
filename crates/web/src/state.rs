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

/// What handlers share. Cheap to clone; a handler extracts the parts it uses.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Db,
    /// The use cases.
    pub app: app::App,
    pub settings: Arc<Settings>,
    pub brand: Arc<Brand>,
    pub csrf: CsrfConfig,
    pub guard: Arc<FormGuard>,
    pub ip_limiter: Arc<IpLimiter>,
    /// Per-IP limit on organizer sign-in attempts.
    #[from_ref(skip)]
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
    #[from_ref(skip)]
    pub api_limiter: Arc<crate::api::KeyLimiter>,
    /// Wakes the scheduled jobs in this process when an organizer starts a newsletter.
    #[from_ref(skip)]
    pub jobs_waker: Arc<Notify>,
}

impl AppState {
    pub fn throttle(&self) -> Throttle {
        Throttle {
            per_address_per_hour: self.settings.limits.mails_per_address_per_hour,
        }
    }
}
