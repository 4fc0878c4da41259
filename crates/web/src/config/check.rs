//! What makes a setting unworkable: each refusal names its key, so start-up stops with a
//! message the operator can act on.

use std::net::SocketAddr;

use secrecy::ExposeSecret;

use super::{ConfigError, MetricsExposure, Settings, TransportKind, invalid};

impl Settings {
    pub(super) fn check(&self) -> Result<(), ConfigError> {
        self.experts.check()?;
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
        if self.api.requests_per_minute == 0 || self.api.burst == 0 {
            return Err(invalid(
                "api.requests_per_minute",
                "api.requests_per_minute and api.burst must be at least 1",
            ));
        }
        if !(1..=1000).contains(&self.api.max_page_size) {
            return Err(invalid("api.max_page_size", "must be from 1 to 1000"));
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
}
