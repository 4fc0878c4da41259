//! Names of stored values in the page's language: statuses, roles, chapters.

use domain::{Language, entities::chapter};
use mailer::i18n::t;

pub fn status_name(lang: Language, status: &str) -> String {
    match status {
        "pending" | "active" | "unsubscribed" | "erased" => t(lang, &format!("status-{status}")),
        other => other.to_owned(),
    }
}

pub fn role_name(lang: Language, role: &str) -> String {
    match role {
        "admin" | "organizer" => t(lang, &format!("role-{role}")),
        other => other.to_owned(),
    }
}

pub fn chapter_label(chapters: &[chapter::Model], id: i64, lang: Language) -> &str {
    chapters
        .iter()
        .find(|c| c.id == id)
        .map_or("", |c| c.name(lang))
}
