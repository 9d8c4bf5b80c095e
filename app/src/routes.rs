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
    SsrMode,
    components::{Route, Router, Routes},
    hooks::{use_params_map, use_query_map},
    path,
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

/// The whole app: meta context, locale and routes. It renders on the server only; what the browser runs are the
/// islands inside the pages (see [`crate::islands`]).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_locale_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    // Async SSR: the status line waits for the page's data, so a failed load answers 404/500.
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/nilai")
                        view=|| view! { <CataloguePage kerangka=query("kerangka") cari=query("cari") /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/masuk") view=|| view! { <SignInPage ke=query("ke") /> } />
                    <Route path=path!("/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/pengguna") view=UsersPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/pengguna/:id")
                        view=|| view! { <UserDetailPage id=id() /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/opd/:id") view=OpdHomePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/opd/:id/nilai")
                        view=|| view! { <SelectionPageView id=id() tahun=query("tahun") /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/opd/:id/laporan") view=OpdReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/laporan/:id") view=ReportPageView ssr=SsrMode::Async />
                    <Route path=path!("/laporan/:id/cetak") view=ReportPrintPage ssr=SsrMode::Async />
                    <Route path=path!("/dasbor") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/notifikasi") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/token") view=TokensPageView ssr=SsrMode::Async />
                    <Route path=path!("/organisasi") view=OrgAdminPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/organisasi/:id")
                        view=|| view! { <OrgUnitPageView id=id() tahun=query("tahun") /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/tinjauan") view=ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/kbk/:id") view=|| view! { <KbkPageView id=id() /> } ssr=SsrMode::Async />
                    <Route
                        path=path!("/kegiatan/:id")
                        view=|| view! { <ActionPageView id=id() /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/gaya") view=StyleGuidePage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The `:id` of the matched path, handed to a page island (which has no router in the browser).
fn id() -> String {
    use_params_map().read_untracked().get("id").unwrap_or_default()
}

/// The value of `name` in the request's query, handed to a page island.
fn query(name: &str) -> Option<String> {
    use_query_map().read_untracked().get(name)
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
