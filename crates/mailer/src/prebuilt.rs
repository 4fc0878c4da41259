//! A newsletter's copies in one language, built once as wire bytes.
//!
//! Building every copy with lettre's `Message` builder re-encoded the whole text and HTML
//! (quoted-printable) per recipient, only to change one link; the benchmark measured that as
//! a large share of the ~85–270 µs of server CPU a copy cost. Here the parts shared by every
//! copy of a language — the headers common to all, the MIME structure, both encoded bodies —
//! are encoded once, and a copy only formats its own headers (recipient, Message-ID, date,
//! `List-Unsubscribe`) and encodes its unsubscribe link where the body carries it.
//!
//! Both bodies are quoted-printable, encoded line by line, with a soft line break on each
//! side of the link, so what a reader's client decodes is exactly the text and the HTML
//! with the link in place, however long the link is.

use std::io::Write as _;

use lettre::{
    Address,
    address::Envelope,
    message::{
        Mailbox, Mailboxes,
        header::{self, ContentType, HeaderName, HeaderValue, Headers},
    },
};
use rand::{Rng, distr::Alphanumeric};

use crate::message::{BuildError, Outgoing, message_id};

/// A piece of a body: bytes already encoded, or where the copy's link goes.
#[derive(Clone, Debug)]
enum Piece {
    Encoded(Vec<u8>),
    /// The link, as it stands in the text part.
    TextLink,
    /// The link, HTML-escaped, as it stands in the HTML part.
    HtmlLink,
}

/// Encoded once; [`Prebuilt::copy`] makes each recipient's message.
#[derive(Clone, Debug)]
pub struct Prebuilt {
    from: Mailbox,
    /// `From`, `Subject`, `MIME-Version` and the multipart `Content-Type`, formatted.
    shared_head: Vec<u8>,
    body: Vec<Piece>,
    /// Bytes of the body without its links, to size each copy's buffer once.
    body_len: usize,
}

impl Prebuilt {
    /// `text` and `html` carry `placeholder` where each copy's unsubscribe link goes.
    pub fn new(
        from: &Mailbox,
        subject: &str,
        text: &str,
        html: &str,
        placeholder: &str,
    ) -> Result<Self, BuildError> {
        let boundary: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(40)
            .map(char::from)
            .collect();
        let mut head = Headers::new();
        head.set(header::From::from(Mailboxes::from(from.clone())));
        head.set(header::Subject::from(subject.to_owned()));
        head.set(header::MIME_VERSION_1_0);
        head.set(
            ContentType::parse(&format!("multipart/alternative; boundary=\"{boundary}\""))
                .map_err(|e| BuildError::Message(e.to_string()))?,
        );
        let mut body = Vec::new();
        let part = |kind: &str| {
            format!(
                "\r\n--{boundary}\r\nContent-Type: {kind}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            )
            .into_bytes()
        };
        body.push(Piece::Encoded(part("text/plain")));
        split(text, placeholder, Piece::TextLink, &mut body);
        body.push(Piece::Encoded(part("text/html")));
        split(html, placeholder, Piece::HtmlLink, &mut body);
        body.push(Piece::Encoded(
            format!("\r\n--{boundary}--\r\n").into_bytes(),
        ));
        // Adjacent encoded pieces as one.
        let mut merged: Vec<Piece> = Vec::with_capacity(body.len());
        for piece in body {
            match (merged.last_mut(), piece) {
                (Some(Piece::Encoded(last)), Piece::Encoded(next)) => last.extend(next),
                (_, piece) => merged.push(piece),
            }
        }
        let body_len = merged
            .iter()
            .map(|p| match p {
                Piece::Encoded(bytes) => bytes.len(),
                _ => 0,
            })
            .sum();
        Ok(Self {
            from: from.clone(),
            shared_head: head.to_string().into_bytes(),
            body: merged,
            body_len,
        })
    }

    /// The copy for one recipient, whose unsubscribe link is `url`; `extra` are its own
    /// headers (the `List-Unsubscribe` pair), `row_id` names its outbox row in its
    /// Message-ID.
    pub fn copy(
        &self,
        row_id: i64,
        recipient: &str,
        url: &str,
        extra: &[(String, String)],
    ) -> Result<Outgoing, BuildError> {
        let to: Address = domain::EmailAddress::parse(recipient)
            .and_then(|address| address.to_lettre())
            .map_err(|e| BuildError::Recipient(e.to_string()))?;
        let message_id = message_id(&self.from, row_id);
        let mut own = Headers::with_capacity(4 + extra.len());
        own.set(header::To::from(Mailboxes::from(Mailbox::new(
            None,
            to.clone(),
        ))));
        own.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("Message-ID"),
            message_id.clone(),
        ));
        for (name, value) in extra {
            let name = HeaderName::new_from_ascii(name.clone())
                .map_err(|_| BuildError::Header(name.clone()))?;
            own.insert_raw(HeaderValue::new(name, value.clone()));
        }
        own.set(header::Date::now());
        let own = own.to_string();

