//! What the browser runs: only `#[island]`s hydrate. The small form islands of the pages opened most are in the
//! main module; page-sized ones are `#[island(lazy)]`, split out by `cargo leptos build --split` and fetched with
//! their page (see docs/ARCHITECTURE.md for why not every island is lazy). Everything else is rendered on the
//! server and never shipped.
//!
//! Browser tests wait for `body[data-hydrated]`: set once every island on the page has hydrated, or at once on
//! a page that has none.

use leptos::prelude::*;

/// The addresses of this build's files, which the page names (content-hashed in a release build).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// The stylesheet.
    pub stylesheet: String,
    /// The wasm-bindgen script that loads the wasm.
    pub script: String,
    /// The wasm.
    pub wasm: String,
}

impl Bundle {
    /// The files cargo-leptos builds for `name`, with the content hashes `hash` gives for `css`, `js` and `wasm`.
    pub fn named<'a>(name: &str, hash: impl Fn(&str) -> Option<&'a str>) -> Self {
        let file = |kind: &str| match hash(kind) {
            Some(hash) => format!("/pkg/{name}.{hash}.{kind}"),
            None => format!("/pkg/{name}.{kind}"),
        };
        Bundle { stylesheet: file("css"), script: file("js"), wasm: file("wasm") }
    }
}

/// The script that hydrates the page's islands (`load_islands.js`), in place of the tags of Leptos'
/// `HydrationScripts`. Those preload the wasm at high priority, which on a slow link takes the bandwidth of the
/// page's first paint (Lighthouse put the largest paint of every page at 2.4 s), and find islands by visiting
/// every element of the page (the dashboard's longest task). This one fetches the script and the wasm side by
/// side only after two animation frames (the first paint is on screen) and at idle time, and hydrates the
/// islands a selector finds, in document order. The page's forms work before it runs.
#[component]
pub fn IslandScripts(options: LeptosOptions, bundle: Bundle) -> impl IntoView {
    // Run for what it sets up, not its tags: the split modules' manifest, from which a page with lazy islands
    // names the modules it needs, and the islands-mode render state.
    let _ = view! { <HydrationScripts options islands=true /> };
    let call = format!("{}({:?}, {:?});", include_str!("load_islands.js").trim_end(), bundle.script, bundle.wasm);
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{call}</script> }
}

/// Notes that the calling island has hydrated; the last one of the page marks the page. In the browser it also
/// gives the island the `leptos_meta` context that the server's `App` provides, for the page title an island
/// renders (a `<Title>` writes nothing into the body, so both sides hydrate alike).
pub fn island_hydrated() {
    #[cfg(feature = "hydrate")]
    if use_context::<leptos_meta::MetaContext>().is_none() {
        leptos_meta::provide_meta_context();
    }
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let done = body.get_attribute("data-islands").and_then(|n| n.parse::<u32>().ok()).unwrap_or(0) + 1;
            // Only test hooks: if they cannot be set, the tests wait and say so.
            let _ = body.set_attribute("data-islands", &done.to_string());
            if done >= islands_on_page() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        }
    });
}

/// Marks a page without islands as ready as soon as the runtime has loaded.
#[cfg(feature = "hydrate")]
pub fn mark_page_without_islands() {
    if islands_on_page() == 0
        && let Some(body) = document().body()
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

#[cfg(feature = "hydrate")]
fn islands_on_page() -> u32 {
    document().query_selector_all("leptos-island").map_or(0, |islands| islands.length())
}
