//! The token page: the caller's tokens, a form to create one (its secret shown once) and revoke buttons.

use super::api::{CreateToken, RevokeToken, TokensPage, load_tokens};
use crate::components::raw_text::PageTitle;
use crate::components::table::TableFrame;
use crate::islands::island_hydrated;
use crate::{
    components::{
        forms::{ErrorSummary, Field, FormState, failure, form_errors},
        status::ErrorPanel,
    },
    i18n::{use_locale, use_messages},
};
use domain::time::format_instant;
use leptos::prelude::*;

/// `/token`.
#[island(lazy)]
pub fn TokensPageView() -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let create = ServerAction::<CreateToken>::new();
    let form = FormState::new("token", create);
    let revoke = ServerAction::<RevokeToken>::new();
    let page = Resource::new(move || (create.version().get(), revoke.version().get()), |_| load_tokens());
    let secret = move || {
        create.value().get().and_then(Result::ok).map(|new| {
            view! {
                <section class="notice" data-testid="new-token">
                    <p>{m.tokens_copy_now}</p>
                    <code class="hash" data-testid="token-secret">{new.secret}</code>
                </section>
            }
        })
    };
    view! {
        <PageTitle text=m.tokens_title />
        <h1>{m.tokens_title}</h1>
        <p class="lead">{m.tokens_lead}</p>
        {form_errors(vec![failure(revoke)])}
        {secret}
        <section class="card">
            <ErrorSummary form />
            <ActionForm
                action=create
                attr:class="inline-form"
                {..form.checks()}
            >
                <Field form name="name" label=m.tokens_name>
                    <input {..form.control("name")} name="name" required maxlength="200" data-testid="token-name" />
                </Field>
                <button class="button" type="submit" data-testid="token-create">
                    {m.tokens_create}
                </button>
            </ActionForm>
        </section>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <TokenList page revoke /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TokenList(page: TokensPage, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let zone = page.timezone;
    let rows = page
        .items
        .into_iter()
        .map(|token| {
            let used = token.last_used_at.map(|at| format_instant(at, zone, locale)).unwrap_or_else(|| "—".into());
            let state = match token.revoked_at {
                Some(at) => format!("{} {}", m.tokens_revoked, format_instant(at, zone, locale)),
                None => m.users_active.to_owned(),
            };
            let button = token.revoked_at.is_none().then(|| {
                view! {
                    <ActionForm action=revoke>
                        <input type="hidden" name="token" value=token.id.to_string() />
                        <button type="submit" class="link-button" data-testid="token-revoke">
                            {m.users_revoke}
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <tr data-testid="token-row">
                    <td>{token.name}</td>
                    <td>
                        <code>{token.prefix} "…"</code>
                    </td>
                    <td>{format_instant(token.created_at, zone, locale)}</td>
                    <td>{used}</td>
                    <td>{state}</td>
                    <td>{button}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableFrame label=m.tokens_title>
            <table class="data" data-testid="tokens-table">
                <thead>
                    <tr>
                        <th>{m.tokens_name}</th>
                        <th>{m.tokens_prefix}</th>
                        <th>{m.tokens_created}</th>
                        <th>{m.tokens_last_used}</th>
                        <th>{m.users_status}</th>
                        <th><span class="visually-hidden">{m.column_actions}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableFrame>
    }
}
