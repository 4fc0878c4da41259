//! What the rest of the code reads from the settings: lifetimes, limits, cookie names, the
//! mail sender and relay, hashing and worker parameters.

use std::time::Duration;

use lettre::message::Mailbox;
use mailer::transport::SmtpTarget;
use secrecy::ExposeSecret;

use super::{ConfigError, CookieName, Settings, invalid};

impl Settings {
    /// How long clients may take and how many connections each may hold.
    pub fn serve_limits(&self) -> crate::serve::ServeLimits {
        crate::serve::ServeLimits {
            header_read_timeout: Duration::from_secs(self.limits.header_read_timeout_secs),
            body_grace: Duration::from_secs(self.limits.body_read_timeout_secs),
            // Behind a proxy every connection comes from the proxy.
            connections_per_ip: if self.behind_proxy {
                0
            } else {
                self.limits.connections_per_ip
            },
        }
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

    /// Where webhooks may go.
    pub fn webhook_policy(&self) -> domain::webhooks::target::TargetPolicy {
        domain::webhooks::target::TargetPolicy {
            allow_private: self.webhooks.allow_private_targets,
        }
    }

    pub fn webhook_settings(&self) -> app::webhooks::DelivererSettings {
        let w = &self.webhooks;
        app::webhooks::DelivererSettings {
            batch_size: w.batch_size.max(1),
            concurrency: w.concurrency.max(1),
            // A claim outlives the request it covers.
            lease: Duration::from_secs(w.lease_secs.max(w.timeout_secs + 5)),
            max_attempts: w.max_attempts.max(1),
            backoff: Duration::from_secs(w.backoff_secs),
            timeout: Duration::from_secs(w.timeout_secs.max(1)),
            poll_interval: Duration::from_millis(w.poll_interval_ms.max(10)),
            policy: self.webhook_policy(),
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
