//! End-to-end tests: the real application on 127.0.0.1:0 with its own database (SQLite, or
//! PostgreSQL when RESEAU_TEST_POSTGRES_URL is set), a real SMTP server on loopback, and a
//! cookie-keeping HTTP client that reads pages as a browser would.

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

mod accessibility;
mod account;
mod admin;
mod asvs;
mod calendars;
mod dashboard;
mod delivery;
mod edges;
mod events;
mod experts;
mod helpers;
mod hostile;
mod hostile_corpus;
mod import;
mod instances;
mod join;
mod links;
mod newsletters;
mod ops;
mod osdi;
mod outbox;
mod page_cache;
mod pages;
mod portuguese;
mod staff;
mod staff_asvs;
mod staff_lockout;
mod summit;
mod summit_rush;
mod webhooks;
mod wording;
