//! `/org-units`: the org tree and its administration.

use super::{
    ApiError,
    query::{ApiJson, path_id},
};
use crate::auth::{Meta, RequireActor};
use axum::{
    Json,
    extract::{Path, State},
};
use domain::{
    account::AuditEventView,
    org::{NewUnitInput, OrgTreeNode, OrgUnitView, UnitChange},
};
use http::StatusCode;
use serde::Serialize;
use service::{Services, org::manage};
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

type Err = super::error::ErrorBody;

/// The changes to a node, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitHistory {
    /// Audit events of the node.
    pub items: Vec<AuditEventView>,
}

/// Adds a node to the org tree (Administrator anywhere; Peninjau within their subtree).
#[utoipa::path(post, path = "/org-units", tag = "org", request_body = NewUnitInput,
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Added", body = OrgUnitView),
        (status = 403, description = "The caller does not administer the org tree there", body = Err),
        (status = 404, description = "No such parent within reach", body = Err),
        (status = 409, description = "The code is taken, or the parent is deactivated", body = Err),
        (status = 422, description = "A field is invalid or the node cannot sit there", body = Err),
    ))]
pub async fn create(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    ApiJson(input): ApiJson<NewUnitInput>,
) -> Result<(StatusCode, Json<OrgUnitView>), ApiError> {
    let created = manage::add(&services.db, &actor, input, &meta, services.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One node the caller administers.
#[utoipa::path(get, path = "/org-units/{id}", tag = "org",
    params(("id" = String, Path, description = "Org unit id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The node", body = OrgUnitView),
        (status = 404, description = "No such node within reach", body = Err),
    ))]
pub async fn get(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<OrgUnitView>, ApiError> {
    Ok(Json(manage::get(&services.db, &actor, path_id(&id)?).await?))
}

/// Renames, re-kinds, moves, deactivates or reactivates a node; fields left out stay as they are.
#[utoipa::path(patch, path = "/org-units/{id}", tag = "org", request_body = UnitChange,
    params(("id" = String, Path, description = "Org unit id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The node after the change", body = OrgUnitView),
        (status = 404, description = "No such node (or new parent) within reach", body = Err),
        (status = 409, description = "Active units below, or the parent is deactivated", body = Err),
        (status = 422, description = "A field is invalid or the node cannot sit there", body = Err),
    ))]
pub async fn patch(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<UnitChange>,
) -> Result<Json<OrgUnitView>, ApiError> {
    Ok(Json(manage::update(&services.db, &actor, path_id(&id)?, change, &meta, services.clock.now()).await?))
}

/// The node's history: who changed what, when.
#[utoipa::path(get, path = "/org-units/{id}/history", tag = "org",
    params(("id" = String, Path, description = "Org unit id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Newest first", body = UnitHistory),
        (status = 404, description = "No such node within reach", body = Err),
    ))]
pub async fn history(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<UnitHistory>, ApiError> {
    Ok(Json(UnitHistory { items: manage::history(&services.db, &actor, path_id(&id)?).await? }))
}
