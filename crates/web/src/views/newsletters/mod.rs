//! Newsletter pages: the back office's list and draft form (`drafts`), its send page
//! (`sending`), and the public archive (`archive`).

mod archive;
mod drafts;
mod sending;

use chrono::{DateTime, Utc};
use domain::{Language, entities::newsletter};
use mailer::i18n::t;

pub use archive::{ArchivePage, archive, archived};
pub use drafts::{DraftForm, DraftValues, admin_form, admin_list};
pub use sending::{ShowPage, admin_show};

pub(super) fn status_name(lang: Language, status: &str) -> String {
    t(lang, &format!("newsletter-status-{status}"))
}

pub(super) fn date(at: Option<DateTime<Utc>>) -> String {
    at.map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// The subject in the reader's language, else English.
pub(super) fn subject(letter: &newsletter::Model, lang: Language) -> String {
    letter
        .version(letter.language_for(lang))
        .map(|v| v.subject)
        .unwrap_or_default()
}
