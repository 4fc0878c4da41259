//! End-to-end tests: the real application on 127.0.0.1:0 with its own database (SQLite, or
//! PostgreSQL when RESEAU_TEST_POSTGRES_URL is set), a real SMTP server on loopback, and a
//! cookie-keeping HTTP client that reads pages as a browser would.

mod helpers;
mod join;
mod hostile;
mod outbox;