        let mut text_link = Vec::with_capacity(url.len() + 8);
        link(url, &mut text_link);
        let mut html_link = Vec::with_capacity(url.len() + 16);
        link(&html_escape(url), &mut html_link);
        let links = self
            .body
            .iter()
            .map(|p| match p {
                Piece::TextLink => text_link.len(),
                Piece::HtmlLink => html_link.len(),
                Piece::Encoded(_) => 0,
            })
            .sum::<usize>();
        let mut bytes =
            Vec::with_capacity(own.len() + self.shared_head.len() + self.body_len + links);
        bytes.extend_from_slice(own.as_bytes());
        bytes.extend_from_slice(&self.shared_head);
        for piece in &self.body {
            bytes.extend_from_slice(match piece {
                Piece::Encoded(encoded) => encoded,
                Piece::TextLink => &text_link,
                Piece::HtmlLink => &html_link,
            });
        }
        let envelope = Envelope::new(Some(self.from.email.clone()), vec![to])
            .map_err(|e| BuildError::Message(e.to_string()))?;
        Ok(Outgoing {
            envelope,
            bytes,
            message_id,
        })
    }
}

/// `body` cut at each `placeholder`: the text between encoded, `link` in its place, each
/// link between soft line breaks so it starts a line of its own in the encoding.
fn split(body: &str, placeholder: &str, link: Piece, out: &mut Vec<Piece>) {
    let mut first = true;
    for between in body.split(placeholder) {
        if !first {
            out.push(link.clone());
        }
        first = false;
        let mut encoded = Vec::with_capacity(between.len() + between.len() / 16);
        let ends_mid_line = quoted_printable(between, &mut encoded);
        out.push(Piece::Encoded(encoded));
        if ends_mid_line {
            // The link that may follow starts a line of its own; a soft break decodes to
            // nothing. (The last piece's break, after the body, is not needed but harmless:
            // nothing is written after it.)
            if let Some(Piece::Encoded(last)) = out.last_mut() {
                last.extend_from_slice(b"=\r\n");
            }
        }
    }
    // The last piece ends the part: no soft break after it.
    if let Some(Piece::Encoded(last)) = out.last_mut()
        && last.ends_with(b"=\r\n")
    {
        last.truncate(last.len() - 3);
    }
}

/// A link, encoded, then a soft line break so what follows starts a line.
fn link(url: &str, out: &mut Vec<u8>) {
    if quoted_printable(url, out) {
        out.extend_from_slice(b"=\r\n");
    }
}

