//! Server functions answer every error with 500 when it happens before their body runs (arguments that do not
//! decode); the body sets the right status itself. This layer reads such an answer's error and gives it the
//! status it stands for, so a malformed form is a 422, not a server fault.

use app::error::AppError;
use axum::{body::Body, extract::Request, middleware::Next, response::Response};
use http::StatusCode;

/// Larger error bodies are left alone (ours are a few hundred bytes).
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Corrects the status of `/fn/` answers whose body is an [`AppError`] that is not internal.
pub async fn correct_status(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/fn/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
