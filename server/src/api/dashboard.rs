//! The compliance dashboard: reporting rates, the funnel, the index with its explanation, the charts (SVG and
//! CSV), and each Pemda's index weights.

use super::{
    ApiError,
    attachment::attachment,
    query::{ApiJson, ApiQuery, path_id},
};
use crate::auth::{Meta, RequireActor};
use app::error::AppError;
use axum::{
    Json,
    body::Body,
    extract::{Path, State},
    response::Response,
};
use domain::{
    dashboard::{
        Weights,
        chart::ChartKind,
        overview::{OpdOrder, Overview},
        view::{Compliance, DashboardQuery, Funnel, ReportingRates, WeightsVersion},
    },
    ids::OrgUnitId,
    locale::Locale,
};
use futures::TryStreamExt;
use serde::Deserialize;
use service::{Services, dashboard};

type Err = super::error::ErrorBody;

/// Which page of a node's OPDs.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpdPageQuery {
    /// `lowest` index first (the default), `highest` first, or by `name`.
    pub order: Option<OpdOrder>,
    /// The OPD the page starts after: `next` of the page before.
    #[param(value_type = Option<String>)]
    pub after: Option<OrgUnitId>,
    /// OPDs per page: 25 unless given, at most 100.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// The summary first: headline figures with the quarter before, one row per child Pemda, the OPDs that need
/// attention, and one page of the node's OPDs (25, keyset-paged with `after`).
#[utoipa::path(get, path = "/dashboard/overview", tag = "dashboard", params(DashboardQuery, OpdPageQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The overview", body = Overview),
        (status = 400, description = "A filter is invalid", body = Err),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such node within reach", body = Err),
        (status = 422, description = "The page does not exist, or `limit` is not 1 to 100", body = Err),
    ))]
pub async fn overview(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<DashboardQuery>,
    ApiQuery(page): ApiQuery<OpdPageQuery>,
) -> Result<Json<Overview>, ApiError> {
    let page = dashboard::overview::PageRequest {
        order: page.order.unwrap_or_default(),
        after: page.after,
        limit: page.limit,
    };
    Ok(Json(dashboard::overview::overview(&services.db, &actor, &query, page, services.clock.now()).await?))
}

/// Per OPD and quarter: expected, submitted, on time, accepted; totals per Pemda and overall.
#[utoipa::path(get, path = "/dashboard/reporting-rates", tag = "dashboard", params(DashboardQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The reporting-rate table", body = ReportingRates),
        (status = 400, description = "A filter is invalid", body = Err),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such node within reach", body = Err),
    ))]
pub async fn reporting_rates(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<DashboardQuery>,
) -> Result<Json<ReportingRates>, ApiError> {
    Ok(Json(dashboard::reporting_rates(&services.db, &actor, &query, services.clock.now()).await?))
}

/// How many OPDs reached each stage of the quarter, and where each OPD is stuck, for how many days.
#[utoipa::path(get, path = "/dashboard/funnel", tag = "dashboard", params(DashboardQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The lifecycle funnel", body = Funnel),
        (status = 400, description = "A filter is invalid", body = Err),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such node within reach", body = Err),
    ))]
pub async fn funnel(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<DashboardQuery>,
) -> Result<Json<Funnel>, ApiError> {
    Ok(Json(dashboard::funnel(&services.db, &actor, &query, services.clock.now()).await?))
}

/// The compliance index per OPD for the quarter, each with the points every component gave and what cost the
/// rest, and the weights version used per Pemda.
#[utoipa::path(get, path = "/dashboard/compliance", tag = "dashboard", params(DashboardQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The index with its explanation", body = Compliance),
        (status = 400, description = "A filter is invalid", body = Err),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such node within reach", body = Err),
    ))]
pub async fn compliance(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    ApiQuery(query): ApiQuery<DashboardQuery>,
) -> Result<Json<Compliance>, ApiError> {
    Ok(Json(dashboard::compliance(&services.db, &actor, &query, services.clock.now()).await?))
}

/// A chart as SVG (`{name}.svg`) or its numbers as CSV (`{name}.csv`). Names: `index`, `heatmap`, `trend`,
/// `report-states`, `value-adoption`, `review-turnaround`.
#[utoipa::path(get, path = "/dashboard/charts/{file}", tag = "dashboard",
    params(("file" = String, Path, description = "e.g. `index.svg` or `index.csv`"), DashboardQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The chart (image/svg+xml) or its data (text/csv)"),
        (status = 400, description = "A filter is invalid", body = Err),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such chart, or no such node within reach", body = Err),
    ))]
pub async fn chart(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(file): Path<String>,
    ApiQuery(query): ApiQuery<DashboardQuery>,
) -> Result<Response, ApiError> {
    let (name, format) = file.rsplit_once('.').ok_or(ApiError(AppError::NotFound))?;
    let kind: ChartKind = name.parse().map_err(|_| ApiError(AppError::NotFound))?;
    if !matches!(format, "svg" | "csv") {
        return Err(ApiError(AppError::NotFound));
    }
    let stem = format!("budaya-{}", kind.slug());
    if kind == ChartKind::Index && format == "csv" {
        // Every OPD below the node, sent as it is read: a national export never sits whole in memory.
        let chart = dashboard::index::locate(&services.db, &actor, &query, services.clock.now()).await?;
        let body = Body::from_stream(chart.csv(services.db.clone()).map_err(std::io::Error::other));
        return Ok(attachment(body, "text/csv; charset=utf-8", &format!("{stem}.csv")));
    }
    let table = dashboard::chart(&services.db, &actor, &query, kind, Locale::Id, services.clock.now()).await?;
    Ok(if format == "svg" {
        attachment(dashboard::svg::render(&table)?, "image/svg+xml", &format!("{stem}.svg"))
    } else {
        attachment(table.csv(), "text/csv; charset=utf-8", &format!("{stem}.csv"))
    })
}

/// The Pemda's compliance index weights in force (version 0: the defaults of the domain brief).
#[utoipa::path(get, path = "/pemda/{id}/index-weights", tag = "dashboard", params(("id" = String, Path, description = "Pemda id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The weights and their version", body = WeightsVersion),
        (status = 401, description = "Not signed in", body = Err),
        (status = 404, description = "No such Pemda within reach", body = Err),
    ))]
pub async fn get_weights(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Path(id): Path<String>,
) -> Result<Json<WeightsVersion>, ApiError> {
    Ok(Json(dashboard::weights::get(&services.db, &actor, path_id(&id)?).await?))
}

/// Sets new weights for the Pemda (Peninjau): they must add up to 100; a new version, recorded in the audit trail.
#[utoipa::path(put, path = "/pemda/{id}/index-weights", tag = "dashboard", request_body = Weights,
    params(("id" = String, Path, description = "Pemda id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The new version", body = WeightsVersion),
        (status = 400, description = "The weights do not add up to 100", body = Err),
        (status = 401, description = "Not signed in", body = Err),
        (status = 403, description = "Not a Peninjau of this Pemda", body = Err),
        (status = 404, description = "No such Pemda within reach", body = Err),
        (status = 409, description = "Changed by someone else meanwhile", body = Err),
    ))]
pub async fn put_weights(
    State(services): State<Services>,
    RequireActor(actor): RequireActor,
    Meta(meta): Meta,
    Path(id): Path<String>,
    ApiJson(weights): ApiJson<Weights>,
) -> Result<Json<WeightsVersion>, ApiError> {
    let now = services.clock.now();
    Ok(Json(dashboard::weights::set(&services.db, &actor, path_id(&id)?, weights, &meta, now).await?))
}
