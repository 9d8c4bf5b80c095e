//! The page frame: header with navigation and language switch, main content, footer.

use crate::{
    features::auth::api::{SignOut, current_user},
    i18n::{Locale, use_locale, use_messages},
    routes,
};
use domain::access::Action;
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
                <UserMenu />
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

/// The signed-in user with a sign-out button, or a sign-in link.
#[component]
fn UserMenu() -> impl IntoView {
    let m = use_messages();
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    // Asked again after every navigation and sign-out, so signing in or out shows at once.
    let user = Resource::new(move || (location.pathname.get(), sign_out.version().get()), |_| current_user());
    view! {
        <div class="user-menu">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(user)) => {
                            let holds = |action: Action| user.grants.iter().any(|grant| grant.role.permits(action));
                            let audit = holds(Action::ViewAudit)
                                .then(|| view! { <a href=routes::AUDIT data-testid="audit-link">{m.nav_audit}</a> });
                            let users = holds(Action::ManageUsers)
                                .then(|| view! { <a href=routes::USERS data-testid="users-link">{m.nav_users}</a> });
                            let org = holds(Action::ManageOrgTree).then(|| {
                                let t = crate::features::org::text::use_text();
                                view! { <a href=routes::ORG data-testid="org-link">{t.nav}</a> }
                            });
                            let t = crate::features::programme::text::use_text();
                            let opd = user
                                .grants
                                .iter()
                                .find(|grant| grant.role.permits(Action::LogAction) || grant.role.permits(Action::ManageKbk))
                                .and_then(|grant| grant.org_unit_id)
                                .map(|opd| view! { <a href=routes::opd(opd) data-testid="opd-link">{t.nav_opd}</a> });
                            let review = (holds(Action::ReviewValues) || holds(Action::ReviewReport))
                                .then(|| view! { <a href=routes::REVIEW data-testid="review-link">{t.nav_review}</a> });
                            let dashboard = holds(Action::ViewDashboard).then(|| {
                                let d = crate::features::dashboard::text::use_text();
                                view! { <a href=routes::DASHBOARD data-testid="dashboard-link">{d.nav}</a> }
                            });
                            view! {
                                {dashboard}
                                {opd}
                                {review}
                                {org}
                                {users}
                                {audit}
                                <crate::features::report::notifications::Bell />
                                <a class="user-name" href=routes::TOKENS title=m.tokens_title data-testid="current-user">
                                    {user.full_name}
                                </a>
                                <ActionForm action=sign_out>
                                    <button type="submit" class="link-button" data-testid="sign-out">
                                        {m.nav_sign_out}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <a href=routes::SIGN_IN data-testid="sign-in-link">
                                    {m.nav_sign_in}
                                </a>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
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
