//! The catalogue's filter in the browser: shows and hides the values the server rendered, reading the search
//! text each carries, so that it decides exactly as the server's filter does.

use domain::catalogue::SearchTerms;
use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, NodeList};

fn elements(list: Result<NodeList, wasm_bindgen::JsValue>) -> Vec<Element> {
    let Ok(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)?.dyn_into::<Element>().ok()).collect()
}

/// Shows the values `terms` matches and hides the others, and any pair left without a value; returns how many
/// values are shown.
pub fn show_matching(terms: &SearchTerms) -> usize {
    elements(document().query_selector_all(".catalogue > section"))
        .iter()
        .map(|group| {
            let values = elements(group.query_selector_all("li[data-search]"));
            let texts: Vec<String> =
                values.iter().map(|v| v.get_attribute("data-search").unwrap_or_default()).collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let shown = terms.shown(group.get_attribute("data-search").as_deref(), &texts);
            for (value, shown) in values.iter().zip(&shown) {
                // Only presentation: a value that cannot be toggled stays as it was.
                let _ = value.toggle_attribute_with_force("hidden", !shown);
            }
            let _ = group.toggle_attribute_with_force("hidden", !shown.contains(&true));
            shown.into_iter().filter(|shown| *shown).count()
        })
        .sum()
}
