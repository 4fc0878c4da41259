//! Settings: the embedded `config/default.toml`, then the file named by `RESEAU_CONFIG`, then
//! `RESEAU_…` environment variables (nested keys joined by `__`). A bad value stops start-up
//! with a message that names the key.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use figment::{
    Figment,
    providers::{Env, Format, Toml},
};
use lettre::message::Mailbox;
use mailer::transport::SmtpTarget;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

const DEFAULTS: &str = include_str!("../../../config/default.toml");

#[derive(Clone, Debug, Deserialize)]
pub struct Settings {
    pub database_url: SecretString,
    pub db_max_connections: u32,
    pub bind: SocketAddr,
    pub base_url: Url,
    pub secret_key: SecretString,
    pub behind_proxy: bool,
    pub mail: MailSettings,
    pub sessions: SessionSettings,
    pub admin: AdminSettings,
    pub events: EventSettings,
    pub worker: WorkerSettings,
    pub newsletters: NewsletterSettings,
    pub forms: FormSettings,
    pub limits: LimitSettings,
    pub metrics: MetricsSettings,
}

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

impl Settings {
    /// How long clients may take and how many connections each may hold.
    pub fn serve_limits(&self) -> crate::serve::ServeLimits {
        crate::serve::ServeLimits {
            header_read_timeout: std::time::Duration::from_secs(
                self.limits.header_read_timeout_secs,
            ),
            body_grace: std::time::Duration::from_secs(self.limits.body_read_timeout_secs),
            // Behind a proxy every connection comes from the proxy.
            connections_per_ip: if self.behind_proxy {
                0
            } else {
                self.limits.connections_per_ip
            },
        }
    }
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

/// The Prometheus endpoint: off unless a token or a listener of its own is set.
#[derive(Clone, Debug, Deserialize)]
pub struct MetricsSettings {
    /// A bearer token that scrapers must send; empty for none.
    pub token: SecretString,
    /// A separate address serving only `/metrics` (e.g. a private interface); empty for none.
    pub bind: String,
}

/// The cookies whose names take the `__Host-` prefix behind https.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookieName {
    /// A member's session.
    Member,
    /// An organizer's session.
    Staff,
    /// The CSRF double-submit cookie.
    Csrf,
}

/// Where and how `/metrics` is served, once the settings are checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetricsExposure {
    Off,
    /// On the main listener, only with the token.
    WithToken,
    /// On a listener of its own (with the token too, when one is set).
    OwnListener(SocketAddr),
}

/// A setting that cannot work, named by its key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Load(String),
    #[error("configuration key `{key}`: {problem}")]
    Invalid { key: &'static str, problem: String },
}

fn invalid(key: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key,
        problem: problem.into(),
    }
}