/// Quoted-printable (RFC 2045 §6.7) of `text`, lines ended by CRLF, encoded lines at most
/// 76 characters with their soft break; whitespace at the end of a line or of `text` is
/// encoded, so a soft break may follow. Returns whether the output ends mid-line.
fn quoted_printable(text: &str, out: &mut Vec<u8>) -> bool {
    let bytes = text.as_bytes();
    let mut column = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.extend_from_slice(b"\r\n");
            column = 0;
            i += if b == b'\r' { 2 } else { 1 };
            continue;
        }
        let line_ends = matches!(bytes.get(i + 1), None | Some(b'\n'))
            || (bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n'));
        let literal = match b {
            b' ' | b'\t' => !line_ends,
            b'=' => false,
            33..=126 => true,
            _ => false,
        };
        let width = if literal { 1 } else { 3 };
        if column + width > 75 {
            out.extend_from_slice(b"=\r\n");
            column = 0;
        }
        if literal {
            out.push(b);
        } else {
            let _ = write!(out, "={b:02X}");
        }
        column += width;
        i += 1;
    }
    column > 0
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Decodes quoted-printable as a reader's client does (for tests).
#[cfg(test)]
pub(crate) fn decode(encoded: &[u8]) -> Vec<u8> {
    tests::decode(encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes quoted-printable as a reader's client does.
    pub(super) fn decode(encoded: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < encoded.len() {
            match encoded[i] {
                b'=' if encoded[i + 1..].starts_with(b"\r\n") => i += 3,
                b'=' => {
                    let hex = std::str::from_utf8(&encoded[i + 1..i + 3]).expect("hex");
                    out.push(u8::from_str_radix(hex, 16).expect("hex"));
                    i += 3;
                }
                b => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        out
    }

    #[test]
    fn lines_stay_short_and_decode_to_the_text() {
        let text = format!(
            "Bonjour à tous = égal \n{}\n\tfin \nend",
            "é".repeat(60) + &"x".repeat(100)
        );
        let mut encoded = Vec::new();
        assert!(quoted_printable(&text, &mut encoded));
        for line in encoded.split(|b| *b == b'\n') {
            assert!(line.len() <= 77, "{}", String::from_utf8_lossy(line));
        }
        assert!(!encoded.windows(2).any(|w| w == b" \r"), "trailing space");
        assert_eq!(decode(&encoded), text.replace('\n', "\r\n").as_bytes());
    }

    #[test]
    fn each_copy_has_its_link_and_its_headers() {
        let from: Mailbox = "Réseau <no-reply@reseau.example>".parse().expect("from");
        let prebuilt = Prebuilt::new(
            &from,
            "Nouvelles du sommet",
            "Bonjour\n\nSe désabonner : LINK\nLINK\n",
            "<p>Bonjour</p><a href=\"LINK\">LINK</a>",
            "LINK",
        )
        .expect("prebuilt");
        let url = format!("https://reseau.example/fr/unsubscribe/{}", "a".repeat(64));
        let extra = vec![
            ("List-Unsubscribe".to_owned(), format!("<{url}>")),
            (
                "List-Unsubscribe-Post".to_owned(),
                "List-Unsubscribe=One-Click".to_owned(),
            ),
        ];
        let copy = prebuilt
            .copy(42, "ada@example.org", &url, &extra)
            .expect("copy");
        let raw = String::from_utf8(copy.bytes.clone()).expect("ascii");
        assert!(raw.starts_with("To: ada@example.org\r\n"), "{raw}");
        assert!(
            raw.contains(&format!("List-Unsubscribe: <{url}>\r\n")),
            "{raw}"
        );
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        assert!(raw.contains(&format!("Message-ID: {}\r\n", copy.message_id)));
        assert!(copy.message_id.starts_with("<42."));
        assert!(raw.contains("Date: "));
        assert!(raw.contains("MIME-Version: 1.0\r\n"));
        assert_eq!(copy.envelope.to().len(), 1);
        for line in raw.split("\r\n") {
            assert!(line.len() <= 998);
        }
        let (_, body) = raw.split_once("\r\n\r\n").expect("body");
        let boundary = raw
            .split("boundary=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("boundary");
        let parts: Vec<&str> = body.split(&format!("--{boundary}")).collect();
        // Preamble, text, HTML, the closing "--".
        assert_eq!(parts.len(), 4, "{body}");
        let part = |p: &str| {
            let (_, encoded) = p.split_once("\r\n\r\n").expect("part body");
            let encoded = encoded.strip_suffix("\r\n").expect("delimiter's CRLF");
            String::from_utf8(decode(encoded.as_bytes())).expect("utf-8")
        };
        assert_eq!(
            part(parts[1]),
            format!("Bonjour\r\n\r\nSe désabonner : {url}\r\n{url}\r\n")
        );
        assert_eq!(
            part(parts[2]),
            format!("<p>Bonjour</p><a href=\"{url}\">{url}</a>")
        );
        assert!(parts[1].contains("quoted-printable") && parts[2].contains("text/html"));
        let other = prebuilt
            .copy(43, "bob@example.org", "https://x/y?a=1&b=2", &[])
            .expect("copy");
        let other = String::from_utf8(other.bytes).expect("ascii");
        assert!(other.contains("https://x/y?a=3D1&amp;b=3D2"), "{other}");
        assert!(prebuilt.copy(44, "not an address", &url, &[]).is_err());
    }
}
