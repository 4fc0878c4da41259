//! Member import from CSV, shared by the back office upload and `reseau members import`.

use chrono::Utc;
use domain::{
    Db, DomainError, Language, audit,
    entities::chapter,
    import::{self, RawRow, Rejection, RowOutcome},
    membership::{self, Throttle},
    outbox,
};
use mailer::Brand;

/// What an import did, row by row where it matters.
#[derive(Debug, Default)]
pub struct Report {
    pub invited: usize,
    pub updated: usize,
    pub throttled: usize,
    /// Line number in the file (the header is line 1) and why.
    pub rejected: Vec<(usize, Vec<Rejection>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not CSV with an `email` column: {0}")]
    Format(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// Reads the rows, by column name; unknown columns are ignored.
pub fn read(bytes: &[u8]) -> Result<Vec<(usize, RawRow)>, ImportError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| ImportError::Format(e.to_string()))?
        .clone();
    let position = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let email = position("email").ok_or_else(|| ImportError::Format("no email column".into()))?;
    let (name, region, interests, language) = (
        position("full_name"),
        position("region"),
        position("interests"),
        position("language"),
    );
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::Format(e.to_string()))?;
        let cell = |at: Option<usize>| {
            at.and_then(|i| record.get(i))
                .unwrap_or_default()
                .to_owned()
        };
        rows.push((
            index + 2,
            RawRow {
                email: cell(Some(email)),
                full_name: cell(name),
                region: cell(region),
                interests: cell(interests),
                language: cell(language),
            },
        ));
    }
    Ok(rows)
}

/// Imports rows into `chapter`, one transaction per row so that a bad row or a failure stops
/// nothing already done; invited people get their confirmation email through the outbox.
pub async fn run(
    db: &Db,
    brand: &Brand,
    rows: &[(usize, RawRow)],
    chapter: &chapter::Model,
    source: &str,
    organizer_id: Option<i64>,
    mut progress: impl FnMut(usize),
) -> Result<Report, ImportError> {
    // The throttle protects addresses from the public form; an import sends one mail each.
    let throttle = Throttle {
        per_address_per_hour: u64::MAX,
    };
    let mut report = Report::default();
    for (done, (line, row)) in rows.iter().enumerate() {
        let now = Utc::now();
        let txn = db.begin_write().await.map_err(DomainError::from)?;
        match import::import_row(&txn, row, chapter, source, throttle, now).await? {
            RowOutcome::Invited { member, token } => {
                let language = member.language.parse().unwrap_or(Language::En);
                let mail = mailer::compose::membership::confirmation(
                    brand,
                    language,
                    &member.full_name,
                    chapter.name(language),
                    token.as_str(),
                );
                outbox::enqueue(
                    &txn,
                    crate::routes::support::new_email(
                        membership::CONFIRM_MAIL,
                        &member,
                        language,
                        mail,
                    ),
                    now,
                )
                .await?;
                report.invited += 1;
            }
            RowOutcome::Updated { .. } => report.updated += 1,
            RowOutcome::Throttled => report.throttled += 1,
            RowOutcome::Rejected(problems) => report.rejected.push((*line, problems)),
        }
        txn.commit().await.map_err(DomainError::from)?;
        progress(done + 1);
    }
    audit::record(
        db.writer(),
        audit::Action {
            organizer_id,
            action: "members-imported",
            target_type: "chapter",
            target_id: Some(chapter.id),
            details: serde_json::json!({
                "source": source,
                "invited": report.invited,
                "updated": report.updated,
                "rejected": report.rejected.len(),
            }),
        },
        Utc::now(),
    )
    .await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn reads_columns_by_name_with_a_bom() {
        let rows =
            read("\u{feff}Email,Language,full_name\na@b.org,fr,Ana\n".as_bytes()).expect("csv");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1.email, "a@b.org");
        assert_eq!(rows[0].1.full_name, "Ana");
        assert_eq!(rows[0].1.language, "fr");
        assert!(read(b"name\nx\n").is_err(), "an email column is required");
    }
}

/// Properties of the importer's reader, and the bounded fuzz run CI makes of it.
#[cfg(test)]
mod properties {
    use chrono::Utc;
    use domain::{entities::chapter, import};
    use proptest::prelude::*;

    use super::read;

    fn canada() -> chapter::Model {
        chapter::Model {
            id: 1,
            slug: "canada".into(),
            country: "CA".into(),
            position: 0,
            name_en: "Canada".into(),
            name_fr: "Canada".into(),
            name_es: "Canadá".into(),
            description_en: String::new(),
            description_fr: String::new(),
            description_es: String::new(),
            created_at: Utc::now(),
        }
    }

    /// CSV made of the pieces that trip readers: quotes, separators, line ends, a BOM,
    /// formulas, markup, NUL and invalid UTF-8.
    fn hostile_csv() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop::sample::select(vec![
            &b"email"[..],
            b"full_name",
            b"region",
            b"interests",
            b"language",
            b"Email",
            b",",
            b";",
            b"\"",
            b"\"\"",
            b"\n",
            b"\r\n",
            b"\r",
            b"\xef\xbb\xbf",
            b"a@b.org",
            b"Ada Lovelace",
            b"CA-ON",
            b"education;arts-culture",
            b"fr",
            b"=HYPERLINK(\"http://x\")",
            b"<script>",
            b"\0",
            b"\xff\xfe",
            b"\xc3\x28",
            b" ",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
        if let Ok(rows) = read(bytes) {
            let mut last = 1;
            for (line, row) in &rows {
                prop_assert!(*line > last, "line numbers go up");
                last = *line;
                // Every row is parsed or refused with reasons; nothing panics.
                if let Err(problems) = import::parse(row, &canada(), "fuzz") {
                    prop_assert!(!problems.is_empty());
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn a_file_with_an_email_column_reads_every_row(
            emails in prop::collection::vec("[a-z]{1,8}@[a-z]{1,8}\\.org", 1..20),
        ) {
            let mut file = String::from("full_name,email\n");
            for email in &emails {
                file.push_str(&format!("Ada Lovelace,{email}\n"));
            }
            let rows = read(file.as_bytes()).unwrap();
            prop_assert_eq!(rows.len(), emails.len());
            for ((line, row), (i, email)) in rows.iter().zip(emails.iter().enumerate()) {
                prop_assert_eq!(*line, i + 2);
                prop_assert_eq!(&row.email, email);
            }
        }
    }

    // The bounded fuzz run of the CSV importer. cargo-fuzz needs nightly, so CI fuzzes with
    // proptest instead: arbitrary bytes and hostile CSV, a fixed and larger number of cases,
    // read and then parsed row by row, in the ordinary `cargo test`, in a few seconds.
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fuzz_the_importer(bytes in prop::collection::vec(any::<u8>(), 0..512), csv in hostile_csv()) {
            check(&bytes)?;
            check(&csv)?;
            let mut with_header = b"email,full_name,region,interests,language\n".to_vec();
            with_header.extend_from_slice(&bytes);
            check(&with_header)?;
        }
    }
}
