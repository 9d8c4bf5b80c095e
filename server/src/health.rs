//! Probes for load balancers and orchestrators.

use axum::{extract::State, http::StatusCode};
use service::Services;

/// `GET /healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers; 503 while it does not.
pub async fn readyz(State(services): State<Services>) -> (StatusCode, &'static str) {
    match service::db::ping(&services.db).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