impl Settings {
    /// Loads the layered settings from the process environment.
    pub fn load() -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        if let Ok(path) = std::env::var("RESEAU_CONFIG") {
            if !std::path::Path::new(&path).is_file() {
                return Err(invalid("RESEAU_CONFIG", format!("no file at {path}")));
            }
            figment = figment.merge(Toml::file(path));
        }
        Self::from_figment(figment.merge(Env::prefixed("RESEAU_").split("__")))
    }

    /// The defaults with `overrides` on top: for tests and the benchmark.
    pub fn with_overrides(overrides: &[(&str, &str)]) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        for (key, value) in overrides {
            let value: toml_value::Value = toml_value::parse(value);
            figment = figment.merge((key.to_string(), value));
        }
        Self::from_figment(figment)
    }

    fn from_figment(figment: Figment) -> Result<Self, ConfigError> {
        let settings: Settings = figment.extract().map_err(|e| {
            // figment names the key in its message (“for key "mail.transport"”).
            ConfigError::Load(e.to_string())
        })?;
        settings.check()?;
        Ok(settings)
    }

    fn check(&self) -> Result<(), ConfigError> {
        if !matches!(self.base_url.scheme(), "http" | "https") || self.base_url.host().is_none() {
            return Err(invalid(
                "base_url",
                "must be an http:// or https:// URL with a host",
            ));
        }
        let db = self.database_url.expose_secret();
        if !(db.starts_with("sqlite:")
            || db.starts_with("postgres://")
            || db.starts_with("postgresql://"))
        {
            return Err(invalid(
                "database_url",
                "must start with sqlite: or postgres://",
            ));
        }
        if self.limits.header_read_timeout_secs == 0 {
            return Err(invalid(
                "limits.header_read_timeout_secs",
                "must be at least 1",
            ));
        }
        if self.limits.body_read_timeout_secs == 0 {
            return Err(invalid(
                "limits.body_read_timeout_secs",
                "must be at least 1",
            ));
        }
        if self.db_max_connections == 0 {
            return Err(invalid("db_max_connections", "must be at least 1"));
        }
        self.from_mailbox()?;
        if !self.mail.contact_email.contains('@') {
            return Err(invalid("mail.contact_email", "must be an email address"));
        }
        if self.mail.postal_address.trim().is_empty() {
            // Confirmations and sign-in links may go out without it; newsletters may not.
            tracing::warn!(
                "mail.postal_address is empty: newsletters cannot be sent until it is set (CASL)"
            );
        }
        if !self.mail.unsubscribe_mailto.is_empty() && !self.mail.unsubscribe_mailto.contains('@') {
            return Err(invalid(
                "mail.unsubscribe_mailto",
                "must be an email address or empty",
            ));
        }
        if self.sessions.idle_minutes < 1 || self.sessions.absolute_days < 1 {
            return Err(invalid(
                "sessions.idle_minutes",
                "idle_minutes and absolute_days must be at least 1",
            ));
        }
        if argon2::Params::new(
            self.admin.argon2_memory_kib,
            self.admin.argon2_iterations,
            self.admin.argon2_lanes,
            None,
        )
        .is_err()
        {
            return Err(invalid(
                "admin.argon2_memory_kib",
                "argon2 refuses these parameters (memory, iterations, lanes)",
            ));
        }
        if self.admin.max_failures < 1
            || self.admin.sign_in_burst == 0
            || self.admin.sign_in_per_minute == 0
        {
            return Err(invalid(
                "admin.max_failures",
                "max_failures, sign_in_burst and sign_in_per_minute must be at least 1",
            ));
        }
        if !(1..=24 * 60).contains(&self.admin.session_idle_minutes) {
            return Err(invalid(
                "admin.session_idle_minutes",
                "must be between 1 and 1440",
            ));
        }
        if !(1..=24 * 7).contains(&self.admin.session_absolute_hours) {
            return Err(invalid(
                "admin.session_absolute_hours",
                "must be between 1 and 168",
            ));
        }
        if !(1..=60).contains(&self.admin.step_up_minutes) {
            return Err(invalid("admin.step_up_minutes", "must be between 1 and 60"));
        }
        if self.mail.transport == TransportKind::Smtp {
            self.smtp_target()?;
        }
        // It keys the CSRF cookies, the form stamps and the address hashes: a short one can be
        // guessed offline. Empty means a random key per process (one instance, development).
        let secret = self.secret_key.expose_secret();
        if !secret.is_empty() && secret.len() < 32 {
            return Err(invalid(
                "secret_key",
                "must be at least 32 characters (for example `openssl rand -hex 32`)",
            ));
        }
        if self.mail.smtp_pool_size == 0 {
            return Err(invalid("mail.smtp_pool_size", "must be at least 1"));
        }
        if self.worker.batch_size == 0 || self.worker.concurrency == 0 {
            return Err(invalid(
                "worker.batch_size",
                "batch_size and concurrency must be at least 1",
            ));
        }
        if self.worker.max_attempts < 1 {
            return Err(invalid("worker.max_attempts", "must be at least 1"));
        }
        if self.limits.ip_burst == 0 || self.limits.ip_per_minute == 0 {
            return Err(invalid(
                "limits.ip_per_minute",
                "ip_burst and ip_per_minute must be at least 1",
            ));
        }
        if self.limits.body_bytes < 1024 {
            return Err(invalid("limits.body_bytes", "must be at least 1024"));
        }
        self.metrics_exposure()?;
        Ok(())
    }

    pub fn metrics_exposure(&self) -> Result<MetricsExposure, ConfigError> {
        let token = self.metrics.token.expose_secret();
        // Shorter tokens can be guessed by a patient scanner.
        if !token.is_empty() && token.chars().count() < 16 {
            return Err(invalid("metrics.token", "must be at least 16 characters"));
        }
        if !token.is_empty() && token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("metrics.token", "must not contain spaces"));
        }
        let bind = self.metrics.bind.trim();
        if !bind.is_empty() {
            let addr: SocketAddr = bind.parse().map_err(|_| {
                invalid(
                    "metrics.bind",
                    "must be an address and port, e.g. 127.0.0.1:9090",
                )
            })?;
            if addr == self.bind && addr.port() != 0 {
                return Err(invalid("metrics.bind", "must differ from bind"));
            }
            return Ok(MetricsExposure::OwnListener(addr));
        }
        Ok(if token.is_empty() {
            MetricsExposure::Off
        } else {
            MetricsExposure::WithToken
        })
    }

    pub fn from_mailbox(&self) -> Result<Mailbox, ConfigError> {
        self.mail
            .from
            .parse()
            .map_err(|e| invalid("mail.from", format!("not a mailbox ({e})")))
    }

    pub fn smtp_target(&self) -> Result<SmtpTarget, ConfigError> {
        let url = self.mail.smtp_url.expose_secret();
        if url.is_empty() {
            return Err(invalid(
                "mail.smtp_url",
                "must be set when mail.transport is smtp",
            ));
        }
        SmtpTarget::parse(url).map_err(|e| invalid("mail.smtp_url", e.to_string()))
    }

    pub fn is_https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// The base URL without a trailing slash, for building links.
    pub fn base(&self) -> String {
        self.base_url.as_str().trim_end_matches('/').to_owned()
    }

    pub fn session_lifetime(&self) -> domain::session::Lifetime {
        domain::session::Lifetime {
            idle: chrono::Duration::minutes(self.sessions.idle_minutes),
            absolute: chrono::Duration::days(self.sessions.absolute_days),
        }
    }

    /// An organizer's session: shorter than a member's (`admin.session_*`).
    pub fn staff_session_lifetime(&self) -> domain::session::Lifetime {
        domain::session::Lifetime {
            idle: chrono::Duration::minutes(self.admin.session_idle_minutes),
            absolute: chrono::Duration::hours(self.admin.session_absolute_hours),
        }
    }

    /// How long a step up lets sensitive back-office actions through.
    pub fn step_up_window(&self) -> chrono::Duration {
        chrono::Duration::minutes(self.admin.step_up_minutes)
    }

    /// A cookie's name: with the `__Host-` prefix behind https (the browser then insists on
    /// Secure, `Path=/` and no Domain, so no subdomain or plain-http page can set it); plain
    /// on http, for local development, where `__Host-` cannot be used.
    pub fn cookie_name(&self, name: CookieName) -> &'static str {
        match (name, self.is_https()) {
            (CookieName::Member, true) => "__Host-reseau_session",
            (CookieName::Member, false) => "reseau_session",
            (CookieName::Staff, true) => "__Host-reseau_admin",
            (CookieName::Staff, false) => "reseau_admin",
            (CookieName::Csrf, true) => "__Host-reseau_csrf",
            (CookieName::Csrf, false) => "reseau_csrf",
        }
    }

    pub fn hash_params(&self) -> domain::password::HashParams {
        domain::password::HashParams {
            memory_kib: self.admin.argon2_memory_kib,
            iterations: self.admin.argon2_iterations,
            lanes: self.admin.argon2_lanes,
        }
    }

    pub fn worker_settings(&self) -> mailer::WorkerSettings {
        mailer::WorkerSettings {
            batch_size: self.worker.batch_size,
            concurrency: self.worker.concurrency,
            lease: Duration::from_secs(self.worker.lease_secs),
            max_attempts: self.worker.max_attempts,
            backoff: Duration::from_secs(self.worker.backoff_secs),
            poll_interval: Duration::from_millis(self.worker.poll_interval_ms),
            rate_per_second: self.worker.rate_per_second,
            hard_bounce_limit: self.worker.hard_bounce_limit,
        }
    }
}

