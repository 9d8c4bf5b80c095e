//! The wasm entry point: hydrates the server-rendered page. Nothing else belongs here.

/// Called by the generated JS once the wasm module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
