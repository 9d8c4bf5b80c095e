//! Documented actions of a KBK, their evidence files, and their review.

use super::{
    ApiError,
    programme::ReturnForm,
    query::{ApiJson, ApiQuery, page_size, path_id},
    upload,
};
use crate::auth::{Meta, RequireActor};
use app::error::AppError;
use axum::{
    Json,
    extract::{Multipart, Path, State},
    response::{IntoResponse, Response},
};
use domain::{
    kbk::{ActionInput, ActionView, EvidenceView},
    programme::Quarter,
    workflow::ReviewState,
};
use http::{HeaderValue, StatusCode, header};
use serde::{Deserialize, Serialize};
use service::{
    Services,
    kbk::{
        actions::{self, ActionFilter, Cursor, Verdict},
        evidence,
    },
};
use utoipa::{IntoParams, ToSchema};

type Err = super::error::ErrorBody;

/// Filters and paging of a KBK's actions.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionsQuery {
    /// Only this calendar year (2000-2100).
    #[param(value_type = Option<i32>, minimum = 2000, maximum = 2100)]
    pub year: Option<domain::programme::ProgrammeYear>,
    /// Only this quarter (1-4) of `year`.
    #[param(value_type = Option<u8>, minimum = 1, maximum = 4)]
    pub quarter: Option<Quarter>,
    /// Only actions living this value (value id).
    pub value: Option<String>,
    /// Only this state.
    pub state: Option<ReviewState>,
    /// Continue after this cursor (`next_after` of the previous page).
    pub after: Option<String>,
    /// Page size, 1-200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

/// A page of actions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionList {
    /// Newest activity first.
    pub items: Vec<ActionView>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next_after: Option<String>,
}

/// The KBK's actions, newest activity first, a keyset page at a time.
#[utoipa::path(get, path = "/kbks/{id}/actions", tag = "kbk", params(("id" = String, Path, description = "KBK id"), ActionsQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "A page of actions", body = ActionList),
        (status = 404, description = "No such KBK within reach", body = Err),
        (status = 422, description = "A bad filter or cursor", body = Err),
    ))]
pub async fn list(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ActionsQuery>,
) -> Result<Json<ActionList>, ApiError> {
    let bad = |what: &str| ApiError(AppError::Invalid(format!("Parameter tidak valid: {what}")));
    let after = match query.after.as_deref() {
        Some(raw) => Some(Cursor::decode(raw).ok_or_else(|| bad("after"))?),
        None => None,
    };
    let value = match query.value.as_deref() {
        Some(raw) => Some(raw.parse().map_err(|_| bad("value"))?),
        None => None,
    };
    if query.quarter.is_some() && query.year.is_none() {
        return Err(bad("quarter memerlukan year"));
    }
    let filter = ActionFilter { year: query.year, quarter: query.quarter, value, state: query.state };
    let limit = page_size(query.limit, 50, 200)?;
    let items = actions::list(&services.db, &actor, path_id(&id)?, &filter, after, limit).await?;
    let next_after = (items.len() as u64 == limit).then(|| items.last().map(|a| Cursor::after(a).encode())).flatten();
    Ok(Json(ActionList { items, next_after }))
}

/// Logs an action of the KBK as a draft (any member). It must live at least one of the OPD's approved values.
#[utoipa::path(post, path = "/kbks/{id}/actions", tag = "kbk", request_body = ActionInput,
    params(("id" = String, Path, description = "KBK id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Logged as a draft", body = ActionView),
        (status = 403, description = "Not a member of this KBK", body = Err),
        (status = 404, description = "No such KBK within reach", body = Err),
        (status = 422, description = "A field is invalid; the message says which", body = Err),
    ))]
pub async fn create(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ActionInput>,
) -> Result<(StatusCode, Json<ActionView>), ApiError> {
    let created = actions::create(&services.db, &actor, path_id(&id)?, input, &meta, services.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One action with its values and evidence.
#[utoipa::path(get, path = "/actions/{id}", tag = "kbk",
    params(("id" = String, Path, description = "Action id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The action", body = ActionView),
        (status = 404, description = "No such action within reach", body = Err),
    ))]
pub async fn get(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<ActionView>, ApiError> {
    Ok(Json(actions::get(&services.db, &actor, path_id(&id)?).await?))
}

/// Changes a draft or returned action (its author).
#[utoipa::path(put, path = "/actions/{id}", tag = "kbk", request_body = ActionInput,
    params(("id" = String, Path, description = "Action id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Changed (a draft again)", body = ActionView),
        (status = 403, description = "Not the author", body = Err),
        (status = 409, description = "Submitted or verified: not editable", body = Err),
        (status = 422, description = "A field is invalid", body = Err),
    ))]