/// Values given as text (environment-style) for `with_overrides`: TOML scalars when they parse
/// as one, strings otherwise.
mod toml_value {
    pub type Value = figment::value::Value;

    pub fn parse(raw: &str) -> Value {
        if let Ok(b) = raw.parse::<bool>() {
            return Value::from(b);
        }
        if let Ok(i) = raw.parse::<i64>() {
            return Value::from(i);
        }
        Value::from(raw.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load() {
        let settings = Settings::with_overrides(&[]).expect("defaults are valid");
        assert_eq!(settings.bind.port(), 8080);
        assert_eq!(settings.mail.transport, TransportKind::File);
        assert!(!settings.is_https());
    }

    #[test]
    fn a_bad_value_names_its_key() {
        let err = Settings::with_overrides(&[("mail.transport", "pigeon")]).expect_err("refused");
        assert!(err.to_string().contains("mail.transport"), "{err}");
        let err = Settings::with_overrides(&[("mail.transport", "smtp")]).expect_err("refused");
        assert!(err.to_string().contains("mail.smtp_url"), "{err}");
        let err = Settings::with_overrides(&[("base_url", "ftp://x")]).expect_err("refused");
        assert!(err.to_string().contains("base_url"), "{err}");
        let err = Settings::with_overrides(&[("bind", "nowhere")]).expect_err("refused");
        assert!(err.to_string().contains("bind"), "{err}");
        let err = Settings::with_overrides(&[("secret_key", "too-short")]).expect_err("refused");
        assert!(err.to_string().contains("secret_key"), "{err}");
        let err = Settings::with_overrides(&[
            ("mail.transport", "smtp"),
            ("mail.smtp_url", "smtp://u:p@relay.example.org?tls=none"),
        ])
        .expect_err("refused");
        assert!(err.to_string().contains("mail.smtp_url"), "{err}");
        let err = Settings::with_overrides(&[("metrics.token", "short")]).expect_err("refused");
        assert!(err.to_string().contains("metrics.token"), "{err}");
        for key in [
            "admin.session_idle_minutes",
            "admin.session_absolute_hours",
            "admin.step_up_minutes",
        ] {
            let err = Settings::with_overrides(&[(key, "0")]).expect_err("refused");
            assert!(err.to_string().contains(key), "{err}");
        }
        let err = Settings::with_overrides(&[("metrics.bind", "nowhere")]).expect_err("refused");
        assert!(err.to_string().contains("metrics.bind"), "{err}");
    }

    /// Every key of a TOML text, dotted (`mail.smtp_url`).
    fn keys(toml: &str) -> Vec<String> {
        fn walk(prefix: &str, value: &figment::value::Value, out: &mut Vec<String>) {
            if let figment::value::Value::Dict(_, dict) = value {
                for (key, value) in dict {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, value, out);
                }
            } else {
                out.push(prefix.to_owned());
            }
        }
        let value: figment::value::Value = Figment::from(Toml::string(toml))
            .extract()
            .expect("valid TOML");
        let mut out = Vec::new();
        walk("", &value, &mut out);
        out
    }

    #[test]
    fn the_production_example_uses_real_keys_and_loads() {
        let example = include_str!("../../../config/production.example.toml");
        let known = keys(DEFAULTS);
        for key in keys(example) {
            assert!(
                known.contains(&key),
                "production.example.toml: unknown key {key}"
            );
        }
        let figment = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string(example))
            .merge(("secret_key", "0123456789abcdef0123456789abcdef"));
        let settings = Settings::from_figment(figment).expect("the example loads");
        assert!(settings.is_https());
        assert_eq!(
            settings.metrics_exposure().expect("valid"),
            MetricsExposure::OwnListener(([10, 0, 0, 11], 9090).into())
        );
    }

    #[test]
    fn metrics_are_off_unless_asked_for() {
        let exposure = |o: &[(&str, &str)]| {
            Settings::with_overrides(o)
                .expect("valid")
                .metrics_exposure()
                .expect("valid")
        };
        assert_eq!(exposure(&[]), MetricsExposure::Off);
        assert_eq!(
            exposure(&[("metrics.token", "0123456789abcdef")]),
            MetricsExposure::WithToken
        );
        assert_eq!(
            exposure(&[("metrics.bind", "127.0.0.1:9090")]),
            MetricsExposure::OwnListener(([127, 0, 0, 1], 9090).into())
        );
    }
}
