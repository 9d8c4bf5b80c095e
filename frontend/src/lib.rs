//! The wasm entry point: hydrates the islands of the server-rendered page. Nothing else belongs here.

// The islands' hydration functions are exported from the app crate; this keeps it linked.
use app as _;

/// Called by the generated JS once the wasm module has loaded, before it hydrates each island on the page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    app::islands::mark_page_without_islands();
}
