//! `TestApp`: the production router in process, on a test database, with helpers to send requests.

use crate::TestDb;
use axum::{Router, body::Body};
use http::{HeaderMap, Request, StatusCode};
use server::{Settings, startup};
use service::{Services, clock::Clock};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

/// A running app (without a socket): its router, its services, and the database under them.
pub struct TestApp {
    /// The router production serves.
    pub router: Router,
    /// Database and clock, for calling services directly and for assertions.
    pub services: Services,
    /// The test's database; dropped (PostgreSQL) with the app.
    pub db: TestDb,
    /// The app's clock, which tests move forward.
    pub clock: Arc<TestClock>,
    /// What it was started with.
    pub settings: Settings,
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct TestClock(Mutex<chrono::DateTime<chrono::Utc>>);

impl TestClock {
    /// Moves the clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }
}

impl Clock for TestClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.lock().map(|now| *now).unwrap_or_else(|poisoned| *poisoned.into_inner())
    }
}

/// How long one request may take in a test, debug build included, before the test fails.
const RESPONSE_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "budaya-demo";

/// A signed-in client: the session cookie to send.
#[derive(Clone, Debug)]
pub struct Session {
    /// `budaya_sesi=<secret>`.
    pub cookie: String,
}

/// The instant every test app lives at unless a test says otherwise.
pub fn test_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-22T09:00:00+08:00").expect("valid instant").to_utc()
}

impl TestApp {
    /// Migrates `db`, loads the built-in catalogue and builds the router, as `budaya serve` does.
    pub async fn spawn(db: TestDb) -> Self {
        Self::spawn_with_s3(db, None).await
    }

    /// [`TestApp::spawn`] with evidence in the S3 bucket `s3` (or the data directory when `None`).
    pub async fn spawn_with_s3(db: TestDb, s3: Option<service::storage::S3Settings>) -> Self {
        let settings = Settings {
            addr: "127.0.0.1:0".parse().expect("address"),
            data_dir: db.data_dir().to_owned(),
            database_url: db.url.clone(),
            site_root: db.data_dir().join("site"),
            secure_cookies: false,
            session_idle_minutes: 30,
            session_hours: 12,
            max_upload_mb: 10,
            s3,
            reminder_minutes: 0,
            mailer: service::mail::Mailer::Outbox(db.data_dir().join("outbox")),
        };
        let clock = Arc::new(TestClock(Mutex::new(test_now())));
        let services = startup::prepare(&settings, clock.clone()).await.expect("prepare the test app");
        let state = startup::state(&settings, services.clone());
        Self { router: server::router(state), services, db, clock, settings }
    }

    /// The same app started again (a new process after a deploy): the site's files are read afresh.
    pub fn restart(&mut self) {
        self.router = server::router(startup::state(&self.settings, self.services.clone()));
    }

    /// [`TestApp::spawn`] plus the demo data.
    pub async fn with_demo(db: TestDb) -> Self {
        let app = Self::spawn(db).await;
        service::demo::seed(&app.services.db, test_now()).await.expect("seed the demo data");
        app
    }

    /// [`TestApp::with_demo`] plus the demo programme (selections, KBKs, actions with evidence).
    pub async fn with_programme_demo(db: TestDb) -> Self {
        let app = Self::with_demo(db).await;
        service::demo::programme::seed(&app.services, test_now()).await.expect("seed the demo programme");
        app
    }

    /// [`TestApp::with_programme_demo`] plus the demo reports of the quarters that have ended.
    pub async fn with_report_demo(db: TestDb) -> Self {
        let app = Self::with_programme_demo(db).await;
        service::demo::reports::seed(&app.services, test_now()).await.expect("seed the demo reports");
        app
    }

    /// Whether any evidence file was written under the data directory.
    pub fn data_dir_has_evidence(&self) -> bool {
        std::fs::read_dir(self.db.data_dir().join("evidence/sha256")).is_ok_and(|mut dir| dir.next().is_some())
    }

