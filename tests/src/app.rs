//! `TestApp`: the production router in process, on a test database, with helpers to send requests.

use crate::TestDb;
use axum::{Router, body::Body};
use http::{HeaderMap, Request, StatusCode};
use server::{AppState, Settings, startup};
use service::{
    Services,
    clock::{Clock, FixedClock},
};
use std::sync::Arc;
use tower::ServiceExt;

/// A running app (without a socket): its router, its services, and the database under them.
pub struct TestApp {
    /// The router production serves.
    pub router: Router,
    /// Database and clock, for calling services directly and for assertions.
    pub services: Services,
    /// The test's database; dropped (PostgreSQL) with the app.
    pub db: TestDb,
}

/// The instant every test app lives at unless a test says otherwise.
pub fn test_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-22T09:00:00+08:00").expect("valid instant").to_utc()
}

impl TestApp {
    /// Migrates `db`, loads the built-in catalogue and builds the router, as `budaya serve` does.
    pub async fn spawn(db: TestDb) -> Self {
        let settings = Settings {
            addr: "127.0.0.1:0".parse().expect("address"),
            data_dir: db.data_dir().to_owned(),
            database_url: db.url.clone(),
            site_root: db.data_dir().join("site"),
        };
        let clock: Arc<dyn Clock> = Arc::new(FixedClock(test_now()));
        let services = startup::prepare(&settings, clock).await.expect("prepare the test app");
        let state = AppState { leptos_options: startup::leptos_options(&settings), services: services.clone() };
        Self { router: server::router(state), services, db }
    }

    /// [`TestApp::spawn`] plus the demo data.
    pub async fn with_demo(db: TestDb) -> Self {
        let app = Self::spawn(db).await;
        service::demo::seed(&app.services.db, test_now()).await.expect("seed the demo data");
        app
    }

    /// Sends `request` through the router.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("read the body");
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).expect("request")).await
    }

    /// `GET path` with a `Cookie` header.
    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> TestResponse {
        self.send(Request::get(path).header(http::header::COOKIE, cookie).body(Body::empty()).expect("request")).await
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as text.
    pub body: String,
}

impl TestResponse {
    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|err| panic!("body is not JSON ({err}): {}", self.body))
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// How many times `needle` occurs in the body.
    pub fn count(&self, needle: &str) -> usize {
        self.body.matches(needle).count()
    }
}
