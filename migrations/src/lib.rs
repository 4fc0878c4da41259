//! Réseau's schema. Each migration is written with the schema builder so that the same
//! migration is right on SQLite and on PostgreSQL; foreign keys are declared when a table is
//! created because SQLite cannot add them later.

pub use sea_orm_migration::prelude::*;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// The search fold as of the migration that backfills `members.search_text` (NFKD, combining
/// marks dropped, lower-cased). A copy of `domain::search::fold` frozen with the migration; a
/// domain test keeps the two equal while the rule is unchanged.
pub fn fold_for_search(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

mod m20261128_000001_init;
mod m20261128_000002_seed_chapters;
mod m20261128_000003_self_service;
mod m20261128_000004_organizers;
mod m20261128_000005_events;
mod m20261128_000006_two_factor;
mod m20261128_000007_outbox_attachment;
mod m20261128_000008_newsletters;
mod m20261128_000009_outbox_open_index;
mod m20261201_000001_links_and_sign_in_failures;
mod m20261201_000005_staff_step_up;
mod m20261201_000010_outbox_lanes;
mod m20261202_000001_check_constraints;
mod m20261202_000010_member_search;
mod m20261206_000100_localized_content;
mod m20261206_000110_dashboard_indexes;
mod m20261206_000300_expert_network;
mod m20261206_000310_directory_consent;
mod m20261206_000401_api_keys_and_webhooks;
mod m20261206_000500_summit_sessions;
mod m20261206_000600_public_pages;
mod m20261206_000600_scale;
mod m20261207_000100_member_tallies;
mod m20261207_000200_member_search_detail;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_init::Migration),
            Box::new(m20261128_000002_seed_chapters::Migration),
            Box::new(m20261128_000003_self_service::Migration),
            Box::new(m20261128_000004_organizers::Migration),
            Box::new(m20261128_000005_events::Migration),
            Box::new(m20261128_000006_two_factor::Migration),
            Box::new(m20261128_000007_outbox_attachment::Migration),
            Box::new(m20261128_000008_newsletters::Migration),
            Box::new(m20261128_000009_outbox_open_index::Migration),
            Box::new(m20261201_000001_links_and_sign_in_failures::Migration),
            Box::new(m20261201_000005_staff_step_up::Migration),
            Box::new(m20261201_000010_outbox_lanes::Migration),
            Box::new(m20261202_000001_check_constraints::Migration),
            Box::new(m20261202_000010_member_search::Migration),
            Box::new(m20261206_000100_localized_content::Migration),
            Box::new(m20261206_000110_dashboard_indexes::Migration),
            Box::new(m20261206_000300_expert_network::Migration),
            Box::new(m20261206_000310_directory_consent::Migration),
            Box::new(m20261206_000401_api_keys_and_webhooks::Migration),
            Box::new(m20261206_000500_summit_sessions::Migration),
            Box::new(m20261206_000600_public_pages::Migration),
            Box::new(m20261206_000600_scale::Migration),
            Box::new(m20261207_000100_member_tallies::Migration),
            Box::new(m20261207_000200_member_search_detail::Migration),
        ]
    }
}
