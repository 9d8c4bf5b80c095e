//! Budaya's web UI and server functions. Built twice: with `ssr` into the server, with `hydrate` into wasm.
#![recursion_limit = "256"]

pub mod components;
pub mod error;
pub mod features;
#[cfg(feature = "ssr")]
pub mod html_memo;
pub mod i18n;
pub mod islands;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::MetaTags;
pub use routes::App;

/// Name of the site's JS, wasm and CSS bundles (`name` in the workspace's leptos metadata).
pub const SITE_NAME: &str = "budaya";

/// The HTML document around the app, rendered on the server only. `<html lang>` follows the user's locale, and
/// the response carries a Content-Security-Policy that admits only this site's scripts with this page's nonce.
/// `bundle` names the build's files (content-hashed): the head is never hydrated, so only the server needs to
/// know them.
pub fn shell(options: LeptosOptions, bundle: islands::Bundle) -> impl IntoView {
    let locale = i18n::request_locale();
    #[cfg(feature = "ssr")]
    ssr::set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href=bundle.stylesheet.clone() />
                <AutoReload options=options.clone() />
                // Islands hydrate at idle time: the page paints and reads before any code arrives, and its forms
                // work without it.
                <islands::IslandScripts options bundle />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}
