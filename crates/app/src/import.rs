//! Importing members from a CSV file, for the back office's upload and `reseau members import`
//! alike. An import acts only inside the importer's chapters and never overwrites what a
//! person chose (see `domain::import`); each person it touches is audited.

use chrono::Utc;
use domain::{
    DomainError, audit,
    entities::chapter,
    import::{self, RawRow, Rejection, RowOutcome},
    membership,
    organizers::Scope,
};

use crate::{App, mail};

/// Who imports: an organizer within their chapters, or the operator at the command line.
#[derive(Clone, Debug)]
pub struct Importer {
    pub organizer_id: Option<i64>,
    pub scope: Scope,
}

impl Importer {
    /// The operator, with every chapter in scope.
    pub fn operator() -> Self {
        Self {
            organizer_id: None,
            scope: Scope::All,
        }
    }
}

/// What an import did, as the importer may know it. An address of a member outside the
/// importer's chapters counts as invited: nothing in a report says that an address is a
/// member somewhere.
#[derive(Debug, Default)]
pub struct Report {
    pub invited: usize,
    /// Members of the chapter already: kept as they are, empty details filled.
    pub existing: usize,
    pub throttled: usize,
    /// Members of another chapter within the importer's scope: left as they are.
    pub other_chapter: usize,
    /// Line number in the file (the header is line 1) and why.
    pub rejected: Vec<(usize, Vec<Rejection>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not CSV with an `email` column: {0}")]
    Format(String),
    #[error("the chapter is outside the importer's scope")]
    OutOfScope,
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
/// nothing already done; invited people get their confirmation email through the outbox,
/// within the same per-address limit as the join form.
pub async fn run(
    app: &App,
    rows: &[(usize, RawRow)],
    chapter: &chapter::Model,
    source: &str,
    importer: &Importer,
    mut progress: impl FnMut(usize),
) -> Result<Report, ImportError> {
    if !importer.scope.allows(chapter.id) {
        return Err(ImportError::OutOfScope);
    }
    let throttle = app.limits.throttle();
    let mut report = Report::default();
    for (done, (line, row)) in rows.iter().enumerate() {
        let now = Utc::now();
        let mut work = app.begin().await?;
        let outcome = import::import_row(work.conn(), row, chapter, source, throttle, now).await?;
        let person = |action, member_id, details| audit::Action {
            organizer_id: importer.organizer_id,
            action,
            target_type: "member",
            target_id: Some(member_id),
            details,
        };
        match outcome {
            RowOutcome::Invited {
                member,
                token,
                created,
                filled,
            } => {
                let language = mail::member_language(&member);
                let composed = mailer::compose::membership::confirmation(
                    &app.brand,
                    language,
                    &member.full_name,
                    chapter.name(language),
                    member.newsletter_requested,
                    token.as_str(),
                );
                work.enqueue(
                    mail::new_email(membership::CONFIRM_MAIL, &member, language, composed),
                    now,
                )
                .await?;
                let action = if created {
                    "member-invited-by-import"
                } else {
                    "member-reinvited-by-import"
                };
                let details = serde_json::json!({ "source": source, "filled": filled });
                work.audit(person(action, member.id, details), now).await?;
                report.invited += 1;
            }
            RowOutcome::Existing { member, filled } => {
                if !filled.is_empty() {
                    let details = serde_json::json!({ "source": source, "filled": filled });
                    work.audit(person("member-filled-by-import", member.id, details), now)
                        .await?;
                }
                report.existing += 1;
            }
            RowOutcome::Throttled { member, filled } => {
                if !filled.is_empty() {
                    let details = serde_json::json!({ "source": source, "filled": filled });
                    work.audit(person("member-filled-by-import", member.id, details), now)
                        .await?;
                }
                report.throttled += 1;
            }
            RowOutcome::OtherChapter { member } => {
                if importer.scope.allows(member.chapter_id) {
                    report.other_chapter += 1;
                } else {
                    report.invited += 1;
                }
            }
            RowOutcome::Rejected(problems) => report.rejected.push((*line, problems)),
        }
        work.commit().await?;
        progress(done + 1);
    }
    let work = app.begin().await?;
    work.audit(
        audit::Action {
            organizer_id: importer.organizer_id,
            action: "members-imported",
            target_type: "chapter",
            target_id: Some(chapter.id),
            details: serde_json::json!({
                "source": source,
                "invited": report.invited,
                "existing": report.existing,
                "throttled": report.throttled,
                "other_chapter": report.other_chapter,
                "rejected": report.rejected.len(),
            }),
        },
        Utc::now(),
    )
    .await?;
    work.commit().await?;
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
            name: domain::Localized::new()
                .with(domain::Language::En, "Canada")
                .with(domain::Language::Fr, "Canada")
                .with(domain::Language::Es, "Canadá"),
            description: domain::Localized::new(),
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
