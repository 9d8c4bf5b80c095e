//! User management by administrators, reviewers and OPD admins: creating accounts with a role, deactivating
//! and reactivating them, resetting passwords. A user outside the manager's subtree is "not found"; a user the
//! manager does not outrank cannot be changed; nobody grants above their own role.

use super::{Actor, Scope, users};
use crate::{
    ServiceError, ServiceResult,
    audit::{self, AuditEntry, RequestMeta},
    entity::{app_user, org_unit, role_grant, user_session},
};
use chrono::{DateTime, Utc};
use domain::{
    access::{Action, Role},
    account::{Email, Nip, Password, UserView, Username},
    field::{Problem, Problems},
    ids::{OrgUnitId, UserId},
    text::Name,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

/// A new account as typed into the form or sent to the API, before parsing.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewUserForm {
    /// Login name.
    pub username: String,
    /// Full name with titles.
    pub full_name: String,
    /// NIP (18 digits), for civil servants.
    pub nip: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Initial password (10-128 characters).
    pub password: String,
    /// Role to grant.
    pub role: Role,
    /// Org unit to grant it on.
    pub org_unit_id: OrgUnitId,
}

fn manage_scope(actor: &Actor) -> ServiceResult<Scope> {
    actor
        .scope(Action::ManageUsers)
        .ok_or_else(|| ServiceError::Forbidden("Peran Anda tidak mengelola pengguna.".into()))
}

/// Creates an account with one role on one org unit, within the manager's reach.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    form: NewUserForm,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<UserView> {
    let scope = manage_scope(actor)?;
    let mut problems = Problems::default();
    let username = problems.check("username", Username::parse(&form.username), Problem::Account);
    let full_name = problems.check("full_name", Name::parse(&form.full_name), Problem::Text);
    let nip = problems.check("nip", Nip::parse_optional(form.nip.as_deref()), Problem::Account);
    let email = problems.check("email", Email::parse_optional(form.email.as_deref()), Problem::Account);
    let password = problems.check("password", Password::parse(&form.password), Problem::Account);
    let (Some(username), Some(full_name), Some(nip), Some(email), Some(password)) =
        (username, full_name, nip, email, password)
    else {
        return Err(ServiceError::Fields(problems.into_vec()));
    };
    let email = email.map(String::from);
    let unit = org_unit::Entity::find_by_id(form.org_unit_id.into_uuid()).one(db).await?;
    let unit = unit.filter(|unit| scope.covers(&unit.path)).ok_or(ServiceError::NotFound)?;
    if users::find_by_username(db, username.as_ref()).await?.is_some() {
        return Err(ServiceError::Conflict(format!("Nama pengguna {username} sudah dipakai.")));
    }
    let txn = db.begin().await?;
    let new = users::NewUser {
        username,
        full_name,
        nip,
        email,
        password,
        pemda_id: Some(OrgUnitId::from_uuid(unit.pemda_id)),
    };
    let id = users::create_user(&txn, new, Some(actor), meta, now).await?;
    users::grant_role(&txn, id, form.role, Some(OrgUnitId::from_uuid(unit.id)), Some(actor), meta, now).await?;
    let user = app_user::Entity::find_by_id(id.into_uuid()).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    let view = users::load_actor(&txn, &user).await?.view;
    txn.commit().await?;
    Ok(view)
}

/// The user, if the manager may see them: they hold a role inside the manager's reach.
pub async fn get(db: &DatabaseConnection, actor: &Actor, user: UserId) -> ServiceResult<UserView> {
    Ok(visible(db, actor, user).await?.1.view)
}

/// Loads a user the manager may see (one holding a role inside the manager's reach); others are "not found".
async fn visible(db: &DatabaseConnection, actor: &Actor, user: UserId) -> ServiceResult<(app_user::Model, Actor)> {
    let scope = manage_scope(actor)?;
    let row = app_user::Entity::find_by_id(user.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    let target = users::load_actor(db, &row).await?;
    let within = scope.is_install_wide() || target.grant_paths.iter().any(|path| path != "/" && scope.covers(path));
    if within { Ok((row, target)) } else { Err(ServiceError::NotFound) }
}

/// Loads a user the manager may change: visible, not themselves, and outranked where they hold each role.
async fn managed(db: &DatabaseConnection, actor: &Actor, user: UserId) -> ServiceResult<(app_user::Model, Actor)> {
    let (row, target) = visible(db, actor, user).await?;
    // Changing someone needs a role at least as high as each of theirs, where they hold it.
    let outranked = target.view.grants.iter().zip(&target.grant_paths).all(|(grant, path)| {
        actor.highest_role_over(path).is_some_and(|own| own.may_grant(grant.role))
            || actor.view.grants.iter().any(|g| g.role == Role::Administrator)
    });
    if !outranked || target.user_id == actor.user_id {
        return Err(ServiceError::Forbidden("Anda tidak dapat mengubah pengguna ini.".into()));
    }
    Ok((row, target))
}

/// Deactivates (or reactivates) a user; deactivation also ends their sessions at once.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    user: UserId,
    active: bool,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<UserView> {
    let (row, _) = managed(db, actor, user).await?;
    let txn = db.begin().await?;
    let before = row.active;
    let mut model: app_user::ActiveModel = row.into();
    model.active = Set(active);
    model.updated_at = Set(now);
    let row = model.update(&txn).await?;
    if !active {
        user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(row.id)).exec(&txn).await?;
    }
    let action = if active { "user.activate" } else { "user.deactivate" };
    let mut entry = AuditEntry::new(Some(actor), action, "user", Some(user.to_string()));
    entry.pemda_id = row.pemda_id;
    entry.before = Some(serde_json::json!({ "active": before }));
    entry.after = Some(serde_json::json!({ "active": active }));
    audit::record(&txn, entry, meta, now).await?;
    let view = users::load_actor(&txn, &row).await?.view;
    txn.commit().await?;
    Ok(view)
}

