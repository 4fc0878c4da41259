//! `TEST_LOG=1`: the application's logs in a test run, written through the test harness (so
//! each test's logs show with its failure, or all of them with `--nocapture`); silent otherwise.
//! The filter is `RUST_LOG`, else what `reseau` itself shows by default.

use std::{io::IsTerminal, sync::Once};

use tracing_subscriber::EnvFilter;

const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn,tower_http=warn";

/// Installs the subscriber once per test binary, if TEST_LOG asks for it.
pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if !std::env::var("TEST_LOG").is_ok_and(|v| !v.is_empty() && v != "0") {
            return;
        }
        let filter =
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
        // Another subscriber already set (none is, today) would keep its place: fine.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_test_writer()
            // Colours only on a terminal, not in a log file.
            .with_ansi(std::io::stdout().is_terminal())
            .try_init();
    });
}
