//! The member export: UTF-8 CSV with a byte-order mark (so spreadsheet programs read accents
//! right), cells that a spreadsheet could run as a formula neutralised, streamed in chunks so
//! that a hundred thousand members never sit in memory at once.

use std::sync::Arc;

use bytes::Bytes;
use domain::{
    Db,
    directory::{self, Filter},
    entities::{chapter, member},
    organizers::Scope,
};
use futures::Stream;

const CHUNK: u64 = 500;
const COLUMNS: [&str; 10] = [
    "email",
    "full_name",
    "chapter",
    "region",
    "interests",
    "language",
    "status",
    "newsletter",
    "joined_at",
    "confirmed_at",
];

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return)
/// gets a leading apostrophe, so it stays text (OWASP "CSV injection").
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

struct Export {
    db: Db,
    scope: Scope,
    filter: Filter,
    chapters: Vec<chapter::Model>,
}

enum Step {
    Header,
    After(i64),
    Done,
}

pub fn members(
    db: Db,
    scope: Scope,
    filter: Filter,
    chapters: Vec<chapter::Model>,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let export = Arc::new(Export {
        db,
        scope,
        filter,
        chapters,
    });
    futures::stream::unfold(Step::Header, move |step| {
        let export = export.clone();
        async move {
            match step {
                Step::Header => {
                    let mut bytes = "\u{feff}".as_bytes().to_vec();
                    bytes.extend(encode(&[COLUMNS.map(str::to_owned).to_vec()]).ok()?);
                    Some((Ok(Bytes::from(bytes)), Step::After(0)))
                }
                Step::After(after) => match rows(&export, after).await {
                    Ok(None) => None,
                    Ok(Some((bytes, last))) => Some((Ok(bytes), Step::After(last))),
                    Err(e) => {
                        tracing::error!(error = %e, "member export failed");
                        Some((Err(std::io::Error::other(e)), Step::Done))
                    }
                },
                Step::Done => None,
            }
        }
    })
}

async fn rows(export: &Export, after: i64) -> Result<Option<(Bytes, i64)>, String> {
    let reader = export.db.reader();
    let members = directory::chunk(reader, &export.scope, &export.filter, after, CHUNK)
        .await
        .map_err(|e| e.to_string())?;
    let Some(last) = members.last().map(|m| m.id) else {
        return Ok(None);
    };
    // The latest newsletter decision, as mirrored on the member: no second query per chunk.
    let records: Vec<Vec<String>> = members
        .iter()
        .map(|m| record(m, &export.chapters, m.newsletter_decision == Some(true)))
        .collect();
    Ok(Some((Bytes::from(encode(&records)?), last)))
}

fn record(m: &member::Model, chapters: &[chapter::Model], newsletter: bool) -> Vec<String> {
    let chapter = chapters
        .iter()
        .find(|c| c.id == m.chapter_id)
        .map(|c| c.slug.clone())
        .unwrap_or_default();
    [
        m.email.clone(),
        m.full_name.clone(),
        chapter,
        m.region.clone().unwrap_or_default(),
        m.interests.clone(),
        m.language.code().to_owned(),
        m.status.as_str().to_owned(),
        if newsletter { "yes" } else { "no" }.to_owned(),
        mailer::dates::iso(m.created_at, mailer::dates::NETWORK_ZONE),
        m.confirmed_at
            .map(|t| mailer::dates::iso(t, mailer::dates::NETWORK_ZONE))
            .unwrap_or_default(),
    ]
    .iter()
    .map(|cell| neutralise(cell))
    .collect()
}

fn encode(records: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        writer.write_record(record).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://evil\")"),
            "'=HYPERLINK(\"http://evil\")"
        );
        for lead in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(lead).starts_with('\''), "{lead:?}");
        }
        assert_eq!(neutralise("Amara"), "Amara");
        assert_eq!(neutralise(""), "");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::{encode, neutralise};

    fn triggers(cell: &str) -> bool {
        cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn no_cell_starts_a_formula_and_nothing_else_changes(
            cell in prop_oneof![any::<String>(), "[=+@\t\r-][A-Z(\"0-9)]{0,10}"],
        ) {
            let safe = neutralise(&cell);
            prop_assert!(!triggers(&safe), "{:?}", safe);
            if triggers(&cell) {
                prop_assert_eq!(safe, format!("'{cell}"));
            } else {
                prop_assert_eq!(safe, cell);
            }
        }

        #[test]
        fn cells_survive_the_csv_writer_as_text(cells in prop::collection::vec(any::<String>(), 1..6)) {
            let row: Vec<String> = cells.iter().map(|c| neutralise(c)).collect();
            let bytes = encode(std::slice::from_ref(&row)).unwrap();
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[..]);
            let read: Vec<String> = reader
                .records()
                .next()
                .unwrap()
                .unwrap()
                .iter()
                .map(str::to_owned)
                .collect();
            prop_assert_eq!(read, row);
        }
    }
}
