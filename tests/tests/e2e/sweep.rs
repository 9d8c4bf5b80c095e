//! Every page as every role of the demo, on a desktop and on a phone: no page may report a problem in the
//! browser (console error, uncaught exception, blocked by the CSP), scroll sideways, or break an axe-core rule.
//! The main page of each role is kept as a screenshot under `target/e2e-screenshots/`.

use tests::{
    browser::{Browser, Screen, journey},
    pages::one_of_each,
};

/// Anonymous, then one person of each role: administrator, provincial reviewer and leader, city reviewer, OPD
/// head and admin, KBK chair and member.
const PEOPLE: [Option<&str>; 9] = [
    None,
    Some("admin"),
    Some("peninjau.kaltim"),
    Some("pimpinan.kaltim"),
    Some("peninjau.bontang"),
    Some("kepala.dlh"),
    Some("admin.dlh"),
    Some("ketua.dlh"),
    Some("anggota.dlh"),
];

/// The page a person starts their work on (by the page lists's order: see `pages::one_of_each`).
fn main_page<'a>(who: Option<&str>, pages: &'a [String]) -> &'a str {
    let find = |prefix: &str| pages.iter().find(|page| page.starts_with(prefix)).map_or("/", String::as_str);
    match who {
        None => "/",
        Some("admin") => "/organisasi",
        Some("peninjau.kaltim" | "peninjau.bontang") => "/tinjauan",
        Some("pimpinan.kaltim") => "/dasbor",
        Some("kepala.dlh" | "admin.dlh") => find("/opd/"),
        Some(_) => find("/kbk/"),
    }
}

/// Everything wrong with the current page on `screen`, one line each.
async fn faults(browser: &Browser, problems: Vec<String>) -> Vec<String> {
    let mut found = problems;
    found.extend(browser.sideways_overflow().await.map(|overflow| format!("scrolls sideways: {overflow}")));
    found.extend(browser.accessibility_violations().await.into_iter().map(|rule| format!("axe: {rule}")));
    found
}

#[tokio::test]
async fn every_page_reads_cleanly_for_every_role_on_a_desktop_and_on_a_phone() {
    journey("every page, every role, both screens", |browser| async move {
        let pages = one_of_each(&browser.database().await).await;
        let mut failures = Vec::new();
        for who in PEOPLE {
            browser.act_as(who).await;
            let name = who.unwrap_or("anonim");
            for screen in Screen::ALL {
                browser.use_screen(screen).await;
                for page in &pages {
                    let problems = browser.visit(page).await;
                    for fault in faults(&browser, problems).await {
                        failures.push(format!("{name} {page} at {} px: {fault}", screen.name()));
                    }
                }
                let main = main_page(who, &pages);
                for problem in browser.visit(main).await {
                    failures.push(format!("{name} {main} at {} px: {problem}", screen.name()));
                }
                browser.screenshot(name, screen).await;
            }
        }
        assert!(failures.is_empty(), "{} faults:\n{}", failures.len(), failures.join("\n"));
    })
    .await;
}

/// The person whose work `page` is.
fn owner(page: &str) -> &'static str {
    match page {
        "/audit" | "/organisasi" | "/gaya" => "admin",
        "/dasbor" | "/tinjauan" => "peninjau.kaltim",
        "/pengguna" => "admin.dlh",
        _ if page.starts_with("/organisasi/") || page.starts_with("/pengguna/") => "admin",
        _ if page.starts_with("/laporan/") && !page.ends_with("/cetak") => "peninjau.kaltim",
        _ if page.starts_with("/kegiatan/") => "ketua.dlh",
        _ if page.starts_with("/kbk/") || page == "/nilai" || page == "/token" => "anggota.dlh",
        _ => "kepala.dlh",
    }
}

#[tokio::test]
async fn every_signed_in_page_hydrates_without_an_error_twenty_times_running() {
    journey("twenty loads of every signed-in page", |browser| async move {
        let pages = one_of_each(&browser.database().await).await;
        let mut failures = Vec::new();
        for page in pages.iter().filter(|page| *page != "/masuk") {
            browser.act_as(Some(owner(page))).await;
            for load in 1..=20 {
                for problem in browser.visit(page).await {
                    failures.push(format!("{page} as {}, load {load}: {problem}", owner(page)));
                }
            }
        }
        assert!(failures.is_empty(), "{} errors:\n{}", failures.len(), failures.join("\n"));
    })
    .await;
}
