//! `/org-units`: the org tree.

use super::ApiError;
use crate::auth::RequireActor;
use axum::{Json, extract::State};
use domain::org::OrgTreeNode;
use serde::Serialize;
use service::Services;
use utoipa::ToSchema;

/// The org tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgTree {
    /// The root nodes (Pemda), each with its subtree, children ordered by code.
    pub items: Vec<OrgTreeNode>,
}

/// The org tree: every Pemda with its OPDs and units.
#[utoipa::path(get, path = "/org-units", tag = "org",
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The tree", body = OrgTree),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
    ))]
pub async fn tree(_: RequireActor, State(services): State<Services>) -> Result<Json<OrgTree>, ApiError> {
    Ok(Json(OrgTree { items: service::org::tree(&services.db).await? }))
}
