//! What went wrong in the page that the page itself does not show: console errors, uncaught exceptions (a
//! wasm panic is one), and Content-Security-Policy violations. Chromium's log (`goog:loggingPrefs`) has the
//! first two and most of the third; a listener installed before any page script keeps every
//! `securitypolicyviolation` event in `sessionStorage`, which outlives the navigations between two reads.

use fantoccini::{Client, wd::WebDriverCompatibleCommand};
use http::Method;
use serde_json::{Value, json};
use url::{ParseError, Url};

/// The `sessionStorage` key the listener appends to.
const KEY: &str = "budaya-test-problems";

/// Runs in every new document before its own scripts.
fn listener() -> String {
    format!(
        "addEventListener('securitypolicyviolation', (event) => {{ \
           const seen = JSON.parse(sessionStorage.getItem('{KEY}') || '[]'); \
           seen.push(`CSP ${{event.violatedDirective}} blocked ${{event.blockedURI || 'inline'}} at ${{location.pathname}}: ${{event.sample}}`); \
           sessionStorage.setItem('{KEY}', JSON.stringify(seen)); \
         }}, true);"
    )
}

/// A WebDriver command fantoccini has no method for: `POST session/{id}/{path}` with a JSON body.
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(&self, base_url: &Url, session_id: Option<&str>) -> Result<Url, ParseError> {
        base_url.join(&format!("session/{}/{}", session_id.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _request_url: &Url) -> (Method, Option<String>) {
        (Method::POST, Some(self.body.to_string()))
    }
}

/// Sends a command of the Chrome `DevTools` Protocol through chromedriver.
pub async fn devtools(client: &Client, cmd: &str, params: Value) -> Value {
    let body = json!({ "cmd": cmd, "params": params });
    client
        .issue_cmd(SessionPost { path: "goog/cdp/execute", body })
        .await
        .unwrap_or_else(|err| panic!("DevTools {cmd}: {err}"))
}

/// Installs the CSP listener in every document the session opens from now on.
pub async fn install(client: &Client) {
    devtools(client, "Page.enable", json!({})).await;
    devtools(client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": listener() })).await;
}

/// Whether a browser log entry is a problem. A 4xx answer to a request is not: the journeys ask for pages
/// that are not found or not allowed, and forms whose refusal the page shows; Chromium logs each as a failed
/// load. A 5xx answer, a console error, an uncaught exception and a blocked resource are.
fn is_problem(entry: &Value) -> bool {
    let message = entry["message"].as_str().unwrap_or_default();
    let client_error = entry["source"] == "network" && message.contains("responded with a status of 4");
    entry["level"] == "SEVERE" && !client_error
}

/// Everything that went wrong since the last call, oldest first; reading empties both sources.
pub async fn problems(client: &Client) -> Vec<String> {
    let log = client
        .issue_cmd(SessionPost { path: "se/log", body: json!({ "type": "browser" }) })
        .await
        .expect("read the browser log");
    let mut found: Vec<String> = log
        .as_array()
        .into_iter()
        .flatten()
        .filter(|entry| is_problem(entry))
        .map(|entry| format!("{}: {}", entry["source"].as_str().unwrap_or("?"), entry["message"]))
        .collect();
    let script = format!(
        "const seen = sessionStorage.getItem('{KEY}'); sessionStorage.removeItem('{KEY}'); \
         return JSON.parse(seen || '[]');"
    );
    // A page that is not ours (about:blank, a download) has no storage: nothing to read.
    if let Ok(Value::Array(events)) = client.execute(&script, Vec::new()).await {
        found.extend(events.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    found
}
