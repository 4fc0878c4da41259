use sea_orm::DbErr;

/// What can go wrong in a domain rule. Outcomes a person should see (an expired link, a full
/// event) are values of the services' own result types, not errors.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("no chapter with slug {0:?}")]
    UnknownChapter(String),
    #[error("stored data is inconsistent: {0}")]
    Inconsistent(&'static str),
}
