//! `/users`: the accounts a user manager may see.

use super::{
    ApiError,
    query::{ApiJson, ApiQuery, page_size, path_id},
};
use crate::auth::{Meta, RequireActor};
use app::error::AppError;
use axum::{
    Json,
    extract::{Path, State},
};
use domain::{
    access::{Action, Role},
    account::UserView,
    ids::UserId,
};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use service::Services;
use service::access::manage::{self, GrantForm, NewUserForm};
use utoipa::{IntoParams, ToSchema};

/// Paging of the user list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// Continue after this username (the last one of the previous page).
    pub after: Option<String>,
    /// Page size, 1-200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

/// A page of users.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    /// Ordered by username.
    pub items: Vec<UserView>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next_after: Option<String>,
}

/// Users holding a role inside the caller's reach (Administrator: everyone; Peninjau: their subtree; Admin OPD:
/// their OPD). Roles that manage no users get 403.
#[utoipa::path(get, path = "/users", tag = "auth", params(UsersQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "A page of users", body = UserList),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
        (status = 403, description = "The caller manages no users", body = super::error::ErrorBody),
    ))]
pub async fn list(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<UsersQuery>,
) -> Result<Json<UserList>, ApiError> {
    let scope = actor
        .scope(Action::ManageUsers)
        .ok_or_else(|| AppError::Forbidden("Peran Anda tidak mengelola pengguna.".into()))?;
    let limit = page_size(query.limit, 50, 200)?;
    let items = service::access::users::list_in_scope(&services.db, &scope, query.after.as_deref(), limit).await?;
    let next_after = (items.len() as u64 == limit).then(|| items.last().map(|u| u.username.clone())).flatten();
    Ok(Json(UserList { items, next_after }))
}

fn user_id(raw: &str) -> Result<UserId, ApiError> {
    raw.parse().map_err(|_| ApiError(AppError::NotFound))
}

/// Creates an account with one role on one org unit inside the caller's reach; nobody grants above their own
/// role.
#[utoipa::path(post, path = "/users", tag = "auth", request_body = NewUserForm,
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = UserView),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
        (status = 403, description = "The role is above the caller's own", body = super::error::ErrorBody),
        (status = 404, description = "The org unit is outside the caller's reach", body = super::error::ErrorBody),
        (status = 409, description = "The username is taken", body = super::error::ErrorBody),
        (status = 422, description = "A field is invalid; the message names it", body = super::error::ErrorBody),
    ))]
pub async fn create(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    ApiJson(form): ApiJson<NewUserForm>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let user = manage::create(&services.db, &actor, form, &meta, services.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// One user inside the caller's reach.
#[utoipa::path(get, path = "/users/{id}", tag = "auth",
    params(("id" = String, Path, description = "User id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The user", body = UserView),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
        (status = 404, description = "No such user within reach", body = super::error::ErrorBody),
    ))]
pub async fn get(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(manage::get(&services.db, &actor, user_id(&id)?).await?))
}

/// Deactivates a user: they cannot sign in and their sessions end at once. Their history stays.
#[utoipa::path(post, path = "/users/{id}/deactivate", tag = "auth",
    params(("id" = String, Path, description = "User id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Deactivated", body = UserView),
        (status = 403, description = "The caller does not outrank the user", body = super::error::ErrorBody),
        (status = 404, description = "No such user within reach", body = super::error::ErrorBody),
    ))]
pub async fn deactivate(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Json<UserView>, ApiError> {
    set_active(&services, &actor, &meta, &id, false).await
}

async fn set_active(
    services: &Services,
    actor: &service::access::Actor,
    meta: &service::audit::RequestMeta,
    id: &str,
    active: bool,
) -> Result<Json<UserView>, ApiError> {
    let now = services.clock.now();
    Ok(Json(manage::set_active(&services.db, actor, user_id(id)?, active, meta, now).await?))
}

/// Reactivates a user.
#[utoipa::path(post, path = "/users/{id}/activate", tag = "auth",
    params(("id" = String, Path, description = "User id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Active again", body = UserView),
        (status = 403, description = "The caller does not outrank the user", body = super::error::ErrorBody),
        (status = 404, description = "No such user within reach", body = super::error::ErrorBody),
    ))]
pub async fn activate(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Json<UserView>, ApiError> {
    set_active(&services, &actor, &meta, &id, true).await
}

/// A new password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPassword {
    /// 10-128 characters.
    pub password: String,
}

/// Resets a user's password and ends their sessions.
#[utoipa::path(post, path = "/users/{id}/password", tag = "auth", request_body = NewPassword,
    params(("id" = String, Path, description = "User id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 204, description = "Reset"),
        (status = 403, description = "The caller does not outrank the user", body = super::error::ErrorBody),
        (status = 404, description = "No such user within reach", body = super::error::ErrorBody),
        (status = 422, description = "The password is too short or too long", body = super::error::ErrorBody),
    ))]
pub async fn reset_password(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(new): ApiJson<NewPassword>,
) -> Result<StatusCode, ApiError> {
    let now = services.clock.now();
    manage::reset_password(&services.db, &actor, user_id(&id)?, &new.password, &meta, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Grants a role on an org unit (never above the caller's own role there; KBK roles come with KBK seats).
#[utoipa::path(post, path = "/users/{id}/grants", tag = "auth", request_body = GrantForm,
    params(("id" = String, Path, description = "User id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The user with the new grant", body = UserView),
        (status = 403, description = "The caller does not outrank the user or the role", body = super::error::ErrorBody),
        (status = 404, description = "No such user or unit within reach", body = super::error::ErrorBody),
        (status = 409, description = "The user already holds the role there", body = super::error::ErrorBody),
        (status = 422, description = "A KBK role, which comes with a KBK seat", body = super::error::ErrorBody),
    ))]
pub async fn grant(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<GrantForm>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(manage::grant(&services.db, &actor, user_id(&id)?, form, &meta, services.clock.now()).await?))
}

/// Revokes a role (the user's last role stays; deactivate the user instead).
#[utoipa::path(delete, path = "/users/{id}/grants/{role}/{org_unit}", tag = "auth",
    params(
        ("id" = String, Path, description = "User id"),
        ("role" = Role, Path, description = "The role"),
        ("org_unit" = String, Path, description = "The org unit it holds on"),
    ),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The user without the grant", body = UserView),
        (status = 403, description = "The caller does not outrank the user", body = super::error::ErrorBody),
        (status = 404, description = "No such user or grant within reach", body = super::error::ErrorBody),
        (status = 409, description = "The user's last role", body = super::error::ErrorBody),
    ))]
pub async fn revoke(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path((id, role, org_unit)): Path<(String, String, String)>,
) -> Result<Json<UserView>, ApiError> {
    let form = GrantForm { role: path_id(&role)?, org_unit_id: path_id(&org_unit)? };
    Ok(Json(manage::revoke(&services.db, &actor, user_id(&id)?, form, &meta, services.clock.now()).await?))
}
