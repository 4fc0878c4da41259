//! `Findings`: the cases of a table-driven test (a hostile corpus, a list of URLs) that went
//! wrong, collected instead of stopping at the first, so that a regression shows every case it
//! breaks. Each case runs until its end or its first failed check; the test fails once, at the
//! end, naming each failed case and what went wrong in it.

use std::panic::AssertUnwindSafe;

use futures::FutureExt;

/// How much of one failure's message the summary keeps (a message may hold a whole page).
const KEEP: usize = 800;

#[derive(Default)]
pub struct Findings {
    cases: usize,
    failed: Vec<String>,
}

impl Findings {
    /// Runs the checks of one case; a failed check (a panic, as from `assert!`) is recorded
    /// under `name` and the next case runs.
    pub async fn case(&mut self, name: impl Into<String>, checks: impl Future<Output = ()>) {
        self.cases += 1;
        if let Err(panic) = AssertUnwindSafe(checks).catch_unwind().await {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic without a message".to_owned());
            let mut message = message.trim().to_owned();
            if message.len() > KEEP {
                let cut = (0..=KEEP).rev().find(|i| message.is_char_boundary(*i));
                message.truncate(cut.unwrap_or(0));
                message.push_str(" […]");
            }
            self.failed.push(format!("{}: {message}", name.into()));
        }
    }

    /// Fails the test if any case failed, listing them all.
    #[track_caller]
    pub fn finish(self) {
        assert!(
            self.failed.is_empty(),
            "{} of {} cases failed:\n\n{}",
            self.failed.len(),
            self.cases,
            self.failed.join("\n\n")
        );
    }
}

/// A case's name: where the value went, which corpus entry it is, and the value itself
/// (shortened), so the summary says what was sent without looking it up.
pub fn case_name(place: &str, label: &str, value: &str) -> String {
    let shown: String = value.chars().take(40).collect();
    let more = if value.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    format!("{place} [{label}] {shown:?}{more}")
}
