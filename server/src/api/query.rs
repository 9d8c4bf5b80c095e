//! Query-string parsing whose failures answer like every other API error (JSON, 422, in Indonesian).

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
