//! A received email, parsed with mail-parser, and the links it carries.

use mail_parser::{MessageParser, MimeHeaders};

/// A received email, parsed with mail-parser.
#[derive(Clone, Debug)]
pub struct Mail {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub from: String,
    pub to: String,
    /// The Reply-To address, if the message has one.
    pub reply_to: String,
    /// The whole message as received: headers and every part.
    pub raw: String,
    pub message_id: String,
    pub content_type: String,
    /// Attached files: (file name, text content).
    pub attachments: Vec<(String, String)>,
    /// Each attachment's Content-Type with its parameters (`text/calendar; method=PUBLISH`),
    /// in the order of `attachments`.
    pub attachment_types: Vec<String>,
}

impl Mail {
    pub fn parse(data: &[u8]) -> Self {
        let message = MessageParser::default()
            .parse(data)
            .expect("a parsable email");
        let address = |a: Option<&mail_parser::Address>| {
            a.and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap_or_default()
                .to_owned()
        };
        Mail {
            subject: message.subject().unwrap_or_default().to_owned(),
            text: message
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            html: message
                .body_html(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            from: address(message.from()),
            to: address(message.to()),
            reply_to: address(message.reply_to()),
            raw: String::from_utf8_lossy(data).into_owned(),
            message_id: message.message_id().unwrap_or_default().to_owned(),
            attachments: message
                .attachments()
                .map(|part| {
                    (
                        part.attachment_name().unwrap_or_default().to_owned(),
                        String::from_utf8_lossy(part.contents()).into_owned(),
                    )
                })
                .collect(),
            attachment_types: message
                .attachments()
                .map(|part| {
                    part.content_type().map_or_else(String::new, |c| {
                        let mut text = format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default());
                        for a in c.attributes().unwrap_or_default() {
                            text.push_str(&format!("; {}={}", a.name, a.value));
                        }
                        text
                    })
                })
                .collect(),
            content_type: message
                .content_type()
                .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
                .unwrap_or_default(),
        }
    }

    /// The first link in the text body whose path starts with `prefix` (e.g. `/fr/confirm/`).
    pub fn link(&self, prefix: &str) -> String {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(prefix))
            .unwrap_or_else(|| panic!("no {prefix} link in:\n{}", self.text))
            .to_owned()
    }
}
