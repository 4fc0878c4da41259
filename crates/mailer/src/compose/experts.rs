//! The emails of the Trilateral Expert Network: the link that confirms a sender's address,
//! the relayed message (the sender's words quoted inside ours, in the expert's language), an
//! organizer's decision on a listing, and the abuse notice to organizers.

use domain::Language;
use maud::html;

use super::{
    Action, Body, Brand, Composed,
    layout::{email_page, footer, paragraph},
};
use crate::i18n::{t, t_with};

/// To the sender: the link whose page sends their message. `expert` is the name the sender
/// could see (a generic label when the expert shows their name to members only).
pub fn confirm_message(
    brand: &Brand,
    lang: Language,
    sender_name: &str,
    expert: &str,
    token: &str,
) -> Composed {
    Body {
        lang,
        subject: t(lang, "mail-expert-confirm-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", sender_name)]),
        paragraphs: vec![
            t_with(lang, "mail-expert-confirm-intro", &[("expert", expert)]),
            t(lang, "mail-expert-confirm-action"),
        ],
        action: Some(Action {
            label: t(lang, "expert-confirm-button"),
            url: brand.link(&format!("/{}/experts/messages/{token}", lang.code())),
        }),
        after: vec![
            t(lang, "mail-expert-confirm-expiry"),
            t(lang, "mail-expert-confirm-ignore"),
        ],
        unsubscribe: None,
    }
    .render(brand)
}

/// A message through the relay, as the expert receives it.
pub struct Relay<'a> {
    /// The expert's language.
    pub lang: Language,
    pub expert_name: &'a str,
    pub sender_name: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// The sender agreed to be replied to (their address goes in Reply-To, by the caller).
    pub allow_reply: bool,
    pub report_token: &'a str,
}

/// The relayed message. Its subject is ours, not the sender's: the outbox row's subject is
/// what the back office shows, and organizers never see what a sender wrote. The sender's
/// text is quoted as text, never as links or markup.
pub fn relay(brand: &Brand, r: &Relay<'_>) -> Composed {
    let lang = r.lang;
    let subject = t(lang, "mail-expert-message-subject");
    let greeting = t_with(lang, "mail-greeting", &[("name", r.expert_name)]);
    let intro = t_with(
        lang,
        "mail-expert-message-intro",
        &[("sender", r.sender_name)],
    );
    let subject_line = t_with(
        lang,
        "mail-expert-message-their-subject",
        &[("subject", r.subject)],
    );
    let reply = if r.allow_reply {
        t_with(
            lang,
            "mail-expert-message-reply",
            &[("sender", r.sender_name)],
        )
    } else {
        t_with(
            lang,
            "mail-expert-message-no-reply",
            &[("sender", r.sender_name)],
        )
    };
    let report_url = brand.link(&format!(
        "/{}/experts/reports/{}",
        lang.code(),
        r.report_token
    ));
    let listing_url = brand.link(&format!("/{}/account/expert", lang.code()));
    let after = [
        t(lang, "mail-expert-message-private"),
        t_with(lang, "mail-expert-message-report", &[("url", &report_url)]),
        t_with(lang, "mail-expert-message-pause", &[("url", &listing_url)]),
    ];
    let quoted: Vec<&str> = r
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let (footer_lines, headers) = footer(lang, brand, "mail-expert-footer-why", None);
    let signature = t(lang, "mail-signature");

    let mut text = format!("{greeting}\n\n{intro}\n\n{subject_line}\n\n");
    for p in &quoted {
        for line in p.lines() {
            text.push_str("> ");
            text.push_str(line);
            text.push('\n');
        }
        text.push_str(">\n");
    }
    text.push('\n');
    text.push_str(&reply);
    text.push_str("\n\n");
    for p in &after {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text.push_str(&signature);
    text.push_str("\n\n-- \n");
    text.push_str(&footer_lines.join("\n"));
    text.push('\n');

    let html = email_page(
        lang,
        &subject,
        html! {
            p { (greeting) }
            p { (intro) }
            blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #7a1f3d;background:#f6f6f4" {
                p { strong { (subject_line) } }
                @for p in &quoted {
                    p style="white-space:pre-wrap" { (p) }
                }
            }
            p { (reply) }
            @for p in &after { (paragraph(p, None)) }
            p { (signature) }
        },
        &footer_lines,
    );
    Composed {
        subject,
        text,
        html,
        headers,
    }
}

/// An organizer's decision on a member's listing.
pub enum Decision<'a> {
    Approved { profile_url: &'a str },
    Returned { note: &'a str },
    Hidden { note: &'a str },
}

pub fn review(brand: &Brand, lang: Language, name: &str, decision: &Decision<'_>) -> Composed {
    let listing = brand.link(&format!("/{}/account/expert", lang.code()));
    let with_note = |intro: &str, note: &str| {
        let mut paragraphs = vec![t(lang, intro)];
        if !note.trim().is_empty() {
            paragraphs.push(t_with(lang, "mail-expert-note", &[("note", note)]));
        }
        paragraphs
    };
    let (subject, paragraphs) = match decision {
        Decision::Approved { profile_url } => (
            t(lang, "mail-expert-approved-subject"),
            vec![
                t(lang, "mail-expert-approved-intro"),
                t_with(
                    lang,
                    "mail-expert-approved-profile",
                    &[("url", profile_url)],
                ),
            ],
        ),
        Decision::Returned { note } => (
            t(lang, "mail-expert-returned-subject"),
            with_note("mail-expert-returned-intro", note),
        ),
        Decision::Hidden { note } => (
            t(lang, "mail-expert-hidden-subject"),
            with_note("mail-expert-hidden-intro", note),
        ),
    };
    Body {
        lang,
        subject,
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs,
        action: None,
        after: vec![t_with(
            lang,
            "mail-expert-listing-link",
            &[("url", &listing)],
        )],
        unsubscribe: None,
    }
    .render(brand)
}

/// To an organizer: an expert of their chapter reported a message. Neither the message nor
/// its sender is named.
pub fn abuse_report(brand: &Brand, lang: Language, name: &str, chapter: &str) -> Composed {
    Body {
        lang,
        subject: t(lang, "mail-expert-abuse-subject"),
        greeting: t_with(lang, "mail-greeting", &[("name", name)]),
        paragraphs: vec![
            t_with(lang, "mail-expert-abuse-intro", &[("chapter", chapter)]),
            t(lang, "mail-expert-abuse-blocked"),
            t(lang, "mail-expert-abuse-private"),
        ],
        action: Some(Action {
            label: t(lang, "mail-expert-abuse-action"),
            url: brand.link("/admin/experts"),
        }),
        after: vec![],
        unsubscribe: None,
    }
    .render(brand)
}
