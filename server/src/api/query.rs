//! Request parsing whose failures answer like every other API error (JSON, 422 or 404, in Indonesian).

use super::ApiError;
use app::error::AppError;
use axum::extract::{FromRequestParts, Query};
use http::request::Parts;
use serde::de::DeserializeOwned;

/// `Query<T>` with a JSON 422 instead of axum's plain-text 400.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state).await.map(|Query(value)| ApiQuery(value)).map_err(|rejection| {
            ApiError(AppError::Invalid(format!("Parameter tidak valid: {}", rejection.body_text())))
        })
    }
}

/// Page size: `limit` if given, between 1 and 200; 50 otherwise.
pub fn page_size(limit: Option<u64>) -> u64 {
    limit.unwrap_or(50).clamp(1, 200)
}

/// `Json<T>` with a JSON 422 naming the problem instead of axum's plain-text rejection.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Json::<T>::from_request(request, state).await.map(|axum::Json(value)| ApiJson(value)).map_err(
            |rejection| ApiError(AppError::Invalid(format!("Isi permintaan tidak valid: {}", rejection.body_text()))),
        )
    }
}

/// An id from the path; anything that is not one answers 404, like an id nobody may see.
pub fn path_id<T: std::str::FromStr>(raw: &str) -> Result<T, ApiError> {
    raw.parse().map_err(|_| ApiError(AppError::NotFound))
}
