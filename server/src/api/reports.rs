//! Quarterly reports: the OPD's quarters, drafting and submitting, review, change lists, extensions, and the
//! caller's notifications.

use super::{
    ApiError,
    attachment::attachment,
    query::{ApiJson, ApiQuery, page_size, path_id},
};
use crate::auth::{Meta, RequireActor};
use axum::response::Response;
use axum::{
    Json,
    extract::{Path, State},
};
use chrono::NaiveDate;
use domain::{
    ids::{ActionId, NotificationId},
    programme::Quarter,
    report::{
        ReturnCode,
        changes::ReportChanges,
        view::{ActionComment, ExtensionView, NotificationsPage, OpdReports, ReportView, ReviewQueue},
    },
};
use http::StatusCode;
use serde::Deserialize;
use service::{
    Services, notify,
    report::{
        Decision, ReportEdit, export,
        extension::{self, ExtensionDecision},
        flow::{self, parse_narrative},
        queue,
    },
};
use utoipa::{IntoParams, ToSchema};

type Err = super::error::ErrorBody;

/// Which quarters to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportsQuery {
    /// Programme year (2000-2100); the Pemda's active year if absent.
    #[param(value_type = Option<i32>, minimum = 2000, maximum = 2100)]
    pub year: Option<domain::programme::ProgrammeYear>,
    /// Only this quarter (1-4).
    #[param(value_type = Option<u8>, minimum = 1, maximum = 4)]
    pub quarter: Option<Quarter>,
}

/// The OPD's quarters of a year with their due dates and reports.
#[utoipa::path(get, path = "/opds/{id}/reports", tag = "reports", params(("id" = String, Path, description = "OPD id"), ReportsQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Quarter by quarter", body = OpdReports),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such OPD within reach", body = Err),
    ))]
pub async fn list_for_opd(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ReportsQuery>,
) -> Result<Json<OpdReports>, ApiError> {
    let now = services.clock.now();
    Ok(Json(queue::for_opd(&services.db, &actor, path_id(&id)?, query.year, query.quarter, now).await?))
}

/// The quarter a report is started for.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewReport {
    /// Programme year, 2000-2100.
    #[schema(value_type = i32, minimum = 2000, maximum = 2100)]
    pub year: domain::programme::ProgrammeYear,
    /// Quarter, 1-4.
    #[schema(value_type = u8, minimum = 1, maximum = 4)]
    pub quarter: Quarter,
}

/// Starts the OPD's report for a quarter that has begun (Kepala OPD, Admin OPD).
#[utoipa::path(post, path = "/opds/{id}/reports", tag = "reports", request_body = NewReport,
    params(("id" = String, Path, description = "OPD id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Started as a draft, compiled from the quarter's verified actions", body = ReportView),
        (status = 403, description = "Only the Kepala OPD or Admin OPD reports", body = Err),
        (status = 404, description = "No such OPD within reach", body = Err),
        (status = 409, description = "The quarter already has a report", body = Err),
        (status = 422, description = "The quarter has not begun", body = Err),
    ))]
pub async fn create(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<NewReport>,
) -> Result<(StatusCode, Json<ReportView>), ApiError> {
    let now = services.clock.now();
    let created = flow::create(&services.db, &actor, path_id(&id)?, form.year, form.quarter, &meta, now).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One report: summary, narrative, actions per value, self-check, last return, extensions, activity feed.
#[utoipa::path(get, path = "/reports/{id}", tag = "reports", params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The report", body = ReportView),
        (status = 404, description = "No such report within reach", body = Err),
    ))]
pub async fn get(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<ReportView>, ApiError> {
    Ok(Json(flow::get(&services.db, &actor, path_id(&id)?, services.clock.now()).await?))
}

/// Narrative sections of a report being changed.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NarrativeInput {
    /// Capaian.
    pub achievements: String,
    /// Kendala dan penyelesaiannya.
    pub obstacles: String,
    /// Rencana tindak lanjut.
    pub follow_up: String,
}

