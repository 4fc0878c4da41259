//! What the race must leave behind: seats, a gapless waitlist, and each person's emails.

use std::collections::HashMap;

use bytes::Bytes;
use mail_parser::{MessageParser, MimeHeaders};

use super::email;
use crate::{db, scenario::join::text_of};

pub(super) async fn check_seats(
    db: &sea_orm::DatabaseConnection,
    event_id: i64,
    count: u64,
    capacity: u64,
) -> anyhow::Result<(bool, String)> {
    let of = |status: &str| {
        format!(
            "SELECT COUNT(*) FROM registrations WHERE event_id = {event_id} AND status = '{status}'"
        )
    };
    let confirmed = db::count(db, &of("confirmed")).await?;
    let waitlisted = db::count(db, &of("waitlisted")).await?;
    let pending = db::count(db, &of("pending")).await?;
    let all = db::count(
        db,
        &format!("SELECT COUNT(*) FROM registrations WHERE event_id = {event_id}"),
    )
    .await?;
    let taken = db::count(
        db,
        &format!("SELECT CAST(seats_taken AS BIGINT) FROM events WHERE id = {event_id}"),
    )
    .await?;
    let waiting =
        format!("FROM registrations WHERE event_id = {event_id} AND status = 'waitlisted'");
    let positions = db::count(
        db,
        &format!("SELECT COUNT(DISTINCT waitlist_position) {waiting}"),
    )
    .await?;
    let lowest = db::count(
        db,
        &format!("SELECT CAST(COALESCE(MIN(waitlist_position), 0) AS BIGINT) {waiting}"),
    )
    .await?;
    let highest = db::count(
        db,
        &format!("SELECT CAST(COALESCE(MAX(waitlist_position), 0) AS BIGINT) {waiting}"),
    )
    .await?;
    let unplaced = db::count(
        db,
        &format!("SELECT COUNT(*) {waiting} AND waitlist_position IS NULL"),
    )
    .await?;
    let placed_elsewhere = db::count(
        db,
        &format!(
            "SELECT COUNT(*) FROM registrations WHERE event_id = {event_id} \
             AND status <> 'waitlisted' AND waitlist_position IS NOT NULL"
        ),
    )
    .await?;
    let capacity = i64::try_from(capacity).unwrap_or(i64::MAX);
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    let line = count - capacity;
    let gapless = waitlisted == line
        && unplaced == 0
        && positions == line
        && (line == 0 || (lowest == 1 && highest == line));
    let ok = all == count
        && confirmed == capacity
        && taken == capacity
        && pending == 0
        && placed_elsewhere == 0
        && gapless;
    Ok((
        ok,
        format!(
            "{all} registrations: {confirmed} confirmed (capacity {capacity}, seats_taken {taken}), \
             {waitlisted} waitlisted at {positions} distinct positions {lowest}..{highest} \
             ({unplaced} without one), {pending} pending, {placed_elsewhere} others with a position"
        ),
    ))
}

/// The registration page's path in a text part, if it has one on our server.
pub(super) fn registration_path(text: &str, origin: &str) -> Option<String> {
    let prefix = format!("{origin}/en/registrations/");
    text.split_whitespace()
        .find(|w| w.starts_with(&prefix))
        .map(|link| link.trim_end_matches(['.', ',', ')', '>']))
        .filter(|link| {
            let token = &link[prefix.len()..];
            token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(|link| link[origin.len()..].to_owned())
}

/// One registration link per address, in address order; whether each address got exactly one
/// email, with a link, and what was wrong.
pub(super) fn registration_links(
    mail: &HashMap<String, Vec<Bytes>>,
    count: u64,
    origin: &str,
) -> (Vec<String>, bool, String) {
    let mut links = Vec::new();
    let mut problems = Vec::new();
    for index in 0..count {
        let address = email(index);
        let messages = mail.get(&address).map(Vec::as_slice).unwrap_or_default();
        let found: Vec<String> = messages
            .iter()
            .filter_map(text_of)
            .filter_map(|text| registration_path(&text, origin))
            .collect();
        match (messages.len(), found.as_slice()) {
            (1, [link]) => links.push(link.clone()),
            _ => problems.push(format!(
                "{address}: {} emails, {} links",
                messages.len(),
                found.len()
            )),
        }
    }
    let strangers = mail.keys().filter(|a| !a.starts_with("rush-")).count();
    if strangers > 0 {
        problems.push(format!("{strangers} unexpected recipients"));
    }
    let ok = problems.is_empty();
    let detail = if ok {
        format!("{count} addresses, one request email each")
    } else {
        format!(
            "{} of {count} as expected; {} problems, first: {}",
            links.len(),
            problems.len(),
            problems
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        )
    };
    (links, ok, detail)
}

/// Whether a message carries a calendar file.
pub(super) fn has_calendar(raw: &Bytes) -> bool {
    MessageParser::default().parse(&raw[..]).is_some_and(|m| {
        m.parts.iter().any(|part| {
            part.content_type()
                .is_some_and(|ct| ct.ctype() == "text" && ct.subtype() == Some("calendar"))
        })
    })
}

pub(super) fn follow_ups(
    mail: &HashMap<String, Vec<Bytes>>,
    count: u64,
    capacity: u64,
) -> (bool, String) {
    let mut problems = Vec::new();
    let mut seated = 0u64;
    for index in 0..count {
        let address = email(index);
        let messages = mail.get(&address).map(Vec::as_slice).unwrap_or_default();
        if messages.len() != 2 {
            problems.push(format!("{address}: {} emails", messages.len()));
            continue;
        }
        seated += u64::from(has_calendar(&messages[1]) || has_calendar(&messages[0]));
    }
    if seated != capacity {
        problems.push(format!("{seated} calendar files for {capacity} seats"));
    }
    let total: usize = mail.values().map(Vec::len).sum();
    if problems.is_empty() {
        (
            true,
            format!("{total} emails; {seated} with a calendar file"),
        )
    } else {
        (
            false,
            format!(
                "{total} emails; {} problems, first: {}",
                problems.len(),
                problems
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_registration_path() {
        let token = "cd".repeat(32);
        let text = format!("Hello,\n\nhttp://127.0.0.1:9/en/registrations/{token}\n\nBye");
        assert_eq!(
            registration_path(&text, "http://127.0.0.1:9").as_deref(),
            Some(format!("/en/registrations/{token}").as_str())
        );
        assert_eq!(registration_path(&text, "http://127.0.0.1:8"), None);
    }
}
