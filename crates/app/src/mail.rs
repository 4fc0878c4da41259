//! Composed emails as outbox rows.

use domain::{
    Language,
    entities::{chapter, member},
    outbox::NewEmail,
};

/// A chapter's name in `lang`, from a list of chapters.
pub fn chapter_name(chapters: &[chapter::Model], id: i64, lang: Language) -> String {
    chapters
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.name(lang).to_owned())
        .unwrap_or_default()
}

/// A composed email to a member's address, as an outbox row.
pub fn new_email(
    kind: &'static str,
    member: &member::Model,
    language: Language,
    mail: mailer::Composed,
) -> NewEmail {
    email_to(kind, &member.email, Some(member.id), language, mail)
}

/// A composed email to `recipient`, about `member_id` if it concerns a member.
pub fn email_to(
    kind: &'static str,
    recipient: &str,
    member_id: Option<i64>,
    language: Language,
    mail: mailer::Composed,
) -> NewEmail {
    NewEmail {
        kind,
        recipient: recipient.to_owned(),
        language,
        member_id,
        subject: mail.subject,
        body_text: mail.text,
        body_html: mail.html,
        headers: mail.headers,
        attachment: None,
    }
}

/// The language of a member's emails.
pub fn member_language(member: &member::Model) -> Language {
    member.language
}