/// What a PATCH changes; absent parts stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportPatch {
    /// The narrative (each section at most 4000 characters).
    pub narrative: Option<NarrativeInput>,
    /// Verified actions of the quarter to leave out of the report.
    pub excluded_action_ids: Option<Vec<ActionId>>,
}

/// Changes a draft or returned report (Kepala OPD, Admin OPD); a submitted or accepted one is refused.
#[utoipa::path(patch, path = "/reports/{id}", tag = "reports", request_body = ReportPatch,
    params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Stored", body = ReportView),
        (status = 403, description = "Only the OPD edits its report", body = Err),
        (status = 404, description = "No such report within reach", body = Err),
        (status = 409, description = "Submitted or accepted: locked", body = Err),
        (status = 422, description = "A section is too long, or an excluded action is not the quarter's", body = Err),
    ))]
pub async fn patch(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReportPatch>,
) -> Result<Json<ReportView>, ApiError> {
    let narrative = form.narrative.map(|n| parse_narrative(&n.achievements, &n.obstacles, &n.follow_up)).transpose()?;
    let edit = ReportEdit { narrative, excluded: form.excluded_action_ids };
    Ok(Json(flow::update(&services.db, &actor, path_id(&id)?, edit, &meta, services.clock.now()).await?))
}

/// Submits a report whose self-check passes (Kepala OPD, Admin OPD); the first submission fixes lateness.
#[utoipa::path(post, path = "/reports/{id}/submit", tag = "reports", params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Submitted", body = ReportView),
        (status = 403, description = "Only the OPD submits", body = Err),
        (status = 409, description = "Already submitted or accepted", body = Err),
        (status = 422, description = "The self-check fails; the message lists what is missing", body = Err),
    ))]
pub async fn submit(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Json<ReportView>, ApiError> {
    Ok(Json(flow::submit(&services.db, &actor, path_id(&id)?, &meta, services.clock.now()).await?))
}

/// Accepts a submitted report (Peninjau of the OPD's subtree): it and its actions are locked.
#[utoipa::path(post, path = "/reports/{id}/accept", tag = "reports", params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Accepted", body = ReportView),
        (status = 403, description = "Only reviewers accept", body = Err),
        (status = 404, description = "No such report within reach", body = Err),
        (status = 409, description = "Not submitted", body = Err),
    ))]
pub async fn accept(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Json<ReportView>, ApiError> {
    let now = services.clock.now();
    Ok(Json(flow::decide(&services.db, &actor, path_id(&id)?, Decision::Accept, &meta, now).await?))
}

/// Why a report goes back.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReturnInput {
    /// The code.
    pub code: ReturnCode,
    /// What the OPD must fix (required).
    pub reason: String,
    /// Optional comments on single actions of the report.
    #[serde(default)]
    pub comments: Vec<ActionComment>,
}

/// Returns a submitted report to the OPD with a code, words and optional comments on actions (Peninjau).
#[utoipa::path(post, path = "/reports/{id}/return", tag = "reports", request_body = ReturnInput,
    params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Returned", body = ReportView),
        (status = 403, description = "Only reviewers return", body = Err),
        (status = 404, description = "No such report within reach", body = Err),
        (status = 409, description = "Not submitted", body = Err),
        (status = 422, description = "No reason, or a comment on an action outside the report", body = Err),
    ))]
pub async fn return_(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReturnInput>,
) -> Result<Json<ReportView>, ApiError> {
    let decision = Decision::Return { code: form.code, text: form.reason, comments: form.comments };
    Ok(Json(flow::decide(&services.db, &actor, path_id(&id)?, decision, &meta, services.clock.now()).await?))
}

/// A reason in words.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReasonInput {
    /// The reason (required).
    pub reason: String,
}

/// Reopens an accepted report with a reason (Peninjau): it goes back to the OPD, unlocked.
#[utoipa::path(post, path = "/reports/{id}/reopen", tag = "reports", request_body = ReasonInput,
    params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Reopened", body = ReportView),
        (status = 403, description = "Only reviewers reopen", body = Err),
        (status = 404, description = "No such report within reach", body = Err),
        (status = 409, description = "Not accepted", body = Err),
        (status = 422, description = "No reason given", body = Err),
    ))]
