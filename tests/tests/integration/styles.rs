//! The Content-Security-Policy allows stylesheets from the site only (`style-src 'self'`): a `style` attribute or
//! a `<style>` element is dropped by the browser, so the org tree lost its indentation and the funnel its bars.
//! Every page, for every role, must carry neither.

use super::sweep::{demo_sessions, every_page, render};
use tests::{TestApp, db_tests};

/// Where `html` carries inline style: elements with a `style` attribute, and `<style>` elements.
fn inline_styles(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    document
        .tree
        .values()
        .filter_map(scraper::Node::as_element)
        .filter(|element| element.name() == "style" || element.attr("style").is_some())
        .map(|element| match element.attr("style") {
            Some(style) => format!("<{} style=\"{style}\">", element.name()),
            None => "<style>".to_owned(),
        })
        .collect()
}

db_tests! {
    async fn no_page_carries_inline_style_for_any_role(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let pages = every_page(&app).await;
        let (mut rendered, mut findings) = (0, Vec::new());
        for (who, session) in demo_sessions(&app).await {
            for page in &pages {
                let response = render(&app, who, session.as_ref(), page).await;
                if response.status != 200 {
                    continue;
                }
                rendered += 1;
                findings.extend(inline_styles(&response.body).into_iter().map(|found| format!("{who} {page}: {found}")));
            }
        }
        assert!(rendered > pages.len(), "only {rendered} pages rendered");
        findings.dedup();
        assert!(findings.is_empty(), "inline style the CSP refuses:\n{}", findings.join("\n"));
    }
}
