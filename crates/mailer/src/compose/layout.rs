use domain::Language;
use maud::{DOCTYPE, Markup, html};

use super::{Body, Composed};
use crate::i18n::{t, t_with};

/// Who sends the mail and how to reach them: what every message must carry.
#[derive(Clone, Debug)]
pub struct Brand {
    /// The public address of the site, for links (no trailing slash).
    pub base_url: String,
    pub postal_address: String,
    pub contact_email: String,
    /// A `mailto:` address for `List-Unsubscribe`, if the operator reads one.
    pub unsubscribe_mailto: Option<String>,
}

/// A part of the sender identification CASL requires in every commercial message that the
/// settings lack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SenderGap {
    #[error("mail.postal_address is not set")]
    PostalAddress,
    #[error("mail.contact_email is not set")]
    ContactEmail,
}

impl SenderGap {
    /// The setting to fill in, as stored in `newsletters.held_reason`.
    pub fn setting(self) -> &'static str {
        match self {
            SenderGap::PostalAddress => "mail.postal_address",
            SenderGap::ContactEmail => "mail.contact_email",
        }
    }

    pub fn from_setting(setting: &str) -> Option<Self> {
        match setting {
            "mail.postal_address" => Some(SenderGap::PostalAddress),
            "mail.contact_email" => Some(SenderGap::ContactEmail),
            _ => None,
        }
    }
}

impl Brand {
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path)
    }

    /// Whether every newsletter can identify its sender as CASL requires: a postal address
    /// and a contact address. Checked when a send starts (by the button or the schedule) and
    /// by the worker before each copy, so a setting lost on a restart sends nothing.
    pub fn sender_identification(&self) -> Result<(), SenderGap> {
        if self.postal_address.trim().is_empty() {
            Err(SenderGap::PostalAddress)
        } else if !self.contact_email.contains('@') {
            Err(SenderGap::ContactEmail)
        } else {
            Ok(())
        }
    }
}

/// The lines every message ends with (who sends it, their postal address and contact, why
/// the reader gets it, and the unsubscribe link if any), and the `List-Unsubscribe` headers
/// that go with the link.
pub(crate) fn footer(
    lang: Language,
    brand: &Brand,
    why_key: &str,
    unsubscribe: Option<&str>,
) -> (Vec<String>, Vec<(String, String)>) {
    let sender = t(lang, "network-name");
    let mut footer = vec![t_with(lang, "mail-footer-sender", &[("sender", &sender)])];
    // A transactional message may go out before an operator sets the address; a newsletter is
    // refused without it (CASL), before it gets here.
    if !brand.postal_address.trim().is_empty() {
        footer.push(t_with(
            lang,
            "mail-footer-postal",
            &[("address", &brand.postal_address)],
        ));
    }
    footer.push(t_with(
        lang,
        "mail-footer-contact",
        &[("email", &brand.contact_email)],
    ));
    footer.push(t(lang, why_key));
    let mut headers = Vec::new();
    if let Some(url) = unsubscribe {
        footer.push(t_with(lang, "mail-footer-unsubscribe", &[("url", url)]));
        headers = unsubscribe_headers(brand, url);
    }
    (footer, headers)
}

/// A paragraph of an HTML email with its address made a link. A line that ends with an address
/// after a colon ("Join online: https://…") becomes a link named by the words before it, so a
/// reader sees what it opens rather than a bare address; any other address in the text links
/// to itself. The text part keeps the addresses as they are.
pub(crate) fn paragraph(text: &str, style: Option<&str>) -> Markup {
    let is_url = |word: &str| word.starts_with("https://") || word.starts_with("http://");
    if let Some((before, last)) = text.rsplit_once(char::is_whitespace)
        && is_url(last)
    {
        let label = before.trim_end_matches(|c: char| c.is_whitespace() || c == ':');
        if !label.is_empty() && !label.contains("://") {
            return html! { p style=[style] { a href=(last) { (label) } } };
        }
    }
    html! {
        p style=[style] {
            @for (i, word) in text.split(' ').enumerate() {
                @if i > 0 { " " }
                @if is_url(word) { a href=(word) { (word) } } @else { (word) }
            }
        }
    }
}

/// The HTML page of every email: a narrow column with inline styles (mail programs ignore
/// style sheets), the content, then the footer lines.
pub(crate) fn email_page(
    lang: Language,
    title: &str,
    content: Markup,
    footer: &[String],
) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
            }
            body style="margin:0;padding:24px;background:#f6f6f4;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5" {
                div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-top:6px solid #7a1f3d" {
                    (content)
                    hr style="border:none;border-top:1px solid #d8d8d8;margin:24px 0";
                    @for line in footer { (paragraph(line, Some("font-size:13px;color:#4a4a4a;margin:4px 0"))) }
                }
            }
        }
    }
    .into_string()
}

/// RFC 2369 and RFC 8058: a mail program offers its own unsubscribe button, which POSTs
/// `List-Unsubscribe=One-Click` to the https link.
pub(crate) fn unsubscribe_headers(brand: &Brand, url: &str) -> Vec<(String, String)> {
    let mut targets = format!("<{url}>");
    if let Some(mailto) = &brand.unsubscribe_mailto {
        targets.push_str(&format!(", <mailto:{mailto}?subject=unsubscribe>"));
    }
    vec![
        ("List-Unsubscribe".to_owned(), targets),
        (
            "List-Unsubscribe-Post".to_owned(),
            "List-Unsubscribe=One-Click".to_owned(),
        ),
    ]
}

impl Body {
    pub(crate) fn render(self, brand: &Brand) -> Composed {
        let lang = self.lang;
        let (footer, headers) = footer(lang, brand, "mail-footer-why", self.unsubscribe.as_deref());
        let signature = t(lang, "mail-signature");

        let mut text = String::new();
        text.push_str(&self.greeting);
        text.push_str("\n\n");
        for paragraph in &self.paragraphs {
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        if let Some(action) = &self.action {
            text.push_str(&action.url);
            text.push_str("\n\n");
        }
        for paragraph in &self.after {
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        text.push_str(&signature);
        text.push_str("\n\n-- \n");
        text.push_str(&footer.join("\n"));
        text.push('\n');

        let html = email_page(
            lang,
            &self.subject,
            html! {
                        p { (self.greeting) }
                        @for text in &self.paragraphs { (paragraph(text, None)) }
                        @if let Some(action) = &self.action {
                            p style="margin:24px 0" {
                                a href=(action.url) style="display:inline-block;background:#7a1f3d;color:#ffffff;padding:12px 20px;text-decoration:none;font-weight:bold" { (action.label) }
                            }
                            p style="font-size:14px;color:#4a4a4a;word-break:break-all" { a href=(action.url) style="color:#4a4a4a" { (action.url) } }
                        }
                        @for text in &self.after { (paragraph(text, None)) }
                        p { (signature) }
            },
            &footer,
        );

        Composed {
            subject: self.subject,
            text,
            html,
            headers,
        }
    }
}

#[cfg(test)]
mod paragraph_tests {
    use super::paragraph;

    #[test]
    fn a_trailing_address_becomes_a_link_named_by_its_line() {
        assert_eq!(
            paragraph("Participer en ligne : https://meet.example.org/x", None).into_string(),
            "<p><a href=\"https://meet.example.org/x\">Participer en ligne</a></p>"
        );
        assert_eq!(
            paragraph("See https://a.example.org now", None).into_string(),
            "<p>See <a href=\"https://a.example.org\">https://a.example.org</a> now</p>"
        );
        assert_eq!(
            paragraph("No link here.", None).into_string(),
            "<p>No link here.</p>"
        );
    }
}
