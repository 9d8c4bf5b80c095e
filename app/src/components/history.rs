//! The history panel of an object: its audit events, newest first, for those who may see the object.

use crate::i18n::{use_locale, use_messages};
use domain::{account::AuditEventView, org::Timezone, time::format_instant};
use leptos::prelude::*;

/// The events, with when, who and what; each time in its Pemda's zone, `timezone` for install-wide events.
#[component]
pub fn HistoryPanel(events: Vec<AuditEventView>, timezone: Timezone) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let items = events
        .into_iter()
        .map(|event| {
            view! {
                <li data-testid="history-item">
                    <span class="muted">{format_instant(event.occurred_at, event.timezone.unwrap_or(timezone), locale)}</span>
                    " · " <strong>{event.actor}</strong> " · " <code>{event.action}</code>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{m.history_title}</h2>
            <ul class="history" data-testid="history">{items}</ul>
        </section>
    }
}
