//! The service error: what went wrong in terms a caller can act on. Database details stay inside `Database`
//! and are logged, never shown.

use sea_orm::{DbErr, SqlErr};

/// What a service call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The object does not exist, or the caller may not see it (the two are indistinguishable on purpose).
    #[error("not found")]
    NotFound,
    /// The change collides with existing data (a duplicate code, a stale status); the message is for the user.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The caller may see the object but not do this to it; the message is for the user.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Input that failed validation; the message is for the user.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// Input whose named fields failed validation, each with a message for the user.
    #[error("invalid fields: {}", .0.iter().map(|p| p.sentence(domain::locale::Locale::En)).collect::<Vec<_>>().join(" "))]
    Fields(Vec<domain::field::FieldProblem>),
    /// A data file shipped with Budaya is broken: a bug, caught by the tests.
    #[error("bundled data file {file} is invalid: {reason}")]
    BundledData {
        /// Which file.
        file: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A chart or document could not be drawn (a bug); details are for the log only.
    #[error("rendering failed: {0}")]
    Render(String),
    /// A backup could not be written or restored; the message is for the operator at the command line.
    #[error("{0}")]
    Backup(String),
    /// The database failed; details are for the log only.
    #[error("database error: {0}")]
    Database(#[source] DbErr),
}

impl ServiceError {
    /// One field refused for `problem`.
    pub fn field(field: &str, problem: domain::field::Problem) -> Self {
        ServiceError::Fields(vec![domain::field::FieldProblem::new(field, problem)])
    }
}

/// Result of a service call.
pub type ServiceResult<T> = Result<T, ServiceError>;

impl From<DbErr> for ServiceError {
    /// Constraint violations become conflicts with a message for the user; the database's own text (which
    /// names tables and values) goes to the log only.
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => {
                tracing::info!(%detail, "unique constraint violated");
                ServiceError::Conflict("Data dengan kode atau kunci yang sama sudah ada.".into())
            }
            Some(SqlErr::ForeignKeyConstraintViolation(detail)) => {
                tracing::info!(%detail, "foreign key constraint violated");
                ServiceError::Conflict("Data terkait tidak ada, atau data ini masih dipakai oleh data lain.".into())
            }
            _ => ServiceError::Database(err),
        }
    }
}
