//! The HTTP router: pages and server functions (Leptos), the REST API, health probes, the language switch,
//! static files, and the layers every response passes through.

use crate::{api, auth, fn_status, health, language, origin, state::AppState};
use app::{App, shell};
use axum::{Router, middleware, routing::get};
use http::{HeaderName, HeaderValue, header};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::sync::OnceLock;
use tower_http::{
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Whether a response is worth compressing on the fly: text of some size (pages, JSON, CSV, SVG charts).
/// Bundles come precompressed; photos, PDFs and office files are compressed already.
fn compressible(status: http::StatusCode, _: http::Version, headers: &http::HeaderMap, _: &http::Extensions) -> bool {
    const TEXT: [&str; 5] =
        ["text/", "application/json", "application/javascript", "image/svg+xml", "application/wasm"];
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let small = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|length| length < 512);
    status != http::StatusCode::NO_CONTENT && !small && TEXT.iter().any(|prefix| kind.starts_with(prefix))
}

/// The page routes, listed once per process. Listing them sets a process-wide Leptos flag that keeps every
/// resource from loading, so a second listing while another router serves (tests build one per app) would
/// leave that router's pages waiting forever for their data.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the application's router on `state`.
pub fn router(state: AppState) -> Router {
    let services = state.services.clone();
    let auth_settings = state.auth;
    let context = move || {
        provide_context(services.clone());
        provide_context(auth_settings);
    };
    let options = state.leptos_options.clone();
    let bundle = state.assets.bundle.clone();
    let page = move |options| shell(options, bundle.clone());
    let pages = Router::new()
        .leptos_routes_with_context(&state, page_routes(), context.clone(), {
            let page = page.clone();
            move || page(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, page));

    Router::new()
        .merge(state.assets.router())
        .merge(api::router())
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/bahasa/{tag}", get(language::switch))
        .merge(pages)
        .layer(middleware::from_fn(fn_status::correct_status))
        .layer(middleware::from_fn_with_state(state.clone(), auth::authenticate))
        .layer(middleware::from_fn_with_state(state.clone(), origin::same_origin_only))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        // Pages set their own policy with a nonce; everything else (JSON, files) runs no script at all.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            state.auth.secure_cookies.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        ))
        .layer(CompressionLayer::new().br(true).gzip(true).compress_when(compressible))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &http::Request<_>| {
            let request_id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}
