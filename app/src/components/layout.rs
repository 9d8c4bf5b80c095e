//! The page frame: header with navigation and language switch, main content, footer.

use crate::{
    i18n::{Locale, use_locale, use_messages},
    routes,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Frames every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let m = use_messages();
    view! {
        <a class="skip-link" href="#isi">{m.skip_to_content}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href=routes::HOME>
                    <span class="brand-mark" aria-hidden="true">"B"</span>
                    <span class="brand-text">
                        <strong>"Budaya"</strong>
                        <small>{m.app_tagline}</small>
                    </span>
                </a>
                <nav class="main-nav" aria-label=m.nav_label>
                    <NavLink href=routes::HOME label=m.nav_home />
                    <NavLink href=routes::VALUES label=m.nav_values />
                    <a href=routes::OPENAPI rel="external">{m.nav_api}</a>
                </nav>
                <LanguageSwitch />
            </div>
        </header>
        <main id="isi" class="wrap">{children()}</main>
        <footer class="site-footer">
            <div class="wrap">{m.footer_basis}</div>
        </footer>
    }
}

/// A navigation link marked as current on its own page.
#[component]
fn NavLink(href: &'static str, label: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || (location.pathname.get() == href).then_some("page");
    view! {
        <a href=href aria-current=current>
            {label}
        </a>
    }
}

/// Links to the other language; the server sets the cookie and sends the user back to the same page.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let m = use_messages();
    let current = use_locale();
    let location = use_location();
    let return_to = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() { path } else { format!("{path}?{search}") }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=m.language>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    let label = locale.tag().to_uppercase();
                    if locale == current {
                        view! {
                            <span class="lang-current" lang=locale.tag() title=locale.native_name()>
                                {label}
                            </span>
                        }
                            .into_any()
                    } else {
                        view! {
                            <a
                                href=move || routes::switch_language(locale, &return_to())
                                rel="external"
                                lang=locale.tag()
                                hreflang=locale.tag()
                                title=locale.native_name()
                                data-testid=format!("lang-{}", locale.tag())
                            >
                                {label}
                            </a>
                        }
                            .into_any()
                    }
                })
                .collect_view()}
        </div>
    }
}
