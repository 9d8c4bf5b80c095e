//! What a person would see wrong on a page that has loaded cleanly: a page wider than the screen, an
//! accessibility violation (axe-core, from npm), and a screenshot to look at.

use super::{Browser, watch::devtools, workspace_root};
use serde_json::{Value, json};
use std::path::PathBuf;

/// The screen a page is tried on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// A common office laptop: 1366 x 768.
    Desktop,
    /// A common phone: 390 x 844, touch, with the page's viewport meta honoured.
    Phone,
}

impl Screen {
    /// Both, desktop first.
    pub const ALL: [Screen; 2] = [Screen::Desktop, Screen::Phone];

    /// Its width and height in CSS pixels.
    pub fn size(self) -> (u32, u32) {
        match self {
            Screen::Desktop => (1366, 768),
            Screen::Phone => (390, 844),
        }
    }

    /// A short name for messages and file names.
    pub fn name(self) -> &'static str {
        match self {
            Screen::Desktop => "1366",
            Screen::Phone => "390",
        }
    }
}

/// The rules axe runs: WCAG 2.2 A and AA, and its best practices (empty table headers are one).
const AXE_TAGS: [&str; 6] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/// axe-core's bundle, installed by `scripts/test` into `.tools/axe`.
fn axe_source() -> String {
    let path = std::env::var_os("BUDAYA_AXE_JS")
        .map_or_else(|| workspace_root().join(".tools/axe/node_modules/axe-core/axe.min.js"), PathBuf::from);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("axe-core is missing at {} ({err}): run scripts/test", path.display()))
}

impl Browser {
    /// Shows the following pages on `screen`.
    pub async fn use_screen(&self, screen: Screen) {
        let (width, height) = screen.size();
        let mobile = screen == Screen::Phone;
        let metrics = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile });
        devtools(&self.client, "Emulation.setDeviceMetricsOverride", metrics).await;
        devtools(&self.client, "Emulation.setTouchEmulationEnabled", json!({ "enabled": mobile })).await;
    }

    /// How the current page overflows the screen sideways: none, or its width with the elements that stick
    /// out furthest (outside any container that scrolls them).
    pub async fn sideways_overflow(&self) -> Option<String> {
        let script = r"
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return null;
            const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
                const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll') return true; } return false; };
            const out = [...document.body.querySelectorAll('*')]
                .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > root.clientWidth + 1 && !scrolls(el))
                .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
                .slice(0, 5)
                .map((el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
            return `${root.scrollWidth} px wide on a ${root.clientWidth} px screen; furthest out: ${out.join(', ')}`;
        ";
        match self.client.execute(script, Vec::new()).await.expect("measure the page") {
            Value::String(found) => Some(found),
            _ => None,
        }
    }

    /// axe-core's violations on the current page, one line per rule with the elements it found.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let loaded = self.client.execute("return typeof axe === 'object'", Vec::new()).await.expect("look for axe");
        if loaded != json!(true) {
            self.client.execute(&axe_source(), Vec::new()).await.expect("load axe-core");
        }
        let script = r"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: arguments[0] } })
                .then((result) => done(result.violations.map((v) =>
                    `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`)))
                .catch((error) => done([`axe-core failed: ${error}`]));
        ";
        let found = self.client.execute_async(script, vec![json!(AXE_TAGS)]).await.expect("run axe-core");
        found.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
    }

    /// Saves the whole current page (not only what fits the screen) as `target/e2e-screenshots/{name}.png`.
    pub async fn screenshot(&self, name: &str, screen: Screen) {
        let height = self.client.execute("return document.documentElement.scrollHeight", Vec::new()).await;
        let (width, screen_height) = screen.size();
        let height = height.ok().and_then(|h| h.as_u64()).map_or(screen_height, |h| h.clamp(1, 6000) as u32);
        let tall =
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": screen == Screen::Phone });
        devtools(&self.client, "Emulation.setDeviceMetricsOverride", tall).await;
        let png = self.client.screenshot().await.expect("screenshot");
        self.use_screen(screen).await;
        let dir = workspace_root().join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        std::fs::write(dir.join(format!("{name}-{}.png", screen.name())), png).expect("save screenshot");
    }
}
