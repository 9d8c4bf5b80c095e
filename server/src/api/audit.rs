//! `/audit-events`: the audit trail for reviewers and administrators.

use super::{
    ApiError,
    query::{ApiQuery, page_size},
};
use crate::auth::RequireActor;
use app::error::AppError;
use axum::{Json, extract::State};
use domain::{access::Action, account::AuditEventView};
use serde::{Deserialize, Serialize};
use service::{Services, audit::AuditFilter};
use utoipa::{IntoParams, ToSchema};

/// Filters and paging of the audit trail.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only this action, e.g. `auth.sign_in`.
    pub action: Option<String>,
    /// Only objects of this type, e.g. `user`.
    pub object_type: Option<String>,
    /// Only this object.
    pub object_id: Option<String>,
    /// Only this actor (username).
    pub actor: Option<String>,
    /// Only events before this sequence number (the last `id` of the previous page).
    pub before: Option<i64>,
    /// Page size, 1-200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

/// A page of events.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    /// Newest first.
    pub items: Vec<AuditEventView>,
    /// Pass as `before` for the next page; absent on the last page.
    pub next_before: Option<i64>,
}

/// Audit events about the Pemdas in the caller's reach (Administrator: all, including system events).
#[utoipa::path(get, path = "/audit-events", tag = "auth", params(AuditQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "A page of events", body = AuditList),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
        (status = 403, description = "The caller's roles do not read the audit trail", body = super::error::ErrorBody),
    ))]
pub async fn list(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditList>, ApiError> {
    let scope = actor
        .scope(Action::ViewAudit)
        .ok_or_else(|| AppError::Forbidden("Peran Anda tidak dapat membuka jejak audit.".into()))?;
    let filter = AuditFilter {
        action: query.action,
        object_type: query.object_type,
        object_id: query.object_id,
        actor: query.actor,
        before: query.before,
    };
    let limit = page_size(query.limit, 50, 200)?;
    let items = service::audit::list(&services.db, &scope, &filter, limit).await?;
    let next_before = (items.len() as u64 == limit).then(|| items.last().map(|e| e.id)).flatten();
    Ok(Json(AuditList { items, next_before }))
}
