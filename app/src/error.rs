//! `AppError`: the one error the browser sees, from server functions and the REST API alike.
//! Internal failures carry only a reference id; the details are in the server log under that id.

use crate::i18n::{Locale, messages};
use domain::field::FieldProblem;
use serde::{Deserialize, Serialize};
use server_fn::{
    ServerFnError,
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};

/// What went wrong, in terms the UI can show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not signed in (or the session ended).
    #[error("unauthenticated")]
    Unauthenticated,
    /// Sign-in refused: unknown user, wrong password or deactivated account, deliberately not told apart.
    #[error("bad credentials")]
    BadCredentials,
    /// Signed in, allowed to see the object, but not to do this; the text is for the user.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Too many attempts; retry after this many seconds.
    #[error("too many requests (retry after {retry_after} s)")]
    TooManyRequests {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// Absent, or not visible to the caller.
    #[error("not found")]
    NotFound,
    /// Input that failed validation; the text is already in the user's language.
    #[error("invalid: {0}")]
    Invalid(String),
    /// Input whose named fields failed validation, so a form can place each message beside its field.
    #[error("invalid fields")]
    Fields(Vec<FieldProblem>),
    /// The change collides with existing data.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The request could not be read (broken JSON, a path or query that does not parse); the text says where.
    #[error("malformed: {0}")]
    Malformed(String),
    /// The request's body is larger than this many bytes, the most accepted.
    #[error("payload too large (limit {limit} bytes)")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The request's body is not of a media type the endpoint reads.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// A server failure; `reference` finds the details in the log.
    #[error("internal error (reference {reference})")]
    Internal {
        /// Short id written to the log beside the details.
        reference: String,
    },
    /// The request did not reach the server or its answer could not be read.
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden(_) => 403,
            AppError::TooManyRequests { .. } => 429,
            AppError::NotFound => 404,
            AppError::Invalid(_) | AppError::Fields(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Malformed(_) => 400,
            AppError::TooLarge { .. } => 413,
            AppError::UnsupportedMediaType => 415,
            AppError::Internal { .. } => 500,
            AppError::Transport(_) => 502,
        }
    }

    /// A stable machine-readable code, used in the REST API's error body.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::BadCredentials => "bad_credentials",
            AppError::Forbidden(_) => "forbidden",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::NotFound => "not_found",
            AppError::Invalid(_) | AppError::Fields(_) => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::Malformed(_) => "malformed",
            AppError::TooLarge { .. } => "too_large",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::Internal { .. } => "internal",
            AppError::Transport(_) => "transport",
        }
    }

    /// The error as a sentence for the user.
    pub fn message(&self, locale: Locale) -> String {
        let m = messages(locale);
        match self {
            AppError::Unauthenticated => m.error_unauthenticated.to_owned(),
            AppError::BadCredentials => m.error_wrong_credentials.to_owned(),
            AppError::TooManyRequests { retry_after } => (m.error_too_many)(*retry_after),
            AppError::NotFound => m.error_not_found.to_owned(),
            AppError::Invalid(detail) | AppError::Conflict(detail) | AppError::Forbidden(detail) => detail.clone(),
            AppError::Fields(problems) => problems.iter().map(|p| p.sentence(locale)).collect::<Vec<_>>().join(" "),
            AppError::Malformed(detail) => (m.error_malformed)(detail),
            AppError::TooLarge { limit } => (m.error_too_large)(limit.div_ceil(1024)),
            AppError::UnsupportedMediaType => m.error_unsupported_media_type.to_owned(),
            AppError::Internal { .. } => m.error_internal.to_owned(),
            AppError::Transport(_) => m.error_transport.to_owned(),
        }
    }

    /// The refused fields, if the error names any.
    pub fn fields(&self) -> &[FieldProblem] {
        match self {
            AppError::Fields(problems) => problems,
            _ => &[],
        }
    }

    /// The log reference of an internal error.
    pub fn reference(&self) -> Option<&str> {
        match self {
            AppError::Internal { reference } => Some(reference),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => AppError::Invalid(detail),
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl From<ServerFnError> for AppError {
    fn from(value: ServerFnError) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use service::ServiceError;

    impl AppError {
        /// An internal error: logs `detail` under a fresh reference id and returns only the id.
        pub fn internal(detail: &dyn std::fmt::Display) -> Self {
            let reference = uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase();
            tracing::error!(%reference, error = %detail, "request failed");
            AppError::Internal { reference }
        }
    }

    impl From<ServiceError> for AppError {
        fn from(err: ServiceError) -> Self {
            match err {
                ServiceError::NotFound => AppError::NotFound,
                ServiceError::Invalid(detail) => AppError::Invalid(detail),
                ServiceError::Fields(problems) => AppError::Fields(problems),
                ServiceError::Forbidden(detail) => AppError::Forbidden(detail),
                ServiceError::Conflict(detail) => AppError::Conflict(detail),
                other => AppError::internal(&other),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_shows_its_reference_but_no_details() {
        let error = AppError::Internal { reference: "AB12CD34EF".into() };
        assert_eq!(error.status(), 500);
        assert_eq!(error.reference(), Some("AB12CD34EF"));
        assert!(!error.message(Locale::Id).contains("AB12"));
    }

    #[test]
    fn bad_server_function_arguments_are_invalid_input() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("kerangka".into()));
        assert_eq!(error.status(), 422);
    }

    #[test]
    fn every_error_speaks_indonesian_by_default() {
        assert_eq!(AppError::NotFound.message(Locale::default()), "Data yang diminta tidak ditemukan.");
    }
}
