//! Server functions of the user pages.

use crate::error::AppError;
use domain::{
    access::Role,
    account::{AuditEventView, UserView},
    org::{OrgUnitView, Timezone},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The user list with what the manager may create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersPage {
    /// Users within reach, by username.
    pub items: Vec<UserView>,
    /// The `after` of the next page, if any.
    pub next_after: Option<String>,
    /// Roles the manager may grant.
    pub roles: Vec<Role>,
    /// Org units the manager may grant them on.
    pub units: Vec<OrgUnitView>,
}

/// A user with their history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    /// The user.
    pub user: UserView,
    /// Roles the manager may grant (KBK roles come with KBK seats, so not here).
    pub roles: Vec<Role>,
    /// Org units the manager may grant them on.
    pub units: Vec<OrgUnitView>,
    /// What happened to the account, newest first.
    pub history: Vec<AuditEventView>,
    /// Zone to show times in.
    pub timezone: Timezone,
}

/// A new account as typed into the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserForm {
    /// Login name.
    pub username: String,
    /// Full name.
    pub full_name: String,
    /// NIP.
    pub nip: String,
    /// E-mail.
    pub email: String,
    /// Initial password.
    pub password: String,
    /// Role to grant (storage form).
    pub role: String,
    /// Org unit id.
    pub org_unit_id: String,
}

/// The users within the caller's reach.
#[server(prefix = "/fn", endpoint = "users/list")]
pub async fn load_users(after: Option<String>) -> Result<UsersPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::access::Action;
    const PAGE_SIZE: u64 = 50;
    let actor = require_actor()?;
    let Some(scope) = actor.scope(Action::ManageUsers) else {
        return fail(AppError::Forbidden("Peran Anda tidak mengelola pengguna.".into()));
    };
    let services = services()?;
    let db = &services.db;
    let items = service::access::users::list_in_scope(db, &scope, after.as_deref(), PAGE_SIZE).await.or_else(fail)?;
    let units = service::org::units_in_scope(db, &scope).await.or_else(fail)?;
    let next_after = (items.len() as u64 == PAGE_SIZE).then(|| items.last().map(|u| u.username.clone())).flatten();
    Ok(UsersPage { items, next_after, roles: actor.grantable_roles(), units })
}

/// Creates a user from the form.
#[server(prefix = "/fn", endpoint = "users/create")]
pub async fn create_user(form: UserForm) -> Result<UserView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use service::access::manage::{NewUserForm, create};
    let actor = require_actor()?;
    let services = services()?;
    let (Ok(role), Ok(org_unit_id)) = (form.role.parse(), form.org_unit_id.parse()) else {
        return fail(AppError::Invalid("Pilih peran dan unit organisasi.".into()));
    };
    let new = NewUserForm {
        username: form.username,
        full_name: form.full_name,
        nip: Some(form.nip),
        email: Some(form.email),
        password: form.password,
        role,
        org_unit_id,
    };
    create(&services.db, &actor, new, &request_meta(), services.clock.now()).await.or_else(fail)
}

/// Deactivates or reactivates a user.
#[server(prefix = "/fn", endpoint = "users/set-active")]
pub async fn set_user_active(user: String, active: bool) -> Result<UserView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(user) = user.parse() else { return fail(AppError::NotFound) };
    let now = services.clock.now();
    service::access::manage::set_active(&services.db, &actor, user, active, &request_meta(), now).await.or_else(fail)
}

/// One user within reach, with the history of their account.
#[server(prefix = "/fn", endpoint = "users/detail")]
pub async fn load_user(id: String) -> Result<UserDetail, AppError> {
    use crate::ssr::{fail, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(user_id) = id.parse() else { return fail(AppError::NotFound) };
    let user = service::access::manage::get(db, &actor, user_id).await.or_else(fail)?;
    let history = service::audit::history(db, "user", &id, 100).await.or_else(fail)?;
    let timezone = service::access::users::home_timezone(db, &actor).await.or_else(fail)?;
    let roles = actor.grantable_roles().into_iter().filter(|role| !role.is_kbk_seat()).collect();
    let units = match actor.scope(domain::access::Action::ManageUsers) {
        Some(scope) => service::org::units_in_scope(db, &scope).await.or_else(fail)?,
        None => Vec::new(),
    };
    Ok(UserDetail { user, roles, units, history, timezone })
}

#[cfg(feature = "ssr")]
fn grant_form(role: &str, org_unit: &str) -> Result<service::access::manage::GrantForm, AppError> {
    match (role.parse(), org_unit.parse()) {
        (Ok(role), Ok(org_unit_id)) => Ok(service::access::manage::GrantForm { role, org_unit_id }),
        _ => Err(AppError::Invalid("Pilih peran dan unit organisasi.".into())),
    }
}

/// Grants a role on an org unit.
#[server(prefix = "/fn", endpoint = "users/grant")]
pub async fn grant_user_role(user: String, role: String, org_unit: String) -> Result<UserView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(user) = user.parse() else { return fail(AppError::NotFound) };
    let form = grant_form(&role, &org_unit).or_else(fail)?;
    let now = services.clock.now();
    service::access::manage::grant(&services.db, &actor, user, form, &request_meta(), now).await.or_else(fail)
}

/// Revokes a role.
#[server(prefix = "/fn", endpoint = "users/revoke")]
pub async fn revoke_user_role(user: String, role: String, org_unit: String) -> Result<UserView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(user) = user.parse() else { return fail(AppError::NotFound) };
    let form = grant_form(&role, &org_unit).or_else(fail)?;
    let now = services.clock.now();
    service::access::manage::revoke(&services.db, &actor, user, form, &request_meta(), now).await.or_else(fail)
}

/// Sets a new password for a user and ends their sessions.
#[server(prefix = "/fn", endpoint = "users/reset-password")]
pub async fn reset_user_password(user: String, password: String) -> Result<(), AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(user) = user.parse() else { return fail(AppError::NotFound) };
    let now = services.clock.now();
    service::access::manage::reset_password(&services.db, &actor, user, &password, &request_meta(), now)
        .await
        .or_else(fail)
}
