//! What the browser runs: only `#[island]`s hydrate. The small form islands of the pages opened most are in the
//! main module; page-sized ones are `#[island(lazy)]`, split out by `cargo leptos build --split` and fetched with
//! their page (see docs/ARCHITECTURE.md for why not every island is lazy). Everything else is rendered on the
//! server and never shipped.
//!
//! Browser tests wait for `body[data-hydrated]`: set once every island on the page has hydrated, or at once on
//! a page that has none.

use leptos::prelude::*;

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
