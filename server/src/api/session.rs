//! `/auth/login`, `/auth/logout`, `/me`: the session over the API.

use super::{ApiError, query::ApiJson};
use crate::{
    auth::{Meta, RequireActor, session_token},
    state::AppState,
};
use app::error::AppError;
use axum::{Json, extract::State, http::HeaderMap, response::IntoResponse};
use domain::account::UserView;
use http::{HeaderValue, StatusCode, header};
use serde::{Deserialize, Serialize};
use service::access::sessions::{self, SignInError};
use utoipa::ToSchema;

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Login {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The user with their grants.
    pub user: UserView,
}

fn with_cookie(status: StatusCode, body: Option<Me>, cookie: &str) -> axum::response::Response {
    let mut response = match body {
        Some(body) => (status, Json(body)).into_response(),
        None => status.into_response(),
    };
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Signs in and sets the session cookie. Wrong username and wrong password get the same answer; repeated
/// failures are throttled per account and per client address (429 with `Retry-After`).
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = Login,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = Me),
        (status = 401, description = "Wrong username or password", body = super::error::ErrorBody),
        (status = 429, description = "Too many failures; see Retry-After", body = super::error::ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    Meta(meta): Meta,
    headers: HeaderMap,
    ApiJson(login): ApiJson<Login>,
) -> Result<axum::response::Response, ApiError> {
    let now = state.services.clock.now();
    let previous = session_token(&headers);
    let signed_in = sessions::sign_in(
        &state.services.db,
        &login.username,
        &login.password,
        previous.as_deref(),
        &meta,
        state.auth.policy,
        now,
    )
    .await
    .map_err(|error| match error {
        SignInError::Invalid => ApiError(AppError::BadCredentials),
        SignInError::Throttled(retry_after) => ApiError(AppError::TooManyRequests { retry_after }),
        SignInError::Service(error) => ApiError::from(error),
    })?;
    let cookie = state.auth.session_cookie(&signed_in.token);
    Ok(with_cookie(StatusCode::OK, Some(Me { user: signed_in.actor.view }), &cookie))
}

/// Ends the session on the server and clears the cookie.
#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    security(("session" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
    ))]
pub async fn logout(
    State(state): State<AppState>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    headers: HeaderMap,
) -> Result<axum::response::Response, ApiError> {
    if let Some(token) = session_token(&headers) {
        sessions::sign_out(&state.services.db, &token, &actor, &meta, state.services.clock.now()).await?;
    }
    Ok(with_cookie(StatusCode::NO_CONTENT, None, &state.auth.clear_session_cookie()))
}

/// The signed-in user and their grants.
#[utoipa::path(get, path = "/me", tag = "auth",
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The user", body = Me),
        (status = 401, description = "Not signed in", body = super::error::ErrorBody),
    ))]
pub async fn me(RequireActor(actor): RequireActor) -> Json<Me> {
    Json(Me { user: actor.view })
}
