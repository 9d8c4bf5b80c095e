//! Tables wider than the screen.

use crate::i18n::use_messages;
use leptos::prelude::*;

/// A table that may be wider than the screen: it scrolls inside its frame, which shows a shadow at the side
/// with more, takes keyboard focus (so arrow keys scroll it) and is named for screen readers, as "`label`
/// (table)" so that it never shares a name with the section it sits in.
#[component]
pub fn TableFrame(#[prop(into)] label: String, children: Children) -> impl IntoView {
    let label = format!("{label} ({})", use_messages().table);
    view! {
        <div class="table-wrap" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
