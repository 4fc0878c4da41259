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
