//! Programme years of a Pemda and the value selections of its OPDs.

use super::{
    ApiError,
    query::{ApiJson, ApiQuery, path_id},
};
use crate::auth::{Meta, RequireActor};
use app::error::AppError;
use axum::{
    Json,
    extract::{Path, State},
};
use domain::{
    locale::Locale,
    programme::{ChoiceInput, ProgrammeYear, ProgrammeYearView, SelectionView, YearOutOfRange},
    workflow::ReviewState,
};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use service::{
    Services,
    programme::{
        selection::{self, Decision},
        year,
    },
};
use utoipa::{IntoParams, ToSchema};

type Err = super::error::ErrorBody;

/// The year in a path: anything but a programme year (2000-2100) is refused with 422.
fn path_year(raw: &str) -> Result<ProgrammeYear, ApiError> {
    raw.parse().map_err(|err: YearOutOfRange| ApiError(AppError::Invalid(err.message(Locale::Id))))
}

/// The rules of a Pemda's programme year (the defaults if nobody configured it).
#[utoipa::path(get, path = "/pemdas/{id}/programme-years/{year}", tag = "programme",
    params(("id" = String, Path, description = "Pemda id"), ("year" = i32, Path, description = "Calendar year", minimum = 2000, maximum = 2100)),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The year's rules", body = ProgrammeYearView),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such Pemda within reach", body = Err),
    ))]
pub async fn get_year(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path((id, year)): Path<(String, String)>,
) -> Result<Json<ProgrammeYearView>, ApiError> {
    Ok(Json(year::get(&services.db, &actor, path_id(&id)?, path_year(&year)?).await?))
}

/// Sets a Pemda's rules for a year (Peninjau): frameworks, 3-5 values by default, key behaviours per value,
/// and the four report due dates.
#[utoipa::path(put, path = "/pemdas/{id}/programme-years/{year}", tag = "programme", request_body = ProgrammeYearView,
    params(("id" = String, Path, description = "Pemda id"), ("year" = i32, Path, description = "Calendar year", minimum = 2000, maximum = 2100)),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Stored", body = ProgrammeYearView),
        (status = 403, description = "Only reviewers configure the programme", body = Err),
        (status = 404, description = "No such Pemda within reach", body = Err),
        (status = 422, description = "Inconsistent rules; the message says which", body = Err),
    ))]
pub async fn put_year(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path((id, year)): Path<(String, String)>,
    ApiJson(mut rules): ApiJson<ProgrammeYearView>,
) -> Result<Json<ProgrammeYearView>, ApiError> {
    rules.pemda_id = path_id(&id)?;
    rules.year = path_year(&year)?.get();
    Ok(Json(year::configure(&services.db, &actor, rules, &meta, services.clock.now()).await?))
}

/// Selections of one OPD.
#[derive(Debug, Serialize, ToSchema)]
pub struct SelectionList {
    /// Newest year first.
    pub items: Vec<SelectionView>,
}

/// The OPD's value selections, newest year first.
#[utoipa::path(get, path = "/opds/{id}/value-selections", tag = "programme",
    params(("id" = String, Path, description = "OPD id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The selections", body = SelectionList),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such OPD within reach", body = Err),
    ))]
pub async fn list_for_opd(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<SelectionList>, ApiError> {
    Ok(Json(SelectionList { items: selection::list_for_opd(&services.db, &actor, path_id(&id)?).await? }))
}

/// A selection being started or changed.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SelectionForm {
    /// Programme year (2000-2100); the Pemda's active year if absent (only when starting).
    #[schema(value_type = Option<i32>, minimum = 2000, maximum = 2100)]
    pub year: Option<domain::programme::ProgrammeYear>,
    /// The chosen values with reasons and key behaviours.
    pub choices: Vec<ChoiceInput>,
}

/// Starts the OPD's selection for a year, as a draft (Kepala OPD). More values than the Pemda allows are
/// refused with a message naming the limit.
#[utoipa::path(post, path = "/opds/{id}/value-selections", tag = "programme", request_body = SelectionForm,
    params(("id" = String, Path, description = "OPD id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Created as a draft", body = SelectionView),
        (status = 403, description = "Only the Kepala OPD chooses values", body = Err),
        (status = 404, description = "No such OPD within reach", body = Err),
        (status = 409, description = "The OPD already has a selection for that year", body = Err),
        (status = 422, description = "A choice is invalid; the message says which", body = Err),
    ))]
