//! Browser journeys: the release server on a free port with a temp data directory, chromedriver, and headless
//! Debian Chromium driven over WebDriver. Every page is used only after its islands have hydrated
//! (`body[data-hydrated]`), and every page opened, and every journey, fails on a console error, an uncaught
//! exception or a Content-Security-Policy violation (see `watch`).

mod inspect;
mod watch;

pub use inspect::Screen;

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use futures::FutureExt;
use std::{
    net::TcpListener,
    panic::AssertUnwindSafe,
    path::{Path, PathBuf},
    process::Stdio,
    time::Duration,
};
use tempfile::TempDir;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    process::{Child, Command},
};

const CHROMIUM: &str = "/usr/bin/chromium";
const WAIT: Duration = Duration::from_secs(20);
/// How long a hydrated page is left to finish what it started (its resources resolve after the marker is set;
/// the hydration panic of issue 16 came then) before it is checked for problems.
const SETTLE: Duration = Duration::from_millis(250);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_owned()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

/// What a journey needs on this machine, or why it cannot run.
fn prerequisites() -> Result<(PathBuf, PathBuf, PathBuf), String> {
    let root = workspace_root();
    let binary = std::env::var_os("BUDAYA_BIN").map_or_else(|| root.join("target/release/budaya"), PathBuf::from);
    let site = root.join("target/site");
    let chromedriver = which("chromedriver").ok_or("chromedriver is not installed")?;
    if !Path::new(CHROMIUM).exists() {
        return Err(format!("{CHROMIUM} is not installed"));
    }
    if !binary.exists() {
        return Err(format!(
            "{} is missing: run `cargo leptos build --release --precompress --split`",
            binary.display()
        ));
    }
    if !site.join("pkg").exists() {
        return Err(format!(
            "{}/pkg is missing: run `cargo leptos build --release --precompress --split`",
            site.display()
        ));
    }
    Ok((binary, site, chromedriver))
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

async fn wait_for_port(port: u16, what: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(tokio::time::Instant::now() < deadline, "{what} did not start listening on port {port}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `GET /readyz` over a raw socket until it answers 200.
async fn wait_until_ready(port: u16) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)).await {
            let request = "GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            let mut answer = String::new();
            if stream.write_all(request.as_bytes()).await.is_ok()
                && stream.read_to_string(&mut answer).await.is_ok()
                && answer.starts_with("HTTP/1.1 200")
            {
                return;
            }
        }
        assert!(tokio::time::Instant::now() < deadline, "the server did not become ready on port {port}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A browser on a running Budaya.
#[derive(Clone)]
pub struct Browser {
    client: Client,
    base: String,
    data: PathBuf,
}

impl Browser {
    /// Opens `path`, waits until the page has hydrated and settled, and fails on any problem in the browser
    /// since the last check (on the page before, or on this one while it loaded).
    pub async fn open(&self, path: &str) {
        self.assert_clean(&format!("before opening {path}")).await;
        let problems = self.visit(path).await;
        assert!(problems.is_empty(), "{path}: the browser reported\n{}", problems.join("\n"));
    }

    /// Opens `path`, waits until it has hydrated and settled, and returns the problems the browser reported
    /// meanwhile (for sweeps that list every failure before failing).
    pub async fn visit(&self, path: &str) -> Vec<String> {
        self.client.goto(&format!("{}{path}", self.base)).await.expect("navigate");
        self.hydrated(path).await;
        watch::problems(&self.client).await
    }

    /// Waits until the page in view (`what`, for the message) has hydrated its islands, and settled. After a
    /// form sends the browser to another page, first wait for something only that page has.
    pub async fn hydrated(&self, what: &str) {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("body[data-hydrated]"))
            .await
            .unwrap_or_else(|err| panic!("{what} did not hydrate within {WAIT:?}: {err}"));
        tokio::time::sleep(SETTLE).await;
    }

    /// Signs in as `username` unless `None` (anonymous), after ending any session this browser has.
    pub async fn act_as(&self, who: Option<&str>) {
        self.client.delete_all_cookies().await.expect("end the session");
        if let Some(username) = who {
            self.sign_in(username).await;
        }
    }

    /// Fails, naming `context`, if anything went wrong in the browser since the last check.
    pub async fn assert_clean(&self, context: &str) {
        let problems = watch::problems(&self.client).await;
        assert!(problems.is_empty(), "{context}: the browser reported\n{}", problems.join("\n"));
    }

    /// The demo's database, as the server under test keeps it (read it, never write).
    pub async fn database(&self) -> sea_orm::DatabaseConnection {
        let url = format!("sqlite://{}?mode=ro", self.data.join("budaya.db").display());
        sea_orm::Database::connect(url).await.expect("open the demo database")
    }

    /// The element with `data-testid="{id}"`.
    pub async fn find(&self, id: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[data-testid=\"{id}\"]")))
            .await
            .unwrap_or_else(|err| panic!("no element [data-testid={id}]: {err}"))
    }

    /// Every element with `data-testid="{id}"` that is not `hidden`: what the user sees of them.
    pub async fn find_all(&self, id: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(&format!("[data-testid=\"{id}\"]:not([hidden])")))
            .await
            .expect("query elements")
    }

    /// Types `text` into the element with `data-testid="{id}"`, key by key like a user.
    pub async fn type_into(&self, id: &str, text: &str) {
        self.find(id).await.send_keys(text).await.expect("type");
    }

    /// Sets the value of the control with `data-testid="{id}"` directly, for what typing cannot enter portably
    /// (a date input reads keys in the browser's locale) or should not (very long text).
    pub async fn set_value(&self, id: &str, value: &str) {
        let script = format!("document.querySelector('[data-testid={id}]').value = arguments[0];");
        self.client.execute(&script, vec![serde_json::json!(value)]).await.expect("set the value");
    }

    /// The value the control with `data-testid="{id}"` holds now.
    pub async fn value_of(&self, id: &str) -> String {
        self.find(id).await.prop("value").await.expect("read the value").unwrap_or_default()
    }

    /// Waits until the element with `data-testid="{id}"` shows exactly `text`.
    pub async fn wait_for_text(&self, id: &str, text: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let shown = self.find(id).await.text().await.unwrap_or_default();
            if shown == text {
                return;
            }
            assert!(tokio::time::Instant::now() < deadline, "[data-testid={id}] shows {shown:?}, expected {text:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The value of `attribute` on each element with `data-testid="{id}"`. A list re-rendered while it is read
    /// (its elements gone stale) is read again.
    pub async fn attributes(&self, id: &str, attribute: &str) -> Vec<String> {
        let deadline = tokio::time::Instant::now() + WAIT;
        'read: loop {
            let mut values = Vec::new();
            for element in self.find_all(id).await {
                match element.attr(attribute).await {
                    Ok(value) => values.push(value.unwrap_or_default()),
                    Err(_) if tokio::time::Instant::now() < deadline => {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue 'read;
                    }
                    Err(err) => panic!("read attribute {attribute} of [data-testid={id}]: {err}"),
                }
            }
            return values;
        }
    }

    /// Signs in as `username` (demo password) through the sign-in page.
    pub async fn sign_in(&self, username: &str) {
        self.open("/masuk").await;
        self.type_into("username", username).await;
        self.type_into("password", crate::DEMO_PASSWORD).await;
        self.find("sign-in-submit").await.click().await.expect("submit");
        self.find("sign-out").await;
    }

    /// Signs out from the header.
    pub async fn sign_out(&self) {
        self.find("sign-out").await.click().await.expect("sign out");
        self.find("sign-in-link").await;
    }

    /// Waits until `count` elements carry `data-testid="{id}"`.
    pub async fn wait_for_count(&self, id: &str, count: usize) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.find_all(id).await.len() != count {
            assert!(tokio::time::Instant::now() < deadline, "[data-testid={id}] never reached {count}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Follows the link with `data-testid="{id}"` and waits for the new page to hydrate.
    pub async fn follow(&self, id: &str) {
        let href = self.find(id).await.attr("href").await.expect("read href").expect("a link");
        self.open(&href).await;
    }

    /// The address of the link the CSS selector `css` picks, once it is on the page.
    pub async fn href_at(&self, css: &str) -> String {
        let link = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("no link {css}: {err}"));
        link.attr("href").await.expect("read href").unwrap_or_else(|| panic!("{css} is not a link"))
    }

    /// The current path with its query.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("url");
        format!("{}{}", url.path(), url.query().map(|q| format!("?{q}")).unwrap_or_default())
    }

    /// Waits until the current path (with its query) is one `arrived` accepts, and returns it.
    pub async fn wait_for_path(&self, what: &str, arrived: impl Fn(&str) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let path = self.path().await;
            if arrived(&path) {
                return path;
            }
            assert!(tokio::time::Instant::now() < deadline, "{what}: still at {path}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The `lang` of the page's `<html>`.
    pub async fn html_lang(&self) -> String {
        let html = self.client.find(Locator::Css("html")).await.expect("html element");
        html.attr("lang").await.expect("read lang").unwrap_or_default()
    }

    /// The underlying WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

/// Keeps what the browser showed when a journey failed: its address and text on stderr (so CI's log has them),
/// a screenshot and the page's HTML under `target/e2e-failures/`.
async fn record_failure(client: &Client, name: &str) {
    let url = client.current_url().await.map(|url| url.to_string()).unwrap_or_default();
    let text = match client.find(Locator::Css("body")).await {
        Ok(body) => body.text().await.unwrap_or_default(),
        Err(err) => format!("(no body: {err})"),
    };
    let shown: String = text.chars().take(3000).collect();
    eprintln!("journey {name:?} failed at {url}; the page read:\n{shown}");
    let dir = workspace_root().join("target/e2e-failures");
    if std::fs::create_dir_all(&dir).is_ok() {
        if let Ok(png) = client.screenshot().await {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
        if let Ok(html) = client.source().await {
            let _ = std::fs::write(dir.join(format!("{name}.html")), html);
        }
    }
}

/// Runs `body` against a fresh release server (seeded with the demo data) in headless Chromium, then closes the
/// browser and stops the processes whether or not the journey passed. Outside CI a machine without the
/// browser or the release build skips the journey with a note; in CI that is a failure.
pub async fn journey<F, Fut>(name: &str, body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()>,
{
    let (binary, site, chromedriver) = match prerequisites() {
        Ok(found) => found,
        Err(missing) => {
            assert!(!crate::in_ci(), "CI must run the browser journeys, but {missing}");
            eprintln!("note: skipping browser journey {name:?}: {missing}");
            return;
        }
    };
    let data = TempDir::new().expect("temp data dir");
    let port = free_port();
    let server = |command: &str| {
        let mut cmd = Command::new(&binary);
        cmd.arg(command)
            .current_dir(data.path())
            .env("BUDAYA_ADDR", format!("127.0.0.1:{port}"))
            .env("BUDAYA_DATA_DIR", data.path())
            .env("BUDAYA_SITE_ROOT", &site)
            .env("BUDAYA_LOG", "error")
            .env_remove("BUDAYA_DATABASE_URL")
            .env_remove("BUDAYA_CONFIG")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        cmd
    };
    let seeded = server("seed-demo").status().await.expect("run budaya seed-demo");
    assert!(seeded.success(), "budaya seed-demo failed");
    let _server: Child = server("serve").spawn().expect("start budaya serve");
    wait_until_ready(port).await;

    let driver_port = free_port();
    let _driver: Child = Command::new(chromedriver)
        .arg(format!("--port={driver_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start chromedriver");
    wait_for_port(driver_port, "chromedriver").await;

    let profile = TempDir::new().expect("temp browser profile");
    let capabilities = serde_json::json!({
        "goog:loggingPrefs": { "browser": "ALL" },
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    };
    let client = ClientBuilder::native()
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("open a browser session");
    watch::install(&client).await;
    let browser =
        Browser { client: client.clone(), base: format!("http://127.0.0.1:{port}"), data: data.path().into() };
    let journey = async move {
        body(browser.clone()).await;
        browser.assert_clean("at the end of the journey").await;
    };
    let outcome = AssertUnwindSafe(journey).catch_unwind().await;
    if outcome.is_err() {
        record_failure(&client, name).await;
    }
    if let Err(err) = client.close().await {
        eprintln!("warning: closing the browser session failed: {err}");
    }
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
