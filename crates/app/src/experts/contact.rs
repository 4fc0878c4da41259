//! The contact relay: a message to an expert, the sender's confirmation of their address,
//! and the expert's abuse report.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use domain::{
    DomainError, EmailAddress, FullName, Language, audit, chapter,
    entities::{expert_profile, member},
    experts::{self, MessageLink, NewMessage, Refusal, Relayed, ReportOutcome, Submitted},
};
use mailer::{compose::experts as compose, i18n::t};

use crate::{App, Work, mail::email_to};

/// How long a browser's proof of a confirmed address lasts.
const PROOF_LIFETIME: Duration = Duration::days(180);

/// A message as its sender wrote it, checked by the caller.
#[derive(Clone, Debug)]
pub struct Contact {
    pub sender_name: FullName,
    pub sender_email: EmailAddress,
    pub subject: String,
    pub body: String,
    pub allow_reply: bool,
    /// The language of the page it was written on.
    pub language: Language,
    /// The client's address (its /64 for IPv6), when known.
    pub client: Option<IpAddr>,
    /// The proof this browser kept of a confirmed address, if it sent one.
    pub proof: Option<String>,
    /// The signed-in member writing, if any.
    pub member: Option<member::Model>,
}

/// What the sender is told.
#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    /// A link went to their address (or so it seems to a blocked sender).
    CheckEmail,
    /// Relayed (or so it seems to a blocked sender).
    OnItsWay,
    /// Not sent, and why: a limit, or the expert is not taking messages.
    Refused(Refusal),
}

/// The value a browser keeps once its user confirmed an address: the time, and a keyed MAC
/// of the address's hash and that time. Messages from that address and that browser then go
/// straight to the expert; from any other browser, the address is confirmed again.
pub fn proof(app: &App, sender_hash: &str, now: DateTime<Utc>) -> String {
    let millis = now.timestamp_millis();
    let mac = app
        .contact_key
        .of_raw(&format!("sender-browser|{sender_hash}|{millis}"));
    format!("{millis}.{mac}")
}

fn proof_holds(app: &App, sender_hash: &str, presented: &str, now: DateTime<Utc>) -> bool {
    let Some((millis, _)) = presented.split_once('.') else {
        return false;
    };
    let Ok(millis) = millis.parse::<i64>() else {
        return false;
    };
    let Some(issued) = DateTime::from_timestamp_millis(millis) else {
        return false;
    };
    issued <= now && now - issued < PROOF_LIFETIME && proof(app, sender_hash, issued) == presented
}

/// The keyed hash a sender's address is counted and blocked by.
pub fn sender_hash(app: &App, email: &EmailAddress) -> String {
    app.contact_key.of(email.as_str())
}

fn client_hash(app: &App, client: Option<IpAddr>) -> String {
    let client = client.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    app.contact_key.of_raw(&format!("client|{client}"))
}

/// The expert's name as a sender could read it on the profile.
fn shown_name(lang: Language, expert: &expert_profile::Model) -> String {
    if expert.public_name {
        expert.display_name.clone()
    } else {
        t(lang, "expert-name-hidden")
    }
}

/// Takes a message for `expert`. A sender whose address is known to be theirs (a signed-in
/// member writing from it, or a browser that confirmed it before) is relayed at once;
/// anyone else is sent a link first. A blocked sender is told what anyone would be.
pub async fn send(
    app: &App,
    expert: &expert_profile::Model,
    contact: Contact,
) -> Result<Sent, DomainError> {
    let now = Utc::now();
    let sender_hash = sender_hash(app, &contact.sender_email);
    let own_address = contact
        .member
        .as_ref()
        .is_some_and(|m| m.email == contact.sender_email.as_str());
    let trusted = own_address
        || contact
            .proof
            .as_deref()
            .is_some_and(|p| proof_holds(app, &sender_hash, p, now));
    let new = NewMessage {
        sender_hash,
        ip_hash: client_hash(app, contact.client),
        language: contact.language,
        sender_name: contact.sender_name.as_str().to_owned(),
        sender_email: contact.sender_email.as_str().to_owned(),
        subject: contact.subject,
        body: contact.body,
        allow_reply: contact.allow_reply,
    };
    let mut work = app.begin().await?;
    let submitted =
        experts::submit(work.conn(), expert, new, trusted, app.limits.experts, now).await?;
    let sent = match submitted {
        Submitted::Confirm { message, token } => {
            let lang = message.language;
            let mail = compose::confirm_message(
                &app.brand,
                lang,
                &message.sender_name,
                &shown_name(lang, expert),
                token.as_str(),
            );
            work.enqueue(
                email_to(
                    experts::MESSAGE_CONFIRM_MAIL,
                    &message.sender_email,
                    None,
                    lang,
                    mail,
                ),
                now,
            )
            .await?;
            Sent::CheckEmail
        }
        Submitted::Relayed(relayed) => {
            queue_relay(&mut work, app, &relayed, expert, now).await?;
            Sent::OnItsWay
        }
        Submitted::Refused(Refusal::Blocked) if trusted => Sent::OnItsWay,
        Submitted::Refused(Refusal::Blocked) => Sent::CheckEmail,
        Submitted::Refused(refusal) => Sent::Refused(refusal),
    };
    work.commit().await?;
    Ok(sent)
}