/// Sets a new password for a user and ends their sessions.
pub async fn reset_password(
    db: &DatabaseConnection,
    actor: &Actor,
    user: UserId,
    password: &str,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let password = Password::parse(password).map_err(|e| ServiceError::field("password", Problem::Account(e)))?;
    let (row, _) = managed(db, actor, user).await?;
    let hash = super::password::hash(&password).await?;
    let txn = db.begin().await?;
    let pemda_id = row.pemda_id;
    let mut model: app_user::ActiveModel = row.into();
    model.password_hash = Set(hash);
    model.updated_at = Set(now);
    model.update(&txn).await?;
    user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(user.into_uuid())).exec(&txn).await?;
    let mut entry = AuditEntry::new(Some(actor), "user.reset_password", "user", Some(user.to_string()));
    entry.pemda_id = pemda_id;
    audit::record(&txn, entry, meta, now).await?;
    txn.commit().await?;
    Ok(())
}

/// A role held on a node, as granted or revoked by a manager.
#[derive(Clone, Copy, Debug, Deserialize, utoipa::ToSchema)]
pub struct GrantForm {
    /// The role.
    pub role: Role,
    /// The node it holds on.
    pub org_unit_id: OrgUnitId,
}

fn refuse_seat_roles(role: Role) -> ServiceResult<()> {
    if role.is_kbk_seat() {
        return Err(ServiceError::Invalid(
            "Peran KBK mengikuti kursi di KBK: tambahkan atau keluarkan anggota di halaman KBK-nya.".into(),
        ));
    }
    Ok(())
}

/// Grants a role on a node to a user the manager may change; never above the manager's own role there.
pub async fn grant(
    db: &DatabaseConnection,
    actor: &Actor,
    user: UserId,
    form: GrantForm,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<UserView> {
    refuse_seat_roles(form.role)?;
    let (row, target) = managed(db, actor, user).await?;
    if target.view.grants.iter().any(|g| g.role == form.role && g.org_unit_id == Some(form.org_unit_id)) {
        return Err(ServiceError::Conflict("Pengguna sudah memegang peran ini di unit tersebut.".into()));
    }
    let txn = db.begin().await?;
    users::grant_role(&txn, user, form.role, Some(form.org_unit_id), Some(actor), meta, now).await?;
    let view = users::load_actor(&txn, &row).await?.view;
    txn.commit().await?;
    Ok(view)
}

/// Takes back a role from a user the manager may change. The last role stays: deactivate the user instead.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    user: UserId,
    form: GrantForm,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<UserView> {
    refuse_seat_roles(form.role)?;
    let (row, target) = managed(db, actor, user).await?;
    let held = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(row.id))
        .filter(role_grant::Column::Role.eq(form.role.as_str()))
        .filter(role_grant::Column::OrgUnitId.eq(form.org_unit_id.into_uuid()))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if target.view.grants.len() == 1 {
        return Err(ServiceError::Conflict("Peran terakhir tidak dicabut; nonaktifkan penggunanya.".into()));
    }
    let unit =
        org_unit::Entity::find_by_id(form.org_unit_id.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    let txn = db.begin().await?;
    role_grant::Entity::delete_by_id(held.id).exec(&txn).await?;
    let mut entry = AuditEntry::new(Some(actor), "user.revoke_role", "user", Some(user.to_string()));
    entry.pemda_id = Some(unit.pemda_id);
    entry.before = Some(serde_json::json!({ "role": form.role.as_str(), "org_unit": unit.code }));
    audit::record(&txn, entry, meta, now).await?;
    let view = users::load_actor(&txn, &row).await?.view;
    txn.commit().await?;
    Ok(view)
}
