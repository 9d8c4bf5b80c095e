//! Files sent as downloads: an attachment with its type, `nosniff` and no caching.

use axum::{
    body::Body,
    response::{IntoResponse, Response},
};
use http::{HeaderValue, header};

/// `body` as a download named `file_name` (non-ASCII characters become `_`) of type `media_type`.
pub fn attachment(body: impl Into<Body>, media_type: &str, file_name: &str) -> Response {
    let disposition =
        format!("attachment; filename=\"{}\"", file_name.replace(|c: char| !c.is_ascii() || c == '"', "_"));
    let mut response = body.into().into_response();
    let headers = response.headers_mut();
    let typed =
        |value: &str| HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, typed(media_type));
    headers.insert(header::CONTENT_DISPOSITION, typed(&disposition));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
