//! `/audit`: the trail with filters in the URL (so a view can be shared) and keyset paging.

use super::api::{AuditFilterForm, load_audit};
use crate::components::raw_text::PageTitle;
use crate::components::table::TableFrame;
use crate::{
    components::status::ErrorPanel,
    i18n::{use_locale, use_messages},
    routes,
};
use domain::time::format_instant;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The audit page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        AuditFilterForm {
            action: q.get("tindakan"),
            actor: q.get("pelaku"),
            object_type: q.get("objek"),
            before: q.get("sebelum").and_then(|v| v.parse().ok()),
        }
    };
    let page = Resource::new(filter, load_audit);
    let initial = filter();
    view! {
        <PageTitle text=m.audit_title />
        <h1>{m.audit_title}</h1>
        <form class="filters" method="get" action=routes::AUDIT>
            <label>
                {m.audit_action}
                <input name="tindakan" value=initial.action.unwrap_or_default() placeholder="auth.sign_in" />
            </label>
            <label>
                {m.audit_actor}
                <input name="pelaku" value=initial.actor.unwrap_or_default() placeholder="kepala.dlh" />
            </label>
            <label>
                {m.audit_object}
                <input name="objek" value=initial.object_type.unwrap_or_default() placeholder="user" />
            </label>
            <button class="button" type="submit">
                {m.audit_filter}
            </button>
        </form>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) if page.items.is_empty() => {
                        view! { <p class="empty" data-testid="audit-empty">{m.audit_empty}</p> }.into_any()
                    }
                    Ok(page) => {
                        let timezone = page.timezone;
                        let next = page.next_before.map(|before| {
                            let q = query.read_untracked();
                            let keep = ["tindakan", "pelaku", "objek"]
                                .into_iter()
                                .filter_map(|key| q.get(key).map(|v| format!("{key}={v}")))
                                .collect::<Vec<_>>()
                                .join("&");
                            let href = format!("{}?{keep}&sebelum={before}", routes::AUDIT);
                            view! {
                                <a class="button" href=href>
                                    {m.audit_older}
                                </a>
                            }
                        });
                        view! {
                            <TableFrame label=m.audit_title>
                                <table class="data" data-testid="audit-table">
                                    <thead>
                                        <tr>
                                            <th>"#"</th>
                                            <th>{m.audit_when}</th>
                                            <th>{m.audit_actor}</th>
                                            <th>{m.audit_action}</th>
                                            <th>{m.audit_object}</th>
                                            <th>{m.audit_client}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {page
                                            .items
                                            .into_iter()
                                            .map(|event| {
                                                let object = match &event.object_id {
                                                    Some(id) => format!("{} {id}", event.object_type),
                                                    None => event.object_type.clone(),
                                                };
                                                view! {
                                                    <tr data-testid="audit-row">
                                                        <td>{event.id}</td>
                                                        <td>{format_instant(event.occurred_at, event.timezone.unwrap_or(timezone), locale)}</td>
                                                        <td>{event.actor}</td>
                                                        <td>
                                                            <code>{event.action}</code>
                                                        </td>
                                                        <td class="muted">{object}</td>
                                                        <td class="muted">{event.client_addr.unwrap_or_default()}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </TableFrame>
                            {next}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
