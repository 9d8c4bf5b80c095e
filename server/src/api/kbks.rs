//! KBKs of an OPD: forming them, their SK, members and seats.

use super::{
    ApiError,
    query::{ApiJson, path_id},
    upload,
};
use crate::auth::{Meta, RequireActor};
use axum::{
    Json,
    extract::{Multipart, Path, State},
};
use domain::kbk::{EvidenceView, KbkInput, KbkView, MemberInput};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use service::{
    Services,
    kbk::{evidence, groups},
};
use utoipa::ToSchema;

type Err = super::error::ErrorBody;

/// KBKs of one OPD.
#[derive(Debug, Serialize, ToSchema)]
pub struct KbkList {
    /// Active first, by name.
    pub items: Vec<KbkView>,
}

/// The OPD's KBKs with their members.
#[utoipa::path(get, path = "/opds/{id}/kbks", tag = "kbk",
    params(("id" = String, Path, description = "OPD id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The KBKs", body = KbkList),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such OPD within reach", body = Err),
    ))]
pub async fn list(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<KbkList>, ApiError> {
    Ok(Json(KbkList { items: groups::list_for_opd(&services.db, &actor, path_id(&id)?).await? }))
}

/// Forms a KBK in the OPD (Kepala OPD or Admin OPD).
#[utoipa::path(post, path = "/opds/{id}/kbks", tag = "kbk", request_body = KbkInput,
    params(("id" = String, Path, description = "OPD id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Formed", body = KbkView),
        (status = 403, description = "Only the Kepala or Admin OPD forms KBKs", body = Err),
        (status = 404, description = "No such OPD within reach", body = Err),
        (status = 409, description = "The OPD already has a KBK of that name", body = Err),
        (status = 422, description = "A field is invalid", body = Err),
    ))]
pub async fn create(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<KbkInput>,
) -> Result<(StatusCode, Json<KbkView>), ApiError> {
    let created = groups::create(&services.db, &actor, path_id(&id)?, input, &meta, services.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One KBK with its members and SK.
#[utoipa::path(get, path = "/kbks/{id}", tag = "kbk",
    params(("id" = String, Path, description = "KBK id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The KBK", body = KbkView),
        (status = 404, description = "No such KBK within reach", body = Err),
    ))]
pub async fn get(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<KbkView>, ApiError> {
    Ok(Json(groups::get(&services.db, &actor, path_id(&id)?).await?))
}

/// A change to a KBK: its fields, and optionally (de)activation.
#[derive(Debug, Deserialize, ToSchema)]
pub struct KbkPatch {
    /// The KBK's fields (all of them).
    #[serde(flatten)]
    pub fields: KbkInput,
    /// `false` deactivates (never deletes), `true` reactivates.
    pub active: Option<bool>,
}

/// Changes a KBK's name, work unit or SK, or deactivates it (Kepala OPD or Admin OPD).
#[utoipa::path(patch, path = "/kbks/{id}", tag = "kbk", request_body = KbkPatch,
    params(("id" = String, Path, description = "KBK id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = KbkView),
        (status = 403, description = "Only the Kepala or Admin OPD changes KBKs", body = Err),
        (status = 404, description = "No such KBK within reach", body = Err),
        (status = 422, description = "A field is invalid", body = Err),
    ))]
pub async fn patch(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(patch): ApiJson<KbkPatch>,
) -> Result<Json<KbkView>, ApiError> {
    let now = services.clock.now();
    Ok(Json(groups::update(&services.db, &actor, path_id(&id)?, patch.fields, patch.active, &meta, now).await?))
}

/// Seats a member: a user of the OPD (who then holds the seat's KBK role) or a named outsider with NIP.
#[utoipa::path(post, path = "/kbks/{id}/members", tag = "kbk", request_body = MemberInput,
    params(("id" = String, Path, description = "KBK id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Seated; the KBK with a size warning outside 4-10 members", body = KbkView),
        (status = 404, description = "No such KBK within reach", body = Err),
        (status = 409, description = "Already a member", body = Err),
        (status = 422, description = "Not a user of the OPD, or an invalid NIP", body = Err),
    ))]
pub async fn add_member(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<MemberInput>,
) -> Result<(StatusCode, Json<KbkView>), ApiError> {
    let kbk = groups::add_member(&services.db, &actor, path_id(&id)?, input, &meta, services.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(kbk)))
}

/// Ends a member's seat (kept in the KBK's history).
#[utoipa::path(delete, path = "/kbks/{id}/members/{member}", tag = "kbk",
    params(("id" = String, Path, description = "KBK id"), ("member" = String, Path, description = "Member id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The KBK after the change", body = KbkView),
        (status = 404, description = "No such KBK or member within reach", body = Err),
    ))]
pub async fn remove_member(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path((id, member)): Path<(String, String)>,
) -> Result<Json<KbkView>, ApiError> {
    let now = services.clock.now();
    Ok(Json(groups::remove_member(&services.db, &actor, path_id(&id)?, path_id(&member)?, &meta, now).await?))
}

/// Uploads the scanned SK (PDF or photo) as `multipart/form-data` part `file`.
#[utoipa::path(post, path = "/kbks/{id}/decree", tag = "kbk",
    params(("id" = String, Path, description = "KBK id")),
    request_body(content = super::upload::FilePart, content_type = "multipart/form-data",
        description = "Part `file`: the scanned SK"),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Stored, with its SHA-256", body = EvidenceView),
        (status = 404, description = "No such KBK within reach", body = Err),
        (status = 422, description = "Too large, or not a PDF or photo", body = Err),
    ))]
pub async fn upload_decree(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    headers: http::HeaderMap,
    multipart: Multipart,
) -> Result<axum::response::Response, ApiError> {
    let id = path_id(&id)?;
    let upload = upload::read_file(multipart, services.max_upload_bytes).await?;
    let stored = evidence::attach_decree(&services, &actor, id, upload, &meta).await?;
    Ok(upload::stored(&headers, stored, &app::routes::kbk(id)))
}
