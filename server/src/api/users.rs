//! `/users`: the accounts a user manager may see.

use super::{
    ApiError,
    query::{ApiQuery, page_size},
};
use crate::auth::RequireActor;
use app::error::AppError;
use axum::{Json, extract::State};
use domain::{access::Action, account::UserView};
use serde::{Deserialize, Serialize};
use service::Services;
use utoipa::{IntoParams, ToSchema};

/// Paging of the user list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct UsersQuery {
    /// Continue after this username (the last one of the previous page).
    pub after: Option<String>,
    /// Page size, 1-200 (default 50).
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
    let limit = page_size(query.limit);
    let items = service::access::users::list_in_scope(&services.db, &scope, query.after.as_deref(), limit).await?;
    let next_after = (items.len() as u64 == limit).then(|| items.last().map(|u| u.username.clone())).flatten();
    Ok(Json(UserList { items, next_after }))
}
