//! `/frameworks`: the value catalogue.

use super::ApiError;
use crate::auth::RequireActor;
use app::error::AppError;
use axum::{
    Json,
    extract::{Path, State},
};
use domain::{
    catalogue::{FrameworkDetail, FrameworkSummary},
    ids::FrameworkId,
};
use serde::Serialize;
use service::Services;
use utoipa::ToSchema;

/// The frameworks.
#[derive(Debug, Serialize, ToSchema)]
pub struct FrameworkList {
    /// Built-in frameworks first.
    pub items: Vec<FrameworkSummary>,
}

/// Lists every value framework with its pair and value counts.
#[utoipa::path(get, path = "/frameworks", tag = "catalogue",
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The frameworks", body = FrameworkList),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
    ))]
pub async fn list(_: RequireActor, State(services): State<Services>) -> Result<Json<FrameworkList>, ApiError> {
    let items = service::catalogue::list_frameworks(&services.db).await?;
    Ok(Json(FrameworkList { items }))
}

/// One framework with its pairs, their values and behaviour indicators (and values outside any pair).
#[utoipa::path(get, path = "/frameworks/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "Framework id (UUID)")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
        (status = 200, description = "The framework", body = FrameworkDetail),
        (status = 404, description = "No such framework", body = super::error::ErrorBody),
    ))]
pub async fn get(
    _: RequireActor,
    State(services): State<Services>,
    Path(id): Path<String>,
) -> Result<Json<FrameworkDetail>, ApiError> {
    let id: FrameworkId = id.parse().map_err(|_| AppError::NotFound)?;
    Ok(Json(service::catalogue::get_framework(&services.db, id).await?))
}