pub async fn reopen(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReasonInput>,
) -> Result<Json<ReportView>, ApiError> {
    Ok(Json(flow::reopen(&services.db, &actor, path_id(&id)?, &form.reason, &meta, services.clock.now()).await?))
}

/// What changed between the returned submission and the latest one.
#[utoipa::path(get, path = "/reports/{id}/changes", tag = "reports", params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Added, removed, changed and unchanged actions; changed narrative sections", body = ReportChanges),
        (status = 404, description = "No such report within reach", body = Err),
    ))]
pub async fn changes(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<ReportChanges>, ApiError> {
    Ok(Json(flow::changes(&services.db, &actor, path_id(&id)?).await?))
}

/// The official report, "Laporan Pelaksanaan Budaya Kerja", as PDF (identity, KBK roster, values and key
/// behaviours, actions per value, narrative, evidence index with SHA-256, signature block); audited.
#[utoipa::path(get, path = "/reports/{id}/export.pdf", tag = "reports", params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "PDF, A4", content_type = "application/pdf"),
        (status = 404, description = "No such report within reach", body = Err),
    ))]
pub async fn export_pdf(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (bytes, stem) = export::pdf(&services, &actor, path_id(&id)?, &meta).await?;
    Ok(attachment(bytes, "application/pdf", &format!("{stem}.pdf")))
}

/// The report's included actions as an XLSX workbook with the same rows as the CSV (dates and counts as
/// numbers); audited.
#[utoipa::path(get, path = "/reports/{id}/export.xlsx", tag = "reports", params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook, sheet \"Kegiatan\"",
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 404, description = "No such report within reach", body = Err),
    ))]
pub async fn export_xlsx(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (bytes, stem) = export::xlsx(&services, &actor, path_id(&id)?, &meta).await?;
    Ok(attachment(bytes, XLSX, &format!("{stem}.xlsx")))
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The report's included actions as CSV, one row per action and value; audited.
#[utoipa::path(get, path = "/reports/{id}/export.csv", tag = "reports", params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "CSV (UTF-8, comma-separated, header row)", content_type = "text/csv"),
        (status = 404, description = "No such report within reach", body = Err),
    ))]
pub async fn export_csv(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (rows, stem) = export::rows(&services, &actor, path_id(&id)?, "csv", &meta).await?;
    let text = domain::report::export::csv(&rows);
    Ok(attachment(text.into_bytes(), "text/csv; charset=utf-8", &format!("{stem}.csv")))
}

/// Every evidence file of the report's included actions, one folder per action, with `manifest.json` (names,
/// sizes, SHA-256); audited.
#[utoipa::path(get, path = "/reports/{id}/evidence.zip", tag = "reports", params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The evidence package", content_type = "application/zip"),
        (status = 404, description = "No such report within reach", body = Err),
    ))]
pub async fn evidence_zip(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (package, stem) = export::evidence_zip(&services, &actor, path_id(&id)?, &meta).await?;
    let stream = tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(package.file));
    let mut response =
        attachment(axum::body::Body::from_stream(stream), "application/zip", &format!("{stem}-bukti.zip"));
    // Known up front, so the browser shows how far the download has come.
    response.headers_mut().insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(package.size));
    Ok(response)
}

/// Paging of the inbox.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// The `next_after` of the previous page.
    pub after: Option<String>,
    /// Page size, 1-200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

/// Submitted reports waiting for the caller (Peninjau, Administrator), oldest first, with counts per Pemda.
#[utoipa::path(get, path = "/review-queue", tag = "reports", params(QueueQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The inbox", body = ReviewQueue),
        (status = 403, description = "Only reviewers have an inbox", body = Err),
    ))]
