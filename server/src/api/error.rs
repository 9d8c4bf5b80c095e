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
    /// For `invalid` errors about named fields: each refused field of the request and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// One refused field of the request.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    /// The property as the request body names it (`title`, `started_on`, `value_ids`).
    pub field: String,
    /// Stable code of the rule it broke (`text`, `account`, `action`, `choice`, `rules`, `not_a_date`, ...).
    pub code: String,
    /// What is wrong with it (Bahasa Indonesia).
    pub message: String,
}

impl From<&domain::field::FieldProblem> for FieldError {
    fn from(problem: &domain::field::FieldProblem) -> Self {
        let code = serde_json::to_value(&problem.problem)
            .ok()
            .and_then(|value| value.get("code").and_then(|code| code.as_str()).map(str::to_owned))
            .unwrap_or_default();
        FieldError { field: problem.field.clone(), code, message: problem.problem.message(Locale::Id) }
    }
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
                fields: self.0.fields().iter().map(FieldError::from).collect(),
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

/// Gives every error answer of the REST API the documented body. Axum's own rejections (JSON that does not
/// parse, a body over the limit, a content type it does not read, a path or query that does not parse) answer
/// in plain English text; here they keep their status and get `{"error":{...}}` in the reader's language.
pub async fn json_error_bodies(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let detail = axum::body::to_bytes(body, 4096)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .unwrap_or_default();
    let mut answer = ApiError(rejection(status, detail)).into_response();
    parts.headers.remove(http::header::CONTENT_LENGTH);
    parts.headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    *answer.status_mut() = parts.status;
    std::mem::swap(answer.headers_mut(), &mut parts.headers);
    answer
}

/// The error an axum rejection with `status` and text `detail` stands for.
pub(super) fn rejection(status: StatusCode, detail: String) -> AppError {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge { limit: u64::try_from(BODY_LIMIT).unwrap_or(u64::MAX) },
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
        StatusCode::NOT_FOUND => AppError::NotFound,
        StatusCode::UNAUTHORIZED => AppError::Unauthenticated,
        StatusCode::UNPROCESSABLE_ENTITY => AppError::Invalid(format!("Isi permintaan tidak valid: {detail}")),
        _ if status.is_server_error() => AppError::internal(&format!("{status}: {detail}")),
        _ if detail.is_empty() => AppError::Malformed(status.canonical_reason().unwrap_or("?").to_owned()),
        _ => AppError::Malformed(detail),
    }
}

/// The largest request body read whole (JSON, server-function forms), in bytes: axum's default limit.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
