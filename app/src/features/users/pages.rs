//! `/pengguna` (the users within reach, with a form to add one) and `/pengguna/{id}` (one user and the
//! history of their account).

use super::api::{CreateUser, SetUserActive, load_user, load_users};
use crate::{
    components::{history::HistoryPanel, status::ErrorPanel},
    i18n::{use_locale, use_messages},
    routes,
};
use domain::account::UserView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The user list.
#[component]
pub fn UsersPage() -> impl IntoView {
    let m = use_messages();
    let create = ServerAction::<CreateUser>::new();
    let toggle = ServerAction::<SetUserActive>::new();
    let page = Resource::new(move || (create.version().get(), toggle.version().get()), |_| load_users(None));
    view! {
        <Title text=m.users_title />
        <h1>{m.users_title}</h1>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <UserList page create toggle /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserList(
    page: super::api::UsersPage,
    create: ServerAction<CreateUser>,
    toggle: ServerAction<SetUserActive>,
) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let rows = page.items.into_iter().map(|user| view! { <UserRow user toggle /> }).collect_view();
    let error = move || {
        let create_error = create.value().get().and_then(Result::err);
        let toggle_error = toggle.value().get().and_then(Result::err);
        create_error.or(toggle_error).map(|error| {
            view! {
                <p class="form-error" role="alert" data-testid="users-error">
                    {error.message(locale)}
                </p>
            }
        })
    };
    let roles = page
        .roles
        .into_iter()
        .map(|role| view! { <option value=role.as_str()>{role.label(locale)}</option> })
        .collect_view();
    let units = page
        .units
        .into_iter()
        .map(|unit| view! { <option value=unit.id.to_string()>{format!("{} · {}", unit.code, unit.name)}</option> })
        .collect_view();
    view! {
        {error}
        <div class="table-wrap">
            <table class="data" data-testid="users-table">
                <thead>
                    <tr>
                        <th>{m.sign_in_username}</th>
                        <th>{m.users_name}</th>
                        <th>{m.users_roles}</th>
                        <th>{m.users_status}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <section class="card">
            <h2>{m.users_new}</h2>
            <ActionForm action=create attr:class="grid-form">
                <label>
                    {m.sign_in_username}
                    <input name="form[username]" required autocapitalize="none" data-testid="new-username" />
                </label>
                <label>
                    {m.users_name}
                    <input name="form[full_name]" required data-testid="new-full-name" />
                </label>
                <label>
                    "NIP"
                    <input name="form[nip]" inputmode="numeric" data-testid="new-nip" />
                </label>
                <label>
                    "Email"
                    <input name="form[email]" type="email" />
                </label>
                <label>
                    {m.sign_in_password}
                    <input name="form[password]" type="password" required minlength="10" data-testid="new-password" />
                </label>
                <label>
                    {m.users_role}
                    <select name="form[role]" data-testid="new-role">{roles}</select>
                </label>
                <label>
                    {m.users_unit}
                    <select name="form[org_unit_id]" data-testid="new-unit">{units}</select>
                </label>
                <button class="button" type="submit" data-testid="new-submit">
                    {m.users_create}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn UserRow(user: UserView, toggle: ServerAction<SetUserActive>) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let grants = user
        .grants
        .iter()
        .map(|grant| {
            let place = grant.org_unit_code.clone().unwrap_or_else(|| "*".to_owned());
            format!("{} @ {place}", grant.role.label(locale))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let (status, action_label) =
        if user.active { (m.users_active, m.users_deactivate) } else { (m.users_inactive, m.users_activate) };
    view! {
        <tr data-testid="user-row" data-username=user.username.clone()>
            <td>
                <a href=routes::user(user.id)>{user.username.clone()}</a>
            </td>
            <td>{user.full_name.clone()}</td>
            <td class="muted">{grants}</td>
            <td>{status}</td>
            <td>
                <ActionForm action=toggle>
                    <input type="hidden" name="user" value=user.id.to_string() />
                    <input type="hidden" name="active" value=(!user.active).to_string() />
                    <button type="submit" class="link-button">
                        {action_label}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}

/// One user and the history of their account.
#[component]
pub fn UserDetailPage() -> impl IntoView {
    let m = use_messages();
    let params = use_params_map();
    let detail = Resource::new(move || params.read().get("id").unwrap_or_default(), load_user);
    view! {
        <Title text=m.users_title />
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => {
                        view! {
                            <h1>{detail.user.full_name.clone()}</h1>
                            <p class="muted">
                                {detail.user.username.clone()} " · NIP " {detail.user.nip.clone().unwrap_or_default()}
                            </p>
                            <HistoryPanel events=detail.history timezone=detail.timezone />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
