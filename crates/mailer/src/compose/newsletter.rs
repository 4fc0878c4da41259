//! A newsletter in one language: the organizer's Markdown as safe HTML and as plain text,
//! inside the footer CASL asks for (sender, postal address, contact, unsubscribe link), with
//! `List-Unsubscribe` headers. Rendered once per language with a placeholder where each copy
//! puts its recipient's own unsubscribe link. Nothing in it can track a reader: no images,
//! no per-reader links besides the unsubscribe link.

use domain::{Language, entities::newsletter};
use maud::{PreEscaped, html};

use super::{
    Brand, Composed,
    layout::{email_page, footer, unsubscribe_headers},
};
use crate::{
    i18n::{t, t_with},
    markdown,
};

/// Stands for the unsubscribe link until a copy is filled in.
const UNSUBSCRIBE: &str = "RESEAU-UNSUBSCRIBE-LINK";

/// One language of one newsletter, ready to be filled in per recipient.
#[derive(Clone, Debug)]
pub struct Template {
    pub lang: Language,
    subject: String,
    text: String,
    html: String,
}

impl Template {
    /// `None` if the newsletter has no version in `lang`.
    pub fn new(brand: &Brand, letter: &newsletter::Model, lang: Language) -> Option<Self> {
        let version = letter.version(lang)?;
        let (lines, _) = footer(lang, brand, "newsletter-footer-why", Some(UNSUBSCRIBE));
        let mut text = markdown::to_text(&version.body);
        text.push_str("\n\n-- \n");
        text.push_str(&lines.join("\n"));
        text.push('\n');
        let network = t(lang, "network-name");
        let html = email_page(
            lang,
            &version.subject,
            html! {
                p style="font-size:14px;color:#4a4a4a;margin:0 0 16px" { (network) }
                (PreEscaped(markdown::to_html(&version.body)))
            },
            &lines,
        );
        Some(Self {
            lang,
            subject: version.subject,
            text,
            html,
        })
    }

    /// The copy for one recipient, with their unsubscribe link.
    pub fn fill(&self, brand: &Brand, unsubscribe_url: &str) -> Composed {
        Composed {
            subject: self.subject.clone(),
            text: self.text.replace(UNSUBSCRIBE, unsubscribe_url),
            html: self
                .html
                .replace(UNSUBSCRIBE, &html_escape(unsubscribe_url)),
            headers: unsubscribe_headers(brand, unsubscribe_url),
        }
    }

    /// The organizer's test copy: marked as a test, with a link to the account page in place
    /// of a real unsubscribe link (the organizer is not a member).
    pub fn test_copy(&self, brand: &Brand) -> Composed {
        let account = brand.link(&format!("/{}/account", self.lang.code()));
        let mut copy = self.fill(brand, &account);
        copy.subject = t_with(
            self.lang,
            "newsletter-test-subject",
            &[("subject", &copy.subject)],
        );
        copy.headers.clear();
        copy
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn letter() -> newsletter::Model {
        let now = Utc::now();
        newsletter::Model {
            id: 7,
            subject: domain::Localized::new()
                .with(Language::En, "Summit news")
                .with(Language::Fr, "Nouvelles du sommet"),
            body: domain::Localized::new()
                .with(Language::En, "**Hello** <script>x()</script> [site](https://example.org) ![p](https://t.example/p.gif)")
                .with(Language::Fr, "Bonjour"),
            audience_chapters: "[1]".into(),
            audience_interests: "[]".into(),
            audience_languages: "[]".into(),
            status: domain::newsletters::Status::Draft,
            scheduled_at: None,
            started_at: None,
            audience_max_member_id: None,
            expanded_through: 0,
            expanded_at: None,
            finished_at: None,
            recipients: 0,
            published: false,
            created_by: None,
            created_at: now,
            updated_at: now,
            held_reason: None,
        }
    }

    fn brand() -> Brand {
        Brand {
            base_url: "https://reseau.example".into(),
            postal_address: "1 Main St, Ottawa".into(),
            contact_email: "hello@reseau.example".into(),
            unsubscribe_mailto: None,
        }
    }

    #[test]
    fn each_copy_carries_its_own_unsubscribe_link_and_nothing_that_tracks() {
        let template = Template::new(&brand(), &letter(), Language::En).expect("english");
        let copy = template.fill(&brand(), "https://reseau.example/en/unsubscribe/abc");
        assert_eq!(copy.subject, "Summit news");
        assert!(copy.html.contains("<strong>Hello</strong>"));
        assert!(!copy.html.contains("<script>"));
        assert!(!copy.html.contains("<img"), "an image could track");
        assert!(copy.html.contains("1 Main St, Ottawa"));
        assert!(
            copy.text
                .contains("https://reseau.example/en/unsubscribe/abc")
        );
        assert!(
            copy.html
                .contains("https://reseau.example/en/unsubscribe/abc")
        );
        assert!(!copy.text.contains(UNSUBSCRIBE));
        assert!(
            copy.headers
                .iter()
                .any(|(name, value)| name == "List-Unsubscribe"
                    && value == "<https://reseau.example/en/unsubscribe/abc>")
        );
        assert!(Template::new(&brand(), &letter(), Language::Es).is_none());
    }
}
