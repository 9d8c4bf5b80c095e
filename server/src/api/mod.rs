//! The REST API under `/api/v1`, with its OpenAPI 3 document generated from the handlers' annotations.

mod actions;
mod attachment;
mod audit;
mod dashboard;
mod error;
mod fields;
mod frameworks;
mod kbks;
mod org_units;
mod programme;
mod query;
mod reports;
mod session;
mod tokens;
mod upload;
mod users;

pub use error::{ApiError, BODY_LIMIT};

use crate::state::AppState;
use app::error::AppError;
use axum::{Extension, Json, Router};
use std::sync::Arc;
use utoipa::{OpenApi, openapi::OpenApi as OpenApiDoc};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Prefix of every REST path.
pub const PREFIX: &str = "/api/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Budaya API",
        description = "Programme data of the Budaya Kerja (work culture) tracker: value catalogue, org tree, and \
                       later selections, KBKs, actions, reports and dashboards. Errors are \
                       `{\"error\":{\"code\":\"...\",\"message\":\"...\"}}`.",
    ),
    modifiers(&SecuritySchemes),
    tags(
        (name = "auth", description = "Sessions, API tokens, users and the audit trail"),
        (name = "catalogue", description = "Value frameworks: KepMenPAN 25/2002 and BerAKHLAK"),
        (name = "org", description = "The org tree of Pemda and OPD"),
        (name = "programme", description = "Programme years and the OPDs' value selections"),
        (name = "kbk", description = "KBKs, their documented actions and evidence files"),
        (name = "reports", description = "Quarterly reports, their review, extensions and notifications"),
        (name = "dashboard", description = "Compliance across OPDs: reporting rates, funnel, index, charts, weights"),
        (name = "meta", description = "This document"),
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail))
)]
struct ApiDoc;

/// Declares how callers authenticate: the session cookie, or a personal API token as a bearer token.
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(app::ssr::SESSION_COOKIE))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Gives every operation (once the routes have added them) a `default` response: any status it does not list (400 for a request that does not
/// parse, 413 and 415 for a body too large or not JSON, 422, 429, 500) carries the documented error body.
struct ErrorsOfEveryOperation;

impl utoipa::Modify for ErrorsOfEveryOperation {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = ResponseBuilder::new()
            .description("Any other outcome: `{\"error\":{\"code\",\"message\"}}` with the status it stands for")
            .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                operation.responses.responses.entry("default".to_owned()).or_insert_with(|| error.clone().into());
            }
        }
    }
}

/// The API's routes (already under [`PREFIX`]), including `openapi.json`.
pub fn router() -> Router<AppState> {
    let (router, mut openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest(
            PREFIX,
            OpenApiRouter::new()
                .routes(routes!(session::login))
                .routes(routes!(session::logout))
                .routes(routes!(session::me))
                .routes(routes!(tokens::create, tokens::list))
                .routes(routes!(tokens::revoke))
                .routes(routes!(users::list, users::create))
                .routes(routes!(users::get))
                .routes(routes!(users::deactivate))
                .routes(routes!(users::activate))
                .routes(routes!(users::reset_password))
                .routes(routes!(users::grant))
                .routes(routes!(users::revoke))
                .routes(routes!(audit::list))
                .routes(routes!(frameworks::list))
                .routes(routes!(frameworks::get))
                .routes(routes!(org_units::tree, org_units::create))
                .routes(routes!(org_units::get, org_units::patch))
                .routes(routes!(org_units::history))
                .routes(routes!(programme::get_year, programme::put_year))
                .routes(routes!(programme::list_for_opd, programme::create))
                .routes(routes!(programme::review_queue))
                .routes(routes!(programme::get, programme::update))
                .routes(routes!(programme::submit))
                .routes(routes!(programme::approve))
                .routes(routes!(programme::return_))
                .routes(routes!(kbks::list, kbks::create))
                .routes(routes!(kbks::get, kbks::patch))
                .routes(routes!(kbks::add_member))
                .routes(routes!(kbks::remove_member))
                .routes(routes!(actions::list, actions::create))
                .routes(routes!(actions::get, actions::update))
                .routes(routes!(actions::submit))
                .routes(routes!(actions::verify))
                .routes(routes!(actions::return_))
                .routes(routes!(actions::download))
                .routes(routes!(actions::thumbnail))
                .routes(routes!(reports::list_for_opd, reports::create))
                .routes(routes!(reports::get, reports::patch))
                .routes(routes!(reports::submit))
                .routes(routes!(reports::accept))
                .routes(routes!(reports::return_))
                .routes(routes!(reports::reopen))
                .routes(routes!(reports::changes))
                .routes(routes!(reports::export_pdf))
                .routes(routes!(reports::export_xlsx))
                .routes(routes!(reports::export_csv))
                .routes(routes!(reports::evidence_zip))
                .routes(routes!(reports::review_queue))
                .routes(routes!(reports::request_extension))
                .routes(routes!(reports::decide_extension))
                .routes(routes!(reports::notifications))
                .routes(routes!(reports::mark_read))
                .routes(routes!(dashboard::overview))
                .routes(routes!(dashboard::reporting_rates))
                .routes(routes!(dashboard::funnel))
                .routes(routes!(dashboard::compliance))
                .routes(routes!(dashboard::chart))
                .routes(routes!(dashboard::get_weights, dashboard::put_weights))
                .merge(uploads())
                .routes(routes!(openapi_json)),
        )
        .split_for_parts();
    utoipa::Modify::modify(&ErrorsOfEveryOperation, &mut openapi);
    utoipa::Modify::modify(&fields::FieldRules, &mut openapi);
    router
        .route(&format!("{PREFIX}/{{*rest}}"), axum::routing::any(not_found))
        .layer(Extension(Arc::new(openapi)))
        .layer(axum::middleware::from_fn(error::json_error_bodies))
}

/// The upload routes, without axum's 2 MB body limit: `upload::read_file` enforces the evidence limit itself
/// while reading.
fn uploads() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(actions::upload_evidence))
        .routes(routes!(kbks::upload_decree))
        .layer(axum::extract::DefaultBodyLimit::disable())
}

/// The OpenAPI 3 document of this API.
#[utoipa::path(get, path = "/openapi.json", tag = "meta", responses((status = 200, description = "OpenAPI 3 document")))]
async fn openapi_json(Extension(doc): Extension<Arc<OpenApiDoc>>) -> Json<OpenApiDoc> {
    Json(doc.as_ref().clone())
}

async fn not_found() -> ApiError {
    ApiError(AppError::NotFound)
}
