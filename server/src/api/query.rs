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

/// Page size: `limit` if given (refused with 422 outside 1 to `max`, as the document says), else `default`.
pub fn page_size(limit: Option<u64>, default: u64, max: u64) -> Result<u64, ApiError> {
    match limit {
        None => Ok(default),
        Some(limit) if (1..=max).contains(&limit) => Ok(limit),
        Some(_) => Err(ApiError(AppError::Invalid(format!("limit harus antara 1 dan {max}.")))),
    }
}

/// `Json<T>` with a JSON 422 naming the problem instead of axum's plain-text rejection (400 for text that is not
/// JSON at all, 413 for a body over the limit, 415 for one that is not declared JSON).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Json::<T>::from_request(request, state)
            .await
            .map(|axum::Json(value)| ApiJson(value))
            .map_err(|rejection| ApiError(super::error::rejection(rejection.status(), rejection.body_text())))
    }
}

/// An id from the path; anything that is not one answers 404, like an id nobody may see.
pub fn path_id<T: std::str::FromStr>(raw: &str) -> Result<T, ApiError> {
    raw.parse().map_err(|_| ApiError(AppError::NotFound))
}