    /// Sends `request` through the router. A response that is not complete within `RESPONSE_LIMIT` fails the
    /// test naming the request: a stalled render must not hang the whole run.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let what = format!("{} {}", request.method(), request.uri());
        let exchange = async {
            let response = self.router.clone().oneshot(request).await.expect("the router answers");
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("read the body");
            TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
        };
        tokio::time::timeout(RESPONSE_LIMIT, exchange)
            .await
            .unwrap_or_else(|_| panic!("{what} was not answered in full within {RESPONSE_LIMIT:?}"))
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).expect("request")).await
    }

    /// `POST path` with a JSON body, as a same-origin browser would send it (with `session` if given).
    pub async fn post_json(&self, path: &str, body: &serde_json::Value, session: Option<&Session>) -> TestResponse {
        self.json_request(http::Method::POST, path, body, session).await
    }

    /// A request with a JSON body and `method`, as a same-origin browser would send it.
    pub async fn send_json(
        &self,
        method: http::Method,
        path: &str,
        body: &serde_json::Value,
        session: &Session,
    ) -> TestResponse {
        self.json_request(method, path, body, Some(session)).await
    }

    /// [`TestApp::send_json`] without a session.
    pub async fn send_json_anonymously(
        &self,
        method: http::Method,
        path: &str,
        body: &serde_json::Value,
    ) -> TestResponse {
        self.json_request(method, path, body, None).await
    }

    async fn json_request(
        &self,
        method: http::Method,
        path: &str,
        body: &serde_json::Value,
        session: Option<&Session>,
    ) -> TestResponse {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::HOST, "localhost")
            .header(http::header::ORIGIN, "http://localhost");
        if let Some(session) = session {
            request = request.header(http::header::COOKIE, &session.cookie);
        }
        self.send(request.body(Body::from(body.to_string())).expect("request")).await
    }

    /// Calls the server function at `/fn/{endpoint}` the way an `ActionForm` does after hydration.
    pub async fn call_fn(&self, session: &Session, endpoint: &str, form: &[(&str, &str)]) -> TestResponse {
        fn encode(raw: &str) -> String {
            raw.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                    other => format!("%{other:02X}"),
                })
                .collect()
        }
        let body: String =
            form.iter().map(|(key, value)| format!("{}={}", encode(key), encode(value))).collect::<Vec<_>>().join("&");
        self.call_fn_raw(Some(session), &format!("/fn/{endpoint}"), body).await
    }

    /// `POST path` with a form-encoded `body`, as a same-origin browser calls a server function (anonymously
    /// when `session` is `None`).
    pub async fn call_fn_raw(&self, session: Option<&Session>, path: &str, body: String) -> TestResponse {
        let mut request = Request::post(path)
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(http::header::ACCEPT, "application/json")
            .header(http::header::HOST, "localhost")
            .header(http::header::ORIGIN, "http://localhost");
        if let Some(session) = session {
            request = request.header(http::header::COOKIE, &session.cookie);
        }
        self.send(request.body(Body::from(body)).expect("request")).await
    }

    /// `POST path` with a `multipart/form-data` body holding one file in part `file` (anonymously for `None`).
    pub async fn upload<'a>(
        &self,
        session: impl Into<Option<&'a Session>>,
        path: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> TestResponse {
        const BOUNDARY: &str = "budaya-test-boundary-7d1f";
        let mut body = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let mut request = Request::post(path)
            .header(http::header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .header(http::header::HOST, "localhost")
            .header(http::header::ORIGIN, "http://localhost");
        if let Some(session) = session.into() {
            request = request.header(http::header::COOKIE, &session.cookie);
        }
        self.send(request.body(Body::from(body)).expect("request")).await
    }

    /// The id of the org unit with `code`; panics if there is none.
    pub async fn unit_id(&self, code: &str) -> String {
        let code = domain::text::OrgCode::parse(code).expect("a valid code");
        let unit = service::org::find_by_code(&self.services.db, &code).await.expect("query");
        unit.unwrap_or_else(|| panic!("no unit {code}")).id.to_string()
    }

    /// The id of the user `username`; panics if there is none.
    pub async fn user_id(&self, username: &str) -> String {
        let user = service::access::users::find_by_username(&self.services.db, username).await.expect("query");
        user.unwrap_or_else(|| panic!("no user {username}")).id.to_string()
    }

    /// Signs in through the API and returns the session; panics unless that succeeds.
    pub async fn login(&self, username: &str, password: &str) -> Session {
        let response = self
            .post_json("/api/v1/auth/login", &serde_json::json!({"username": username, "password": password}), None)
            .await;
        assert_eq!(response.status, 200, "{username} could not sign in: {}", response.body);
        let cookie = response.header("set-cookie").expect("a session cookie");
        Session { cookie: cookie.split(';').next().expect("name=value").to_owned() }
    }

    /// `POST /api/v1/auth/login` with `body` from the client at `address`, as the listener reports it.
    pub async fn login_from(&self, address: &str, body: &serde_json::Value) -> TestResponse {
        let peer: std::net::SocketAddr = format!("{address}:50000").parse().expect("an IPv4 address");
        let mut request = Request::post("/api/v1/auth/login")
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::HOST, "localhost")
            .body(Body::from(body.to_string()))
            .expect("request");
        request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
        self.send(request).await
    }

    /// `GET path` as `session`.
    pub async fn get_as(&self, session: &Session, path: &str) -> TestResponse {
        self.get_with_cookie(path, &session.cookie).await
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
    /// Body as text (invalid UTF-8 replaced).
    pub body: String,
    /// Body as sent.
    pub bytes: Vec<u8>,
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
