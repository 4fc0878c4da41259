//! The tables of the settings, one struct each, as `config/default.toml` lays them out.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TransportKind {
    File,
    Smtp,
}

#[derive(Clone, Debug, Deserialize)]
pub struct MailSettings {
    pub transport: TransportKind,
    pub file_dir: PathBuf,
    pub smtp_url: SecretString,
    pub smtp_pool_size: usize,
    pub smtp_timeout_secs: u64,
    pub from: String,
    pub contact_email: String,
    pub postal_address: String,
    pub unsubscribe_mailto: String,
    /// Accept addresses on reserved domains (`example.org`, `.test`, `localhost`, …) in forms.
    /// For tests only: such addresses receive no mail.
    pub allow_reserved_domains: bool,
}

impl MailSettings {
    pub fn address_policy(&self) -> domain::email::AddressPolicy {
        domain::email::AddressPolicy {
            allow_reserved_domains: self.allow_reserved_domains,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct EventSettings {
    pub accommodations_retention_days: u32,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AdminSettings {
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_lanes: u32,
    pub hashing_concurrency: usize,
    pub max_failures: i32,
    pub lock_minutes: i64,
    pub sign_in_burst: u32,
    pub sign_in_per_minute: u32,
    /// An organizer's session ends after this long without a request…
    pub session_idle_minutes: i64,
    /// …and after this long in any case.
    pub session_absolute_hours: i64,
    /// How long a step up (the password again) lets sensitive actions through.
    pub step_up_minutes: i64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct SessionSettings {
    pub idle_minutes: i64,
    pub absolute_days: i64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct WorkerSettings {
    pub enabled: bool,
    pub batch_size: u64,
    pub concurrency: usize,
    pub max_attempts: i32,
    pub backoff_secs: u64,
    pub lease_secs: u64,
    pub poll_interval_ms: u64,
    pub rate_per_second: u32,
    pub hard_bounce_limit: u32,
}

#[derive(Clone, Debug, Deserialize)]
pub struct NewsletterSettings {
    /// Members written into the outbox per write transaction when a send starts.
    pub expansion_batch: u64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct FormSettings {
    pub min_fill_seconds: u64,
    pub max_age_hours: u64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LimitSettings {
    pub mails_per_address_per_hour: u64,
    /// The least time, in milliseconds, before a form that takes an address answers.
    pub answer_floor_ms: u64,
    pub ip_burst: u32,
    pub ip_per_minute: u32,
    pub body_bytes: usize,
    pub upload_bytes: usize,
    /// Seconds a client has to send a request head; then the connection is closed.
    pub header_read_timeout_secs: u64,
    /// Seconds of grace for a request body, after which it must keep up 1 KiB a second.
    pub body_read_timeout_secs: u64,
    /// Connections one client address may hold at once (0: no limit; off behind a proxy).
    pub connections_per_ip: usize,
}

/// The partners' API (OSDI): limits per key.
#[derive(Clone, Debug, Deserialize)]
pub struct ApiSettings {
    /// Requests one key may make: a burst, then this many a minute (per instance).
    pub requests_per_minute: u32,
    pub burst: u32,
    /// The largest page a collection serves (`per_page`).
    pub max_page_size: u64,
}

/// Webhook deliveries, by the worker's webhook loop.
#[derive(Clone, Debug, Deserialize)]
pub struct WebhookSettings {
    /// Accept endpoints on loopback, private and link-local addresses, and plain http://
    /// (development and tests only: a webhook could otherwise reach inside the network).
    pub allow_private_targets: bool,
    pub timeout_secs: u64,
    pub concurrency: usize,
    pub batch_size: u64,
    pub max_attempts: i32,
    pub backoff_secs: u64,
    pub lease_secs: u64,
    pub poll_interval_ms: u64,
}

/// The Prometheus endpoint: off unless a token or a listener of its own is set.
#[derive(Clone, Debug, Deserialize)]
pub struct MetricsSettings {
    /// A bearer token that scrapers must send; empty for none.
    pub token: SecretString,
    /// A separate address serving only `/metrics` (e.g. a private interface); empty for none.
    pub bind: String,
}
