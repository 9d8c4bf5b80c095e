//! The notification bell in the header and `/notifikasi`, the list behind it.

use super::{
    api::{MarkNotificationsRead, load_notifications, unread_notifications},
    text::use_text,
};
use crate::components::raw_text::PageTitle;
use crate::{
    components::status::ErrorPanel,
    error::AppError,
    i18n::{use_locale, use_messages},
    routes,
};
use domain::time::format_date;
use leptos::prelude::*;

/// The unread count, for the header (rendered on the server with every page), beside its user resource.
pub fn unread_count() -> Resource<Result<u64, AppError>> {
    Resource::new(|| (), |_| unread_notifications())
}

/// A link to the notifications with the unread count (drawn inside the header's own `Suspend`, which awaits
/// the count with the session: a `Suspense` of its own nested there broke hydration).
#[component]
pub fn Bell(count: u64) -> impl IntoView {
    let t = use_text();
    view! {
        <a href=routes::NOTIFICATIONS class="bell" data-testid="bell" title=t.notifications_title>
            // Drawn, not a font glyph: Debian's fonts have no bell emoji.
            <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M12 22a2.2 2.2 0 0 0 2.2-2.2H9.8A2.2 2.2 0 0 0 12 22zm6.5-5.5V11a6.5 6.5 0 0 0-5.2-6.4V3.8a1.3 1.3 0 0 0-2.6 0v.8A6.5 6.5 0 0 0 5.5 11v5.5L3.6 18.4v.9h16.8v-.9z"/>
            </svg>
            <span class="visually-hidden">{t.notifications_title}</span>
            {(count > 0).then(|| view! { <span class="badge state-returned" data-testid="unread-count">{domain::report::view::unread_badge(count)}</span> })}
        </a>
    }
}

/// The caller's notifications, newest first, unread ones marked; one button marks them all read.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let m = use_messages();
    let t = use_text();
    let locale = use_locale();
    let read = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(move || read.version().get(), |_| load_notifications());
    view! {
        <PageTitle text=t.notifications_title />
        <h1>{t.notifications_title}</h1>
        <ActionForm action=read>
            <button class="button secondary" type="submit" data-testid="mark-all-read">{t.mark_all_read}</button>
        </ActionForm>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(page) if page.items.is_empty() => view! { <p class="muted">{t.notifications_empty}</p> }.into_any(),
                    Ok(page) => {
                        page.items
                            .into_iter()
                            .map(|n| {
                                let href = n.report_id.map(routes::report).unwrap_or_default();
                                let class = if n.read { "card" } else { "card unread" };
                                view! {
                                    <article class=class data-testid="notification" data-read=n.read.to_string()>
                                        <p class="muted">{format_date(n.created_at.date_naive(), locale)}</p>
                                        <p><a href=href>{n.message}</a></p>
                                    </article>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
