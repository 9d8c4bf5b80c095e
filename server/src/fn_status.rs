//! Server functions' answers. Their bodies are read here within a limit, so one over it is a 413 in the
//! functions' error format instead of a 502 "transport" error from deep inside their decoding. And server
//! functions answer every error with 500 when it happens before their body runs (arguments that do not decode);
//! the body sets the right status itself. This layer reads such an answer's error and gives it the status it
//! stands for, so a malformed form is a 422, not a server fault.

use crate::api::BODY_LIMIT;
use app::error::AppError;
use axum::{body::Body, extract::Request, middleware::Next, response::Response};
use http::{HeaderValue, StatusCode, header};
use leptos::server_fn::error::FromServerFnError;

/// Larger error bodies are left alone (ours are a few hundred bytes).
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Reads `/fn/` request bodies within [`BODY_LIMIT`] (forms of text, far below it) and corrects the status of answers whose body is an
/// [`AppError`] that is not internal.
pub async fn correct_status(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/fn/") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(error) => {
            let too_large =
                std::error::Error::source(&error).is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
            if !too_large {
                tracing::info!(%error, "server function body could not be read");
            }
            let limit = u64::try_from(BODY_LIMIT).unwrap_or(u64::MAX);
            return fn_error(if too_large {
                AppError::TooLarge { limit }
            } else {
                AppError::Malformed(error.to_string())
            });
        }
    };
    let response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
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

/// `error` answered as a server function answers its own errors.
fn fn_error(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = Response::new(Body::from(error.ser()));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
