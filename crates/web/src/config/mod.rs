//! Settings: the embedded `config/default.toml`, then the file named by `RESEAU_CONFIG`, then
//! `RESEAU_…` environment variables (nested keys joined by `__`). A bad value stops start-up
//! with a message that names the key. This module loads them; `sections` holds each table's
//! keys, `check` what makes a value unworkable, `derived` what the rest of the code reads
//! from them.

mod check;
mod derived;
mod experts;
mod sections;
#[cfg(test)]
mod tests;

use std::net::SocketAddr;

use figment::{
    Figment,
    providers::{Env, Format, Toml},
};
use secrecy::SecretString;
use serde::Deserialize;
use url::Url;

pub use experts::ExpertSettings;
pub use sections::{
    AdminSettings, ApiSettings, EventSettings, FormSettings, LimitSettings, MailSettings,
    MetricsSettings, NewsletterSettings, SessionSettings, TransportKind, WebhookSettings,
    WorkerSettings,
};

const DEFAULTS: &str = include_str!("../../../../config/default.toml");

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
    pub api: ApiSettings,
    pub webhooks: WebhookSettings,
    pub experts: ExpertSettings,
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
