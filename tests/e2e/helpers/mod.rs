//! What every end-to-end test uses: `spawn_app()` and its `TestApp` (app), the SMTP sink that
//! receives its mail (smtp_sink) and the parsed emails it holds (mail), the pages the client
//! reads (page), the failed cases of a table-driven test collected rather than stopping at the
//! first (findings), PostgreSQL's per-test databases and cuttable proxy (postgres), the check on
//! drop that no mail was left queued or unread (leftover_mail), and the app's logs on demand
//! (test_log).

mod app;
mod findings;
mod leftover_mail;
mod mail;
mod page;
mod postgres;
mod smtp_sink;
mod test_log;

pub use app::{TestApp, client, spawn_app, spawn_app_through, spawn_app_with};
pub use findings::{Findings, case_name};
pub use mail::Mail;
pub use page::Page;
pub use postgres::{DbProxy, PostgresDb, skipped_without_postgres, using_postgres};
pub use smtp_sink::SmtpSink;
