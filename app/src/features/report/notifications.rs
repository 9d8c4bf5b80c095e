//! The notification bell in the header and `/notifikasi`, the list behind it.

use super::{
    api::{MarkNotificationsRead, load_notifications, unread_notifications},
    text::use_text,
};
use crate::components::raw_text::PageTitle;
use crate::{
    components::status::ErrorPanel,
    i18n::{use_locale, use_messages},
    routes,
};
use domain::time::format_date;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// A link to the notifications with the unread count, asked again on every navigation.
#[component]
pub fn Bell() -> impl IntoView {
    let t = use_text();
    let location = use_location();
    let unread = Resource::new(move || location.pathname.get(), |_| unread_notifications());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let count = unread.await.unwrap_or(0);
                view! {
                    <a href=routes::NOTIFICATIONS class="bell" data-testid="bell" title=t.notifications_title>
                        <span aria-hidden="true">"🔔"</span>
                        <span class="visually-hidden">{t.notifications_title}</span>
                        {(count > 0).then(|| view! { <span class="badge state-returned" data-testid="unread-count">{count}</span> })}
                    </a>
                }
            })}
        </Suspense>
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
