//! The only way pages write text into raw-text elements. `leptos_meta` writes `<title>` text unescaped and tachys
//! writes `<textarea>` children unescaped on the server, so a KBK named `</title><meta ...>` would become markup.
//! Both are escaped here on the server; in the browser the same text is set through the DOM, which never parses
//! it, so it passes unchanged (escaping there would show `&lt;` to the reader).

use leptos::prelude::*;

/// The page's title: `text` followed by the site name, escaped on the server.
#[component]
#[allow(clippy::disallowed_methods, reason = "the one place that may use leptos_meta's Title")]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <leptos_meta::Title text=text formatter=|page: String| server_escaped(&format!("{page} · Budaya")) /> }
}

/// `text` escaped for `<title>`, which the server writes raw; unchanged in the browser, which sets it through
/// `document.title`.
fn server_escaped(text: &str) -> String {
    if cfg!(feature = "ssr") { escape(text) } else { text.to_owned() }
}

/// A `<textarea>` holding `value` as its initial text; attributes are spread onto it
/// (`<TextArea value=v attr:name="x" attr:rows="4" />`). The server writes the text as escaped children, so the form
/// shows it before and without JavaScript; the browser sets it as the `value` property and hydrates no text
/// node, so an empty value (which the server writes as nothing) cannot derail hydration.
#[component]
pub fn TextArea(#[prop(into)] value: String) -> impl IntoView {
    // The parser drops one newline right after `<textarea>`: this one, not the text's own.
    #[cfg(feature = "ssr")]
    let children = format!("\n{}", escape(&value));
    #[cfg(not(feature = "ssr"))]
    let children = ();
    view! { <textarea prop:value=value>{children}</textarea> }
}

/// `&`, `<` and `>` as character references: enough inside `<title>` and `<textarea>`, where only an end tag
/// (and references) mean anything.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn an_end_tag_in_the_text_becomes_character_references() {
        assert_eq!(escape("Hijau </title><meta x> & co"), "Hijau &lt;/title&gt;&lt;meta x&gt; &amp; co");
    }

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(escape("Senyum Pasien · 2026"), "Senyum Pasien · 2026");
    }
}
