//! The route table and typed path helpers: every link in the app is built here, never by hand.

use crate::{
    components::{layout::Layout, status::NotFoundPage},
    features::{
        audit::pages::AuditPage,
        auth::pages::SignInPage,
        catalogue::pages::CataloguePage,
        dashboard::pages::DashboardPage,
        home::pages::HomePage,
        kbk::pages::{ActionPageView, KbkPageView},
        org::pages::{OrgAdminPage, OrgUnitPageView},
        programme::pages::{OpdHomePage, ReviewPage, SelectionPageView},
        report::{
            notifications::NotificationsPage,
            pages::{OpdReportsPage, ReportPageView},
            print::ReportPrintPage,
        },
        style_guide::pages::StyleGuidePage,
        tokens::pages::TokensPageView,
        users::pages::{UserDetailPage, UsersPage},
    },
    i18n::provide_locale_context,
};
use domain::{
    ids::{ActionId, FrameworkId, KbkId, OrgUnitId, ReportId, UserId},
    locale::Locale,
};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    Lazy, LazyRoute, SsrMode,
    components::{Route, Router, Routes},
    lazy_route, path,
};

/// The home page.
pub const HOME: &str = "/";
/// The value catalogue.
pub const VALUES: &str = "/nilai";
/// The audit trail.
pub const AUDIT: &str = "/audit";
/// User management.
pub const USERS: &str = "/pengguna";
/// The caller's API tokens.
pub const TOKENS: &str = "/token";
/// The sign-in page.
pub const SIGN_IN: &str = "/masuk";
/// Org tree administration.
pub const ORG: &str = "/organisasi";
/// The bureau's review queue.
pub const REVIEW: &str = "/tinjauan";
/// The compliance dashboard.
pub const DASHBOARD: &str = "/dasbor";
/// The caller's notifications.
pub const NOTIFICATIONS: &str = "/notifikasi";
/// The design system's style guide (administrators).
pub const STYLE_GUIDE: &str = "/gaya";
/// The REST API's OpenAPI document.
pub const OPENAPI: &str = "/api/v1/openapi.json";

/// One user's page.
pub fn user(id: UserId) -> String {
    format!("{USERS}/{id}")
}

/// One org unit's administration page.
pub fn org_unit(id: OrgUnitId) -> String {
    format!("{ORG}/{id}")
}

/// An OPD's home page.
pub fn opd(id: OrgUnitId) -> String {
    format!("/opd/{id}")
}

/// An OPD's value selection.
pub fn opd_values(id: OrgUnitId) -> String {
    format!("/opd/{id}/nilai")
}

/// An OPD's quarterly reports.
pub fn opd_reports(id: OrgUnitId) -> String {
    format!("/opd/{id}/laporan")
}

/// One quarterly report.
pub fn report(id: ReportId) -> String {
    format!("/laporan/{id}")
}

/// The report's print page.
pub fn report_print(id: ReportId) -> String {
    format!("/laporan/{id}/cetak")
}

/// The dashboard's chart `slug` as `format` (`svg` or `csv`) for the filters in `query` (`a=b&c=d`).
pub fn dashboard_chart(slug: &str, format: &str, query: &str) -> String {
    format!("/api/v1/dashboard/charts/{slug}.{format}?{query}")
}

/// A KBK's page.
pub fn kbk(id: KbkId) -> String {
    format!("/kbk/{id}")
}

/// An action's page.
pub fn action(id: ActionId) -> String {
    format!("/kegiatan/{id}")
}

/// The value catalogue showing one framework.
pub fn values_of(framework: FrameworkId) -> String {
    format!("{VALUES}?kerangka={framework}")
}

/// The link that switches the UI to `locale` and comes back to `return_to` (a path on this site).
pub fn switch_language(locale: Locale, return_to: &str) -> String {
    let encoded: String = return_to
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect();
    format!("/bahasa/{}?ke={encoded}", locale.tag())
}

/// `path` if it stays on this site (absolute, not protocol-relative, no backslashes or control characters),
/// otherwise the home page: redirects after sign-in and language switches never leave the site.
pub fn local_path_or_home(path: Option<&str>) -> String {
    path.filter(|path| {
        path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
    })
    .unwrap_or(HOME)
    .to_owned()
}

/// The whole app: meta context, locale and routes. Every page is a lazy route: its code is a wasm chunk of its
/// own (`cargo leptos build --split`), so a first load downloads the shell and that one page, not the whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_locale_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| {
                    mark_hydrated();
                    view! { <NotFoundPage /> }
                }>
                    // Async SSR: the status line waits for the page's data, so a failed load answers 404/500.
                    <Route path=path!("/") view={Lazy::<Home>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/nilai") view={Lazy::<Catalogue>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/masuk") view={Lazy::<SignIn>::new()} />
                    <Route path=path!("/audit") view={Lazy::<Audit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/pengguna") view={Lazy::<Users>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/pengguna/:id") view={Lazy::<UserDetail>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/opd/:id") view={Lazy::<OpdHome>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/opd/:id/nilai") view={Lazy::<Selection>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/opd/:id/laporan") view={Lazy::<OpdReports>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/laporan/:id") view={Lazy::<Report>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/laporan/:id/cetak") view={Lazy::<ReportPrint>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/dasbor") view={Lazy::<Dashboard>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/notifikasi") view={Lazy::<Notifications>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/token") view={Lazy::<Tokens>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/organisasi") view={Lazy::<OrgAdmin>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/organisasi/:id") view={Lazy::<OrgUnit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/tinjauan") view={Lazy::<Review>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/kbk/:id") view={Lazy::<Kbk>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/kegiatan/:id") view={Lazy::<Action>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/gaya") view={Lazy::<StyleGuide>::new()} ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

/// Declares each page as a lazy route. The page's components load their own data, so a route has no data
/// step of its own; its view also marks the page hydrated, which it can only be once its chunk has run.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                mark_hydrated();
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    Home => HomePage,
    Catalogue => CataloguePage,
    SignIn => SignInPage,
    Audit => AuditPage,
    Users => UsersPage,
    UserDetail => UserDetailPage,
    OpdHome => OpdHomePage,
    Selection => SelectionPageView,
    OpdReports => OpdReportsPage,
    Report => ReportPageView,
    ReportPrint => ReportPrintPage,
    Dashboard => DashboardPage,
    Notifications => NotificationsPage,
    Tokens => TokensPageView,
    OrgAdmin => OrgAdminPage,
    OrgUnit => OrgUnitPageView,
    Review => ReviewPage,
    Kbk => KbkPageView,
    Action => ActionPageView,
    StyleGuide => StyleGuidePage,
}

/// Sets `body[data-hydrated]` once the page is interactive; browser tests wait for it.
fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            // Only a test hook: if it cannot be set, the tests wait and say so.
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_followed_back() {
        assert_eq!(local_path_or_home(Some("/nilai?cari=kecepatan")), "/nilai?cari=kecepatan");
        for hostile in ["//evil.example/", "https://evil.example/", "/\\evil.example", "/\nSet-Cookie: x"] {
            assert_eq!(local_path_or_home(Some(hostile)), HOME, "{hostile:?}");
        }
        assert_eq!(local_path_or_home(None), HOME);
    }

    #[test]
    fn the_language_switch_keeps_the_page_and_its_query() {
        assert_eq!(switch_language(Locale::En, "/nilai?cari=kecepatan"), "/bahasa/en?ke=/nilai%3Fcari%3Dkecepatan");
    }
}
