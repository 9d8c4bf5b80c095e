//! `/tokens`: personal API tokens for integrations.

use super::{ApiError, query::ApiJson};
use crate::auth::{Meta, RequireActor};
use app::error::AppError;
use axum::{
    Json,
    extract::{Path, State},
};
use domain::{account::ApiTokenView, ids::ApiTokenId};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use service::Services;
use utoipa::ToSchema;

/// A token to create.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewToken {
    /// What it is for, e.g. the integration that will use it.
    pub name: String,
}

/// A new token with its secret, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    /// The token.
    pub token: ApiTokenView,
    /// The secret for `Authorization: Bearer <secret>`; store it now, it cannot be shown again.
    pub secret: String,
}

/// The caller's tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenList {
    /// Newest first, revoked ones included.
    pub items: Vec<ApiTokenView>,
}

/// Creates a personal API token acting as the caller.
#[utoipa::path(post, path = "/tokens", tag = "auth", request_body = NewToken,
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Created; the secret is in the body, once", body = CreatedToken),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
        (status = 422, description = "Invalid name", body = super::error::ErrorBody),
    ))]
pub async fn create(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    ApiJson(new): ApiJson<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let (token, secret) =
        service::access::tokens::create(&services.db, &actor, &new.name, &meta, services.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, secret })))
}

/// Lists the caller's tokens (never their secrets).
#[utoipa::path(get, path = "/tokens", tag = "auth",
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The tokens", body = TokenList),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
    ))]
pub async fn list(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
) -> Result<Json<TokenList>, ApiError> {
    Ok(Json(TokenList { items: service::access::tokens::list(&services.db, &actor).await? }))
}

/// Revokes one of the caller's tokens; it stops working at once.
#[utoipa::path(delete, path = "/tokens/{id}", tag = "auth",
    params(("id" = String, Path, description = "Token id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
        (status = 404, description = "No such token of yours", body = super::error::ErrorBody),
    ))]
pub async fn revoke(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id: ApiTokenId = id.parse().map_err(|_| AppError::NotFound)?;
    service::access::tokens::revoke(&services.db, &actor, id, &meta, services.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
