//! Turns an outbox row into the bytes that go on the wire.

use domain::entities::outbox;
use lettre::{
    Message,
    address::Envelope,
    message::{
        Attachment, Mailbox, MultiPart,
        header::{ContentType, HeaderName, HeaderValue},
    },
};
use rand::RngCore;

/// A message ready for a transport.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub envelope: Envelope,
    pub bytes: Vec<u8>,
    pub message_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("recipient address refused: {0}")]
    Recipient(String),
    #[error("extra header {0:?} is not a valid header name")]
    Header(String),
    #[error("stored headers are not valid JSON: {0}")]
    HeadersJson(String),
    #[error("message could not be built: {0}")]
    Message(String),
}

/// Builds a multipart/alternative message (text and HTML) with a Message-ID that names the
/// outbox row, so a delivery can be traced back to it.
pub fn build(from: &Mailbox, row: &outbox::Model) -> Result<Outgoing, BuildError> {
    // The validator the forms use: what they took, this sends; anything else is refused here.
    let to = domain::EmailAddress::parse(&row.recipient)
        .and_then(|address| address.to_lettre())
        .map(|address| Mailbox::new(None, address))
        .map_err(|e| BuildError::Recipient(e.to_string()))?;
    let mut nonce = [0u8; 6];
    rand::rng().fill_bytes(&mut nonce);
    let message_id = format!("<{}.{}@{}>", row.id, hex_lower(&nonce), from.email.domain());
    let extra: Vec<(String, String)> =
        serde_json::from_str(&row.headers).map_err(|e| BuildError::HeadersJson(e.to_string()))?;

    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(message_id.clone()));
    for (name, value) in extra {
        let name =
            HeaderName::new_from_ascii(name.clone()).map_err(|_| BuildError::Header(name))?;
        builder = builder.raw_header(HeaderValue::new(name, value));
    }
    let body = MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone());
    // With a file (a calendar invitation), the text and HTML go inside multipart/mixed.
    let body = match row.attachment.as_deref() {
        None => body,
        Some(json) => {
            let file: domain::outbox::Attachment =
                serde_json::from_str(json).map_err(|e| BuildError::HeadersJson(e.to_string()))?;
            let content_type = ContentType::parse(&file.content_type)
                .map_err(|e| BuildError::Message(format!("attachment type: {e}")))?;
            MultiPart::mixed()
                .multipart(body)
                .singlepart(Attachment::new(file.filename).body(file.content, content_type))
        }
    };
    let message = builder
        .multipart(body)
        .map_err(|e| BuildError::Message(e.to_string()))?;
    Ok(Outgoing {
        envelope: message.envelope().clone(),
        bytes: message.formatted(),
        message_id,
    })
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
