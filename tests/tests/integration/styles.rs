//! Pages are styled by the site's stylesheet alone. The Content-Security-Policy allows stylesheets from the site
//! only (`style-src 'self'`): a `style` attribute or a `<style>` element is dropped by the browser, which is how
//! the org tree lost its indentation and the funnel its bars. And a class the stylesheet does not define styles
//! nothing, which is how the bell's hidden label came to be read out on screen.

use super::sweep::{demo_sessions, every_page, render};
use std::collections::BTreeSet;
use tests::{TestApp, db_tests};

/// The stylesheet the site serves (cargo-leptos builds `/pkg/budaya.css` from it).
const STYLESHEET: &str = include_str!("../../../style/main.css");

/// Every `.class` a selector of `css` names.
fn defined_classes(css: &str) -> BTreeSet<String> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    css.split('.')
        .skip(1)
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '_'))
        .map(|rest| rest.chars().take_while(|&c| ident(c)).collect())
        .collect()
}

/// Where `html` carries inline style (a `style` attribute, a `<style>` element), and the classes it uses.
fn inline_styles_and_classes(html: &str) -> (Vec<String>, BTreeSet<String>) {
    let document = scraper::Html::parse_document(html);
    let elements: Vec<_> = document.tree.values().filter_map(scraper::Node::as_element).collect();
    let inline = elements
        .iter()
        .filter(|element| element.name() == "style" || element.attr("style").is_some())
        .map(|element| match element.attr("style") {
            Some(style) => format!("<{} style=\"{style}\">", element.name()),
            None => "<style>".to_owned(),
        })
        .collect();
    let classes = elements.iter().flat_map(|element| element.classes().map(str::to_owned)).collect();
    (inline, classes)
}

db_tests! {
    async fn every_page_is_styled_by_the_stylesheet_alone_for_every_role(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let pages = every_page(&app).await;
        let defined = defined_classes(STYLESHEET);
        let (mut rendered, mut inline, mut undefined) = (0, Vec::new(), BTreeSet::new());
        for (who, session) in demo_sessions(&app).await {
            for page in &pages {
                let response = render(&app, who, session.as_ref(), page).await;
                if response.status != 200 {
                    continue;
                }
                rendered += 1;
                let (styles, classes) = inline_styles_and_classes(&response.body);
                inline.extend(styles.into_iter().map(|found| format!("{who} {page}: {found}")));
                undefined.extend(classes.difference(&defined).map(|class| format!("{class} (first on {page})")));
            }
        }
        assert!(rendered > pages.len(), "only {rendered} pages rendered");
        inline.dedup();
        assert!(inline.is_empty(), "inline style the CSP refuses:\n{}", inline.join("\n"));
        let mut names = BTreeSet::new();
        undefined.retain(|entry| names.insert(entry.split(' ').next().unwrap_or_default().to_owned()));
        assert!(undefined.is_empty(), "classes the stylesheet does not define:\n{}", undefined.into_iter().collect::<Vec<_>>().join("\n"));
    }
}
