//! The page frame: header with each person's own places, the session and the language switch (a menu that
//! opens without JavaScript at phone width), main content, and a footer with the places one step away.

use crate::{
    components::nav::{Me, Place, places},
    error::AppError,
    features::{
        auth::api::{SignOut, current_user},
        report::notifications::{Bell, unread_count},
    },
    i18n::{Locale, use_locale, use_messages},
    routes,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The signed-in person. The layout renders on the server only, so every page load (including the one after
/// signing in or out) asks again.
type Session = Resource<Result<Option<Me>, AppError>>;

/// Frames every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let m = use_messages();
    let sign_out = ServerAction::<SignOut>::new();
    let session: Session = Resource::new(|| (), |_| current_user());
    // Beside the session, never inside a `Suspend` (see `unread_count`).
    let unread = unread_count();
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
                // One of the two shows, by the screen's width; the other is not displayed at all.
                <div class="menu-row">
                    <MenuContents session sign_out unread />
                </div>
                <SiteMenu>
                    <MenuContents session sign_out unread />
                </SiteMenu>
            </div>
        </header>
        <main id="isi" class="wrap">{children()}</main>
        <footer class="site-footer">
            <div class="wrap footer-row">
                <nav class="footer-nav" aria-label=m.nav_more_label>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let more = match session.await {
                                Ok(Some(me)) => places(&me).1,
                                _ => Vec::new(),
                            };
                            more.into_iter().map(|place| view! { <PlaceLink place /> }).collect_view()
                        })}
                    </Suspense>
                    <a href=routes::VALUES data-testid="values-link">{m.nav_values}</a>
                    <a href=routes::OPENAPI rel="external">{m.nav_api}</a>
                </nav>
                <p>{m.footer_basis}</p>
            </div>
        </footer>
    }
}

/// A link to a place, marked as current on its own page.
#[component]
fn PlaceLink(place: Place) -> impl IntoView {
    let m = use_messages();
    let pathname = use_location().pathname;
    let current = move || place.is_at(&pathname.get()).then_some("page");
    view! {
        <a href=place.href() aria-current=current data-testid=place.test_id()>
            {place.label(m)}
        </a>
    }
}

/// The header's menu at phone width: a "Menu" summary that opens the places without JavaScript; every
/// navigation loads a new page, where it starts folded. (Wide screens show the same contents in a row instead: a closed `<details>`
/// would hide them from keyboards, screen readers and WebDriver alike, however it is styled.)
#[component]
fn SiteMenu(children: Children) -> impl IntoView {
    let m = use_messages();
    view! {
        <details class="site-menu">
            <summary class="menu-button" data-testid="menu-button">{m.nav_menu}</summary>
            <div class="menu-body">{children()}</div>
        </details>
    }
}

/// The person's own places, the bell, their name and sign-out, and the language switch.
#[component]
fn MenuContents(
    session: Session,
    sign_out: ServerAction<SignOut>,
    unread: Resource<Result<u64, AppError>>,
) -> impl IntoView {
    let m = use_messages();
    let pathname = use_location().pathname;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(Some(me)) => {
                        let count = unread.await.unwrap_or(0);
                        let own = places(&me).0;
                        view! {
                            <nav class="main-nav" aria-label=m.nav_label>
                                {own.into_iter().map(|place| view! { <PlaceLink place /> }).collect_view()}
                            </nav>
                            <div class="user-menu">
                                <Bell count />
                                <a class="user-name" href=routes::TOKENS title=m.tokens_title data-testid="current-user">
                                    {me.user.full_name}
                                </a>
                                <ActionForm action=sign_out>
                                    <button type="submit" class="link-button" data-testid="sign-out">
                                        {m.nav_sign_out}
                                    </button>
                                </ActionForm>
                            </div>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <nav class="main-nav" aria-label=m.nav_label>
                                <a href=routes::HOME aria-current=move || (pathname.get() == routes::HOME).then_some("page")>
                                    {m.nav_home}
                                </a>
                                <a href=routes::VALUES aria-current=move || (pathname.get() == routes::VALUES).then_some("page")>
                                    {m.nav_values}
                                </a>
                            </nav>
                            <div class="user-menu">
                                <a href=routes::SIGN_IN class="button" data-testid="sign-in-link">
                                    {m.nav_sign_in}
                                </a>
                            </div>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
        <LanguageSwitch />
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