pub async fn review_queue(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> Result<Json<ReviewQueue>, ApiError> {
    let limit = page_size(query.limit, 50, 200)?;
    let now = services.clock.now();
    Ok(Json(queue::review_queue(&services.db, &actor, query.after.as_deref(), limit, now).await?))
}

/// Why the OPD needs more time.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExtensionInput {
    /// The reason (required).
    pub reason: String,
}

/// Asks for a later due date, with a reason (Kepala OPD, Admin OPD), before the report is first submitted.
#[utoipa::path(post, path = "/reports/{id}/extension-requests", tag = "reports", request_body = ExtensionInput,
    params(("id" = String, Path, description = "Report id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Requested", body = ExtensionView),
        (status = 403, description = "Only the OPD asks", body = Err),
        (status = 404, description = "No such report within reach", body = Err),
        (status = 409, description = "Already submitted, or a request is pending", body = Err),
        (status = 422, description = "No reason given", body = Err),
    ))]
pub async fn request_extension(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ExtensionInput>,
) -> Result<(StatusCode, Json<ExtensionView>), ApiError> {
    let now = services.clock.now();
    let requested = extension::request(&services.db, &actor, path_id(&id)?, &form.reason, &meta, now).await?;
    Ok((StatusCode::CREATED, Json(requested)))
}

/// What a reviewer decides on an extension request.
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A new due date.
    Grant,
    /// The due date stays.
    Refuse,
}

/// A reviewer's answer to an extension request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExtensionAnswer {
    /// Grant or refuse.
    pub decision: Verdict,
    /// The new due date, when granting.
    pub due_on: Option<NaiveDate>,
    /// A note (required when refusing).
    pub note: Option<String>,
}

/// Grants a new due date or refuses (Peninjau of the OPD's subtree).
#[utoipa::path(post, path = "/extension-requests/{id}/decision", tag = "reports", request_body = ExtensionAnswer,
    params(("id" = String, Path, description = "Extension request id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Decided", body = ExtensionView),
        (status = 403, description = "Only reviewers decide", body = Err),
        (status = 404, description = "No such request within reach", body = Err),
        (status = 409, description = "Already decided", body = Err),
        (status = 422, description = "No date after the current one, or no reason for a refusal", body = Err),
    ))]
pub async fn decide_extension(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ExtensionAnswer>,
) -> Result<Json<ExtensionView>, ApiError> {
    let decision = match (form.decision, form.due_on) {
        (Verdict::Grant, Some(due_on)) => ExtensionDecision::Grant { due_on, note: form.note },
        (Verdict::Grant, None) => return Err(service::ServiceError::Invalid("Isi batas waktu baru.".into()).into()),
        (Verdict::Refuse, _) => ExtensionDecision::Refuse { note: form.note.unwrap_or_default() },
    };
    let now = services.clock.now();
    Ok(Json(extension::decide(&services.db, &actor, path_id(&id)?, decision, &meta, now).await?))
}

/// How many notifications.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationsQuery {
    /// 1-100 (default 30).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// The caller's notifications, newest first, with the unread count.
#[utoipa::path(get, path = "/notifications", tag = "reports", params(NotificationsQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Newest first", body = NotificationsPage),
        (status = 401, description = "Not signed in", body = Err),
    ))]
pub async fn notifications(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<NotificationsQuery>,
) -> Result<Json<NotificationsPage>, ApiError> {
    Ok(Json(notify::list(&services.db, &actor, page_size(query.limit, 30, 100)?).await?))
}

/// Which notifications to mark read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MarkRead {
    /// One notification; all of the caller's if absent.
    pub id: Option<NotificationId>,
}

/// Marks one or all of the caller's notifications read.
#[utoipa::path(post, path = "/notifications/read", tag = "reports", request_body = MarkRead,
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 204, description = "Marked"),
        (status = 401, description = "Not signed in", body = Err),
    ))]
pub async fn mark_read(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiJson(form): ApiJson<MarkRead>,
) -> Result<StatusCode, ApiError> {
    notify::mark_read(&services.db, &actor, form.id, services.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
