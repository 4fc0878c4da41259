//! The `[experts]` table: the Trilateral Expert Network's relay limits and directory paging.

use serde::Deserialize;

use super::{ConfigError, invalid};

#[derive(Clone, Debug, Deserialize)]
pub struct ExpertSettings {
    /// Messages relayed from one address in 24 hours (and confirmation links mailed to it).
    pub messages_per_sender_per_day: u64,
    /// Messages sent from one client address in 24 hours.
    pub messages_per_ip_per_day: u64,
    /// Messages relayed to one expert in 24 hours.
    pub messages_per_expert_per_day: u64,
    /// Directory pages per client address: a burst, then this many a minute.
    pub pages_burst: u32,
    pub pages_per_minute: u32,
    /// Profiles on a page of the directory…
    pub per_page: u64,
    /// …and the last page a search may reach: past it, the search must be narrowed.
    pub max_pages: u64,
}

impl ExpertSettings {
    pub fn contact_limits(&self) -> domain::experts::ContactLimits {
        domain::experts::ContactLimits {
            per_sender_per_day: self.messages_per_sender_per_day,
            per_ip_per_day: self.messages_per_ip_per_day,
            per_expert_per_day: self.messages_per_expert_per_day,
        }
    }

    pub(super) fn check(&self) -> Result<(), ConfigError> {
        for (key, value) in [
            (
                "experts.messages_per_sender_per_day",
                self.messages_per_sender_per_day,
            ),
            (
                "experts.messages_per_ip_per_day",
                self.messages_per_ip_per_day,
            ),
            (
                "experts.messages_per_expert_per_day",
                self.messages_per_expert_per_day,
            ),
            ("experts.pages_burst", u64::from(self.pages_burst)),
            ("experts.pages_per_minute", u64::from(self.pages_per_minute)),
            ("experts.max_pages", self.max_pages),
        ] {
            if value == 0 {
                return Err(invalid(key, "must be at least 1"));
            }
        }
        if !(1..=100).contains(&self.per_page) {
            return Err(invalid("experts.per_page", "must be between 1 and 100"));
        }
        Ok(())
    }
}