pub async fn create(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<SelectionForm>,
) -> Result<(StatusCode, Json<SelectionView>), ApiError> {
    let created =
        selection::create(&services.db, &actor, path_id(&id)?, form.year, form.choices, &meta, services.clock.now())
            .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Filters of the review queue.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    /// Only this state (e.g. `submitted`).
    pub state: Option<ReviewState>,
    /// Only this year (2000-2100).
    #[param(value_type = Option<i32>, minimum = 2000, maximum = 2100)]
    pub year: Option<domain::programme::ProgrammeYear>,
}

/// Selections in the caller's review reach (Peninjau, Administrator).
#[utoipa::path(get, path = "/value-selections", tag = "programme", params(ReviewQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The selections, newest year first", body = SelectionList),
        (status = 403, description = "Only reviewers see the queue", body = Err),
    ))]
pub async fn review_queue(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<ReviewQuery>,
) -> Result<Json<SelectionList>, ApiError> {
    let items = selection::list_for_review(&services.db, &actor, query.state, query.year).await?;
    Ok(Json(SelectionList { items }))
}

/// One selection.
#[utoipa::path(get, path = "/value-selections/{id}", tag = "programme",
    params(("id" = String, Path, description = "Selection id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The selection", body = SelectionView),
        (status = 404, description = "No such selection within reach", body = Err),
    ))]
pub async fn get(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<SelectionView>, ApiError> {
    Ok(Json(selection::get(&services.db, &actor, path_id(&id)?).await?))
}

/// Replaces the choices of a draft or returned selection (Kepala OPD); an approved one cannot be edited.
#[utoipa::path(put, path = "/value-selections/{id}", tag = "programme", request_body = SelectionForm,
    params(("id" = String, Path, description = "Selection id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Updated (a draft again)", body = SelectionView),
        (status = 403, description = "Only the Kepala OPD chooses values", body = Err),
        (status = 404, description = "No such selection within reach", body = Err),
        (status = 409, description = "Submitted or approved: not editable", body = Err),
        (status = 422, description = "A choice is invalid", body = Err),
    ))]
pub async fn update(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<SelectionForm>,
) -> Result<Json<SelectionView>, ApiError> {
    Ok(Json(selection::update(&services.db, &actor, path_id(&id)?, form.choices, &meta, services.clock.now()).await?))
}

/// Submits a draft or returned selection to the bureau (Kepala OPD); it needs the Pemda's minimum of values.
#[utoipa::path(post, path = "/value-selections/{id}/submit", tag = "programme",
    params(("id" = String, Path, description = "Selection id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Submitted", body = SelectionView),
        (status = 409, description = "Not a draft", body = Err),
        (status = 422, description = "Too few values", body = Err),
    ))]
pub async fn submit(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Json<SelectionView>, ApiError> {
    Ok(Json(selection::submit(&services.db, &actor, path_id(&id)?, &meta, services.clock.now()).await?))
}

/// Approves a submitted selection (Peninjau): it is locked for the year.
#[utoipa::path(post, path = "/value-selections/{id}/approve", tag = "programme",
    params(("id" = String, Path, description = "Selection id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Approved", body = SelectionView),
        (status = 403, description = "Only reviewers approve", body = Err),
        (status = 409, description = "Not submitted", body = Err),
    ))]
pub async fn approve(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<Json<SelectionView>, ApiError> {
    let decided =
        selection::decide(&services.db, &actor, path_id(&id)?, Decision::Approve, &meta, services.clock.now()).await?;
    Ok(Json(decided))
}

/// Why something is sent back.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReturnForm {
    /// The reason, shown to the author (required).
    pub reason: String,
}

/// Returns a submitted selection to the OPD with a reason (Peninjau).
#[utoipa::path(post, path = "/value-selections/{id}/return", tag = "programme", request_body = ReturnForm,
    params(("id" = String, Path, description = "Selection id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Returned", body = SelectionView),
        (status = 403, description = "Only reviewers return", body = Err),
        (status = 409, description = "Not submitted", body = Err),
        (status = 422, description = "No reason given", body = Err),
    ))]
pub async fn return_(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReturnForm>,
) -> Result<Json<SelectionView>, ApiError> {
    let decision = Decision::Return(form.reason);
    Ok(Json(selection::decide(&services.db, &actor, path_id(&id)?, decision, &meta, services.clock.now()).await?))
}