pub async fn update(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ActionInput>,
) -> Result<Json<ActionView>, ApiError> {
    Ok(Json(actions::update(&services.db, &actor, path_id(&id)?, input, &meta, services.clock.now()).await?))
}

/// Attaches an evidence file (photo, PDF, Office document) to a draft or returned action, as
/// `multipart/form-data` part `file`. The type is decided by content; the SHA-256 is returned. A browser form
/// posted without JavaScript (`Accept: text/html`) is sent back to the action's page instead.
#[utoipa::path(post, path = "/actions/{id}/evidence", tag = "kbk",
    params(("id" = String, Path, description = "Action id")),
    request_body(content = super::upload::FilePart, content_type = "multipart/form-data",
        description = "Part `file`: the evidence file"),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = EvidenceView),
        (status = 303, description = "Stored; a plain HTML form is sent back to the action page"),
        (status = 403, description = "Not a member of the KBK", body = Err),
        (status = 404, description = "No such action within reach", body = Err),
        (status = 409, description = "The action is no longer editable", body = Err),
        (status = 422, description = "Too large, empty, or not an accepted type", body = Err),
    ))]
pub async fn upload_evidence(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    headers: http::HeaderMap,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let id = path_id(&id)?;
    let upload = upload::read_file(multipart, services.max_upload_bytes).await?;
    let stored = evidence::attach_to_action(&services, &actor, id, upload, &meta).await?;
    Ok(upload::stored(&headers, stored, &app::routes::action(id)))
}

/// Submits a draft or returned action for verification (its author); it needs at least one evidence file.
#[utoipa::path(post, path = "/actions/{id}/submit", tag = "kbk",
    params(("id" = String, Path, description = "Action id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Submitted", body = ActionView),
        (status = 409, description = "Not a draft", body = Err),
        (status = 422, description = "No evidence yet", body = Err),
    ))]
pub async fn submit(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Json<ActionView>, ApiError> {
    Ok(Json(actions::submit(&services.db, &actor, path_id(&id)?, &meta, services.clock.now()).await?))
}

/// Verifies a submitted action (the KBK's ketua or fasilitator, not its author).
#[utoipa::path(post, path = "/actions/{id}/verify", tag = "kbk",
    params(("id" = String, Path, description = "Action id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Verified", body = ActionView),
        (status = 403, description = "Not a verifier of this KBK, or the author", body = Err),
        (status = 409, description = "Not submitted", body = Err),
    ))]
pub async fn verify(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Json<ActionView>, ApiError> {
    Ok(Json(actions::decide(&services.db, &actor, path_id(&id)?, Verdict::Verify, &meta, services.clock.now()).await?))
}

/// Returns a submitted action to its author with a reason (ketua or fasilitator).
#[utoipa::path(post, path = "/actions/{id}/return", tag = "kbk", request_body = ReturnForm,
    params(("id" = String, Path, description = "Action id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Returned", body = ActionView),
        (status = 403, description = "Not a verifier of this KBK", body = Err),
        (status = 409, description = "Not submitted", body = Err),
        (status = 422, description = "No reason given", body = Err),
    ))]
pub async fn return_(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReturnForm>,
) -> Result<Json<ActionView>, ApiError> {
    let verdict = Verdict::Return(form.reason);
    Ok(Json(actions::decide(&services.db, &actor, path_id(&id)?, verdict, &meta, services.clock.now()).await?))
}

/// Downloads an evidence file, as an attachment with its content type and `nosniff`; audited.
#[utoipa::path(get, path = "/evidence/{id}", tag = "kbk",
    params(("id" = String, Path, description = "Evidence id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 404, description = "No such file within reach", body = Err),
    ))]
pub async fn download(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let download = evidence::download(&services, &actor, path_id(&id)?, &meta).await?;
    let mut response =
        super::attachment::attachment(download.bytes, &download.file.media_type, &download.file.file_name);
    if let Ok(value) = HeaderValue::from_str(&download.file.sha256) {
        response.headers_mut().insert("x-content-sha256", value);
    }
    Ok(response)
}

/// A photo's thumbnail: a JPEG made by Budaya (at most 320 px), shown inline on the action page.
#[utoipa::path(get, path = "/evidence/{id}/thumbnail", tag = "kbk",
    params(("id" = String, Path, description = "Evidence id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The thumbnail", content_type = "image/jpeg"),
        (status = 404, description = "No such file within reach, or not a photo", body = Err),
    ))]
pub async fn thumbnail(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let bytes = evidence::thumbnail(&services, &actor, path_id(&id)?).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Content-addressed and immutable, but private to those who may see the action.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400"));
    Ok(response)
}
