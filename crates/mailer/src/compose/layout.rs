use maud::{DOCTYPE, html};

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

impl Brand {
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path)
    }
}

impl Body {
    pub(crate) fn render(self, brand: &Brand) -> Composed {
        let lang = self.lang;
        let sender = t(lang, "network-name");
        let mut footer = vec![
            t_with(lang, "mail-footer-sender", &[("sender", &sender)]),
            t_with(
                lang,
                "mail-footer-postal",
                &[("address", &brand.postal_address)],
            ),
            t_with(
                lang,
                "mail-footer-contact",
                &[("email", &brand.contact_email)],
            ),
            t(lang, "mail-footer-why"),
        ];
        let mut headers = Vec::new();
        if let Some(url) = &self.unsubscribe {
            footer.push(t_with(lang, "mail-footer-unsubscribe", &[("url", url)]));
            // RFC 2369 and RFC 8058: a mail program offers its own unsubscribe button, which
            // POSTs `List-Unsubscribe=One-Click` to the https link.
            let mut targets = format!("<{url}>");
            if let Some(mailto) = &brand.unsubscribe_mailto {
                targets.push_str(&format!(", <mailto:{mailto}?subject=unsubscribe>"));
            }
            headers.push(("List-Unsubscribe".to_owned(), targets));
            headers.push((
                "List-Unsubscribe-Post".to_owned(),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
        }
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

        let html = html! {
            (DOCTYPE)
            html lang=(lang.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (self.subject) }
                }
                body style="margin:0;padding:24px;background:#f6f6f4;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5" {
                    div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-top:6px solid #7a1f3d" {
                        p { (self.greeting) }
                        @for paragraph in &self.paragraphs { p { (paragraph) } }
                        @if let Some(action) = &self.action {
                            p style="margin:24px 0" {
                                a href=(action.url) style="display:inline-block;background:#7a1f3d;color:#ffffff;padding:12px 20px;text-decoration:none;font-weight:bold" { (action.label) }
                            }
                            p style="font-size:14px;color:#4a4a4a;word-break:break-all" { (action.url) }
                        }
                        @for paragraph in &self.after { p { (paragraph) } }
                        p { (signature) }
                        hr style="border:none;border-top:1px solid #d8d8d8;margin:24px 0";
                        @for line in &footer { p style="font-size:13px;color:#4a4a4a;margin:4px 0" { (line) } }
                    }
                }
            }
        };

        Composed {
            subject: self.subject,
            text,
            html: html.into_string(),
            headers,
        }
    }
}
