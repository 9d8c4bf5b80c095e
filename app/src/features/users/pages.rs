//! `/pengguna` (the users within reach, with a form to add one) and `/pengguna/{id}` (one user: roles,
//! password reset and the history of their account).

use super::api::{
    CreateUser, GrantUserRole, ResetUserPassword, RevokeUserRole, SetUserActive, UserDetail, load_user, load_users,
};
use crate::components::raw_text::PageTitle;
use crate::components::table::TableFrame;
use crate::islands::island_hydrated;
use crate::{
    components::{
        forms::{ErrorSummary, Field, FormState, failure, form_errors, saved, unit_options},
        history::HistoryPanel,
        status::ErrorPanel,
    },
    i18n::{use_locale, use_messages},
    routes,
};
use domain::account::UserView;
use leptos::prelude::*;

/// The user list.
#[island(lazy)]
pub fn UsersPage() -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let create = ServerAction::<CreateUser>::new();
    let toggle = ServerAction::<SetUserActive>::new();
    let done = [saved(create), saved(toggle)];
    let page = Resource::new(move || done.map(|done| done.get()), |_| load_users(None));
    view! {
        <PageTitle text=m.users_title />
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
        toggle.value().get().and_then(Result::err).map(|error| {
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
    let units = unit_options(&page.units);
    let form = FormState::new("user", create);
    view! {
        {error}
        <TableFrame label=m.users_title>
            <table class="data" data-testid="users-table">
                <thead>
                    <tr>
                        <th>{m.sign_in_username}</th>
                        <th>{m.users_name}</th>
                        <th>{m.users_roles}</th>
                        <th>{m.users_status}</th>
                        <th><span class="visually-hidden">{m.column_actions}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableFrame>
        <section class="card">
            <h2>{m.users_new}</h2>
            <ErrorSummary form />
            <ActionForm
                action=create
                attr:class="grid-form"
                {..form.checks()}
            >
                <Field form name="username" label=m.sign_in_username>
                    <input {..form.control("username")} name="form[username]" required maxlength="40" autocapitalize="none" autocomplete="off" data-testid="new-username" />
                </Field>
                <Field form name="full_name" label=m.users_name>
                    <input {..form.control("full_name")} name="form[full_name]" required maxlength="200" data-testid="new-full-name" />
                </Field>
                <Field form name="nip" label="NIP">
                    <input {..form.control("nip")} name="form[nip]" inputmode="numeric" maxlength="24" data-testid="new-nip" />
                </Field>
                <Field form name="email" label="Email">
                    <input {..form.control("email")} name="form[email]" type="email" data-testid="new-email" />
                </Field>
                <Field form name="password" label=m.sign_in_password>
                    <input {..form.control("password")} name="form[password]" type="password" required minlength="10" autocomplete="new-password" data-testid="new-password" />
                </Field>
                <Field form name="role" label=m.users_role>
                    <select {..form.control("role")} name="form[role]" data-testid="new-role">{roles}</select>
                </Field>
                <Field form name="org_unit_id" label=m.users_unit>
                    <select {..form.control("org_unit_id")} name="form[org_unit_id]" data-testid="new-unit">{units}</select>
                </Field>
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

/// One user: their roles (grant, revoke), a password reset, and the history of their account.
#[island(lazy)]
pub fn UserDetailPage(id: String) -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let grant = ServerAction::<GrantUserRole>::new();
    let revoke = ServerAction::<RevokeUserRole>::new();
    let reset = ServerAction::<ResetUserPassword>::new();
    let (granted, revoked) = (saved(grant), saved(revoke));
    let detail = Resource::new(move || (id.clone(), granted.get(), revoked.get()), |(id, ..)| load_user(id));
    let done = move || {
        reset
            .value()
            .get()
            .and_then(Result::ok)
            .map(|()| view! { <p class="notice" data-testid="reset-done">{m.users_reset_done}</p> })
    };
    view! {
        <PageTitle text=m.users_title />
        {form_errors(vec![failure(grant), failure(revoke)])}
        {done}
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <UserDetailView detail grant revoke reset /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserDetailView(
    detail: UserDetail,
    grant: ServerAction<GrantUserRole>,
    revoke: ServerAction<RevokeUserRole>,
    reset: ServerAction<ResetUserPassword>,
) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let user = detail.user;
    let id = user.id.to_string();
    let grants = user
        .grants
        .clone()
        .into_iter()
        .map(|g| {
            let place = g.org_unit_name.clone().unwrap_or_else(|| "*".to_owned());
            let user_id = id.clone();
            let revoke_form = g.org_unit_id.filter(|_| !g.role.is_kbk_seat()).map(|unit| {
                view! {
                    <ActionForm action=revoke attr:class="inline-form">
                        <input type="hidden" name="user" value=user_id />
                        <input type="hidden" name="role" value=g.role.as_str() />
                        <input type="hidden" name="org_unit" value=unit.to_string() />
                        <button type="submit" class="link-button" data-testid="revoke">
                            {m.users_revoke}
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <li data-testid="grant">
                    <strong>{g.role.label(locale)}</strong> " · " {place} {revoke_form}
                </li>
            }
        })
        .collect_view();
    let roles = detail
        .roles
        .into_iter()
        .map(|role| view! { <option value=role.as_str()>{role.label(locale)}</option> })
        .collect_view();
    let units = unit_options(&detail.units);
    let (id_grant, id_reset) = (id.clone(), id.clone());
    let reset_form = FormState::new("reset", reset);
    view! {
        <h1>{user.full_name.clone()}</h1>
        <p class="muted">{user.username.clone()} " · NIP " {user.nip.clone().unwrap_or_default()}</p>
        <div class="cards">
            <section class="card">
                <h2>{m.users_roles}</h2>
                <ul class="plain" data-testid="grants">{grants}</ul>
                <ActionForm action=grant attr:class="grid-form">
                    <input type="hidden" name="user" value=id_grant />
                    <label>
                        {m.users_role}
                        <select name="role" data-testid="grant-role">{roles}</select>
                    </label>
                    <label>
                        {m.users_unit}
                        <select name="org_unit" data-testid="grant-unit">{units}</select>
                    </label>
                    <button class="button" type="submit" data-testid="grant-submit">
                        {m.users_grant}
                    </button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{m.users_reset}</h2>
                <p class="muted">{m.users_reset_hint}</p>
                <ErrorSummary form=reset_form />
                <ActionForm
                    action=reset
                    attr:class="grid-form"
                    {..reset_form.checks()}
                >
                    <input type="hidden" name="user" value=id_reset />
                    <Field form=reset_form name="password" label=m.users_new_password>
                        <input {..reset_form.control("password")} name="password" type="password" required minlength="10" autocomplete="new-password" data-testid="reset-password" />
                    </Field>
                    <button class="button" type="submit" data-testid="reset-submit">
                        {m.users_reset}
                    </button>
                </ActionForm>
            </section>
        </div>
        <HistoryPanel events=detail.history timezone=detail.timezone />
    }
}
