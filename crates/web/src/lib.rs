//! Réseau's web server: the router, views, locales, CSRF, rate limits and the `reseau` command.

pub mod admin;
pub mod api;
pub mod cache;
pub mod cli;
pub mod config;
pub mod error;
pub mod form_fields;
pub mod jobs;
pub mod lang;
pub mod language_texts;
pub mod metrics;
pub mod page_cache;
pub mod router;
pub mod routes;
pub mod security;
pub mod serve;
pub mod session;
pub mod startup;
pub mod state;
pub mod views;

pub use config::Settings;
pub use startup::Application;
