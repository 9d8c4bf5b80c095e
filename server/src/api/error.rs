//! API errors: `{"error":{"code","message"}}` with the status of the underlying [`AppError`].

use app::{error::AppError, i18n::Locale};
use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

/// An error answered by the REST API.
#[derive(Debug)]
pub struct ApiError(pub AppError);

/// Body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable code: `unauthenticated`, `bad_credentials`, `forbidden`, `too_many_requests`, `not_found`,
    /// `invalid`, `conflict`, `internal`.
    pub code: &'static str,
    /// Human-readable message (Bahasa Indonesia).
    pub message: String,
    /// For `internal` errors: the reference to quote; the details are in the server log under it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(error: E) -> Self {
        ApiError(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.0.code(),
                message: self.0.message(Locale::Id),
                reference: self.0.reference().map(str::to_owned),
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let AppError::TooManyRequests { retry_after } = self.0
            && let Ok(value) = http::HeaderValue::from_str(&retry_after.to_string())
        {
            response.headers_mut().insert(http::header::RETRY_AFTER, value);
        }
        response
    }
}
