//! Names of stored values in the page's language: statuses, roles, chapters, needs.

use domain::{
    Language,
    entities::chapter,
    events::{Accommodations, RegistrationStatus, SignLanguage},
    outbox,
};
use mailer::i18n::{t, t_with};

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

/// A registration's status as organizers read it: "Waitlisted, position 19".
pub fn registration_status_name(
    lang: Language,
    status: RegistrationStatus,
    position: Option<i32>,
) -> String {
    let key = match status {
        RegistrationStatus::Pending => "admin-registration-pending",
        RegistrationStatus::Confirmed => "admin-registration-confirmed",
        RegistrationStatus::Waitlisted => "admin-registration-waitlisted",
        RegistrationStatus::Cancelled => "admin-registration-cancelled",
    };
    let position = position.map(|p| p.to_string()).unwrap_or_default();
    t_with(lang, key, &[("position", &position)])
}

/// The headers of the needs' columns in the registrations export, in the order of
/// [`need_cells`].
pub fn need_headers(lang: Language) -> [String; 6] {
    [
        "field-sign-language",
        "field-captions",
        "field-interpretation",
        "field-mobility",
        "field-dietary",
        "field-other-needs",
    ]
    .map(|key| t(lang, key))
}

/// One readable cell per need (empty when not asked for), in the order of [`need_headers`].
pub fn need_cells(lang: Language, needs: Option<&Accommodations>) -> [String; 6] {
    let Some(n) = needs else {
        return Default::default();
    };
    let yes = |asked: bool| {
        if asked {
            t(lang, "need-yes")
        } else {
            String::new()
        }
    };
    let sign = match n.sign_language {
        SignLanguage::None => String::new(),
        SignLanguage::Asl => t(lang, "sign-language-asl"),
        SignLanguage::Lsq => t(lang, "sign-language-lsq"),
    };
    let languages = n
        .interpretation
        .iter()
        .map(|l| t(lang, &format!("language-name-{}", l.code())))
        .collect::<Vec<_>>()
        .join(", ");
    [
        sign,
        yes(n.captions),
        languages,
        yes(n.mobility),
        n.dietary.clone(),
        n.other.clone(),
    ]
}

/// The needs in one line for the registrations table: "Captions: yes · Dietary needs: vegan".
pub fn needs_line(lang: Language, needs: Option<&Accommodations>) -> String {
    need_headers(lang)
        .into_iter()
        .zip(need_cells(lang, needs))
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(header, cell)| format!("{header}: {cell}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What an email in the outbox was, in words; a kind this list does not know shows as stored.
pub fn outbox_kind_name(lang: Language, kind: &str) -> String {
    const KNOWN: [&str; 20] = [
        "confirm",
        "already-member",
        "welcome",
        "sign-in",
        "email-change",
        "email-changed",
        "goodbye",
        "unsubscribed",
        "newsletter",
        "organizer-invite",
        "event-request",
        "event-reminder-of-registration",
        "event-confirmed",
        "event-waitlisted",
        "event-promoted",
        "event-cancelled",
        "event-cancelled-by-organizers",
        "event-changed",
        "event-reminder",
        "event-message",
    ];
    if KNOWN.contains(&kind) || kind.starts_with("expert-") {
        t(lang, &format!("outbox-kind-{kind}"))
    } else {
        kind.to_owned()
    }
}

/// Where an email is in its delivery, in words.
pub fn outbox_status_name(lang: Language, status: outbox::Status) -> String {
    t(lang, &format!("outbox-status-{}", status.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_and_statuses_read_as_words() {
        let needs = Accommodations {
            sign_language: SignLanguage::Lsq,
            mobility: true,
            dietary: "végétalien".into(),
            ..Default::default()
        };
        assert_eq!(
            needs_line(Language::En, Some(&needs)),
            "Sign-language interpretation: Quebec Sign Language (LSQ) · Step-free access: Yes \
             · Dietary needs: végétalien"
        );
        assert_eq!(needs_line(Language::En, None), "");
        assert_eq!(
            registration_status_name(Language::En, RegistrationStatus::Waitlisted, Some(19)),
            "Waitlisted, position 19"
        );
    }
}