/// The relayed message to the expert, in their language, with the sender's address as
/// Reply-To only if they allowed it.
async fn queue_relay(
    work: &mut Work,
    app: &App,
    relayed: &Relayed,
    expert: &expert_profile::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let member = experts::member_of(work.conn(), expert).await?;
    let m = &relayed.message;
    let mut mail = compose::relay(
        &app.brand,
        &compose::Relay {
            lang: member.language,
            expert_name: &expert.display_name,
            sender_name: &m.sender_name,
            subject: &m.subject,
            body: &m.body,
            allow_reply: m.allow_reply,
            report_token: relayed.report_token.as_str(),
        },
    );
    if m.allow_reply {
        // A parsed address: nothing in it can break out of the header.
        mail.headers
            .push(("Reply-To".to_owned(), m.sender_email.clone()));
    }
    work.enqueue(
        email_to(
            experts::MESSAGE_MAIL,
            &member.email,
            Some(member.id),
            member.language,
            mail,
        ),
        now,
    )
    .await
}

/// A confirmation link, seen before its button is pressed.
pub async fn check_link(
    app: &App,
    token: &str,
) -> Result<MessageLink<expert_profile::Model>, DomainError> {
    Ok(
        match experts::check_confirm(app.db.reader(), token, Utc::now()).await? {
            MessageLink::Valid((_, expert)) => MessageLink::Valid(expert),
            MessageLink::Expired => MessageLink::Expired,
            MessageLink::Used => MessageLink::Used,
            MessageLink::Unknown => MessageLink::Unknown,
        },
    )
}

/// What pressing the confirmation button did.
#[derive(Debug)]
pub enum Confirmed {
    /// The message went (or so it seems to a blocked sender); `proof` is for the browser.
    OnItsWay {
        expert: Box<expert_profile::Model>,
        proof: String,
    },
    Refused {
        refusal: Refusal,
        expert: Box<expert_profile::Model>,
        proof: String,
    },
    Link(MessageLink<()>),
}

/// The sender's confirmation: their address is confirmed, and the message relayed unless a
/// limit or the expert's pause stops it.
pub async fn confirm(app: &App, token: &str) -> Result<Confirmed, DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    let outcome = experts::confirm(work.conn(), token, app.limits.experts, now).await?;
    let confirmed = match outcome {
        experts::ConfirmOutcome::Relayed { relayed, expert } => {
            queue_relay(&mut work, app, &relayed, &expert, now).await?;
            let proof = proof(app, &relayed.message.sender_hash, now);
            Confirmed::OnItsWay { expert, proof }
        }
        experts::ConfirmOutcome::Refused {
            refusal,
            expert,
            sender_hash,
        } => {
            let proof = proof(app, &sender_hash, now);
            if refusal == Refusal::Blocked {
                Confirmed::OnItsWay { expert, proof }
            } else {
                Confirmed::Refused {
                    refusal,
                    expert,
                    proof,
                }
            }
        }
        experts::ConfirmOutcome::Link(link) => Confirmed::Link(link),
    };
    work.commit().await?;
    Ok(confirmed)
}

/// A report link, seen before its button is pressed.
pub async fn check_report(app: &App, token: &str) -> Result<MessageLink<()>, DomainError> {
    Ok(
        match experts::check_report(app.db.reader(), token, Utc::now()).await? {
            MessageLink::Valid(_) => MessageLink::Valid(()),
            MessageLink::Expired => MessageLink::Expired,
            MessageLink::Used => MessageLink::Used,
            MessageLink::Unknown => MessageLink::Unknown,
        },
    )
}

/// The expert reports a message as abuse: its sender can contact no expert from now on, the
/// report is in the audit log, and the organizers of the expert's chapter are told (in the
/// language the expert reported in), without the message or its sender.
pub async fn report(
    app: &App,
    token: &str,
    lang: Language,
) -> Result<MessageLink<()>, DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    let (message, expert) = match experts::report(work.conn(), token, now).await? {
        ReportOutcome::Reported { message, expert } => (message, expert),
        ReportOutcome::Link(link) => return Ok(link),
    };
    let member = experts::member_of(work.conn(), &expert).await?;
    work.audit(
        audit::Action {
            organizer_id: None,
            action: "expert-message-reported",
            target_type: "expert_profile",
            target_id: Some(expert.id),
            details: serde_json::json!({ "message": message.id }),
        },
        now,
    )
    .await?;
    let chapter_name = chapter::all(work.conn())
        .await?
        .into_iter()
        .find(|c| c.id == member.chapter_id)
        .map(|c| c.name(lang).to_owned())
        .unwrap_or_default();
    for organizer in experts::organizers_to_tell(work.conn(), member.chapter_id).await? {
        let mail = compose::abuse_report(&app.brand, lang, &organizer.name, &chapter_name);
        work.enqueue(
            email_to(experts::ABUSE_MAIL, &organizer.email, None, lang, mail),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(MessageLink::Valid(()))
}
