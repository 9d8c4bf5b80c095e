//! Accounts and role grants: creating users, granting roles within the granter's reach, loading actors.

use super::{Actor, Scope, caller, password};
use crate::{
    ServiceError, ServiceResult,
    audit::{self, AuditEntry, RequestMeta},
    entity::{app_user, org_unit, role_grant},
};
use chrono::{DateTime, Utc};
use domain::{
    access::{Action, Role},
    account::{GrantView, Nip, Password, UserView, Username},
    ids::{KbkId, OrgUnitId, UserId},
    org::Timezone,
    text::Name,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
    sea_query::{Expr, ExprTrait, Query},
};
use std::collections::HashMap;
use uuid::Uuid;

/// A new account, already parsed.
#[derive(Clone, Debug)]
pub struct NewUser {
    /// Login name.
    pub username: Username,
    /// Full name.
    pub full_name: Name,
    /// NIP, for civil servants.
    pub nip: Option<Nip>,
    /// E-mail address.
    pub email: Option<String>,
    /// Initial password.
    pub password: Password,
    /// Home Pemda; `None` for install-wide administrators.
    pub pemda_id: Option<OrgUnitId>,
}

fn audit_view(user: &app_user::Model) -> serde_json::Value {
    serde_json::json!({
        "username": user.username, "full_name": user.full_name, "nip": user.nip, "email": user.email,
        "active": user.active,
    })
}

/// Creates an account (no grants yet). `by` is `None` for the CLI and demo seeding.
pub async fn create_user(
    txn: &impl ConnectionTrait,
    user: NewUser,
    by: Option<&Actor>,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<UserId> {
    let hash = password::hash(&user.password).await?;
    insert_user(txn, user, hash, by, meta, now).await
}

/// Creates an account whose password is already hashed (demo seeding hashes its shared password once).
pub(crate) async fn insert_user(
    txn: &impl ConnectionTrait,
    user: NewUser,
    password_hash: String,
    by: Option<&Actor>,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<UserId> {
    let id = Uuid::now_v7();
    let row = app_user::ActiveModel {
        id: Set(id),
        username: Set(user.username.to_string()),
        full_name: Set(user.full_name.to_string()),
        nip: Set(user.nip.map(String::from)),
        email: Set(user.email),
        password_hash: Set(password_hash),
        active: Set(true),
        pemda_id: Set(user.pemda_id.map(OrgUnitId::into_uuid)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;
    let mut entry = AuditEntry::new(by, "user.create", "user", Some(id.to_string()));
    entry.pemda_id = row.pemda_id;
    entry.after = Some(audit_view(&row));
    audit::record(txn, entry, meta, now).await?;
    Ok(UserId::from_uuid(id))
}

/// Grants `role` on `node` to `user` (`node = None`: install-wide, for the Administrator role only). With `by`
/// set, the granter must manage users over `node` and hold a role there at least as high as `role`; otherwise
/// the node is "not found" or the grant refused.
pub async fn grant_role(
    txn: &impl ConnectionTrait,
    user: UserId,
    role: Role,
    node: Option<OrgUnitId>,
    by: Option<&Actor>,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let Some(node) = node else {
        return grant_install_wide(txn, user, role, by, meta, now).await;
    };
    let unit = org_unit::Entity::find_by_id(node.into_uuid()).one(txn).await?.ok_or(ServiceError::NotFound)?;
    if let Some(by) = by {
        let scope = by.scope(Action::ManageUsers).ok_or(ServiceError::NotFound)?;
        if !scope.covers(&unit.path) {
            return Err(ServiceError::NotFound);
        }
        if !by.highest_role_over(&unit.path).is_some_and(|own| own.may_grant(role)) {
            return Err(ServiceError::Forbidden(
                "Anda tidak dapat memberikan peran yang lebih tinggi dari peran Anda.".into(),
            ));
        }
    }
    role_grant::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.into_uuid()),
        role: Set(role.as_str().to_owned()),
        org_unit_id: Set(Some(unit.id)),
        granted_by: Set(by.map(|a| a.user_id.into_uuid())),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    let mut entry = AuditEntry::new(by, "user.grant_role", "user", Some(user.to_string()));
    entry.pemda_id = Some(unit.pemda_id);
    entry.after = Some(serde_json::json!({ "role": role.as_str(), "org_unit": unit.code }));
    audit::record(txn, entry, meta, now).await
}

async fn grant_install_wide(
    txn: &impl ConnectionTrait,
    user: UserId,
    role: Role,
    by: Option<&Actor>,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    if role != Role::Administrator {
        return Err(ServiceError::Invalid("Hanya peran Administrator yang berlaku untuk seluruh instalasi.".into()));
    }
    if let Some(by) = by
        && !by.view.grants.iter().any(|grant| grant.role == Role::Administrator)
    {
        return Err(ServiceError::Forbidden("Hanya Administrator yang dapat mengangkat Administrator.".into()));
    }
    role_grant::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.into_uuid()),
        role: Set(role.as_str().to_owned()),
        org_unit_id: Set(None),
        granted_by: Set(by.map(|a| a.user_id.into_uuid())),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    let mut entry = AuditEntry::new(by, "user.grant_role", "user", Some(user.to_string()));
    entry.after = Some(serde_json::json!({ "role": role.as_str(), "org_unit": null }));
    audit::record(txn, entry, meta, now).await
}

/// The account with this username, if any.
pub async fn find_by_username(db: &impl ConnectionTrait, username: &str) -> ServiceResult<Option<app_user::Model>> {
    let Ok(username) = Username::parse(username) else { return Ok(None) };
    Ok(app_user::Entity::find().filter(app_user::Column::Username.eq(username.as_ref())).one(db).await?)
}

/// Loads a user with their grants as an actor (also for inactive users; callers check `view.active`).
pub async fn load_actor(db: &impl ConnectionTrait, user: &app_user::Model) -> ServiceResult<Actor> {
    let mut loaded = with_grants(db, std::slice::from_ref(user)).await?;
    let (view, grant_paths) = loaded.pop().ok_or(ServiceError::NotFound)?;
    let home_kbk = match db.query_one(&caller::home_kbk(Expr::val(user.id))).await? {
        Some(row) => Some(KbkId::from_uuid(row.try_get_by_index(0)?)),
        None => None,
    };
    Ok(Actor { user_id: view.id, username: view.username.clone(), view, grant_paths, home_kbk })
}

/// The users with their grants (and each grant's materialised path), in the order given, in two queries.
async fn with_grants(
    db: &impl ConnectionTrait,
    users: &[app_user::Model],
) -> ServiceResult<Vec<(UserView, Vec<String>)>> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.is_in(users.iter().map(|u| u.id)))
        .order_by_asc(role_grant::Column::CreatedAt)
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await?;
    let units: HashMap<Uuid, org_unit::Model> = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(grants.iter().filter_map(|g| g.org_unit_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|unit| (unit.id, unit))
        .collect();
    let mut by_user: HashMap<Uuid, (Vec<GrantView>, Vec<String>)> = HashMap::new();
    for grant in grants {
        let Ok(role) = grant.role.parse::<Role>() else { continue };
        let unit = grant.org_unit_id.and_then(|id| units.get(&id));
        let entry = by_user.entry(grant.user_id).or_default();
        entry.0.push(GrantView {
            role,
            org_unit_id: unit.map(|unit| OrgUnitId::from_uuid(unit.id)),
            org_unit_code: unit.map(|unit| unit.code.clone()),
            org_unit_name: unit.map(|unit| unit.name.clone()),
        });
        entry.1.push(unit.map_or_else(|| "/".to_owned(), |unit| unit.path.clone()));
    }
    Ok(users
        .iter()
        .map(|user| {
            let (grants, paths) = by_user.remove(&user.id).unwrap_or_default();
            let view = UserView {
                id: UserId::from_uuid(user.id),
                username: user.username.clone(),
                full_name: user.full_name.clone(),
                nip: user.nip.clone(),
                email: user.email.clone(),
                active: user.active,
                grants,
            };
            (view, paths)
        })
        .collect())
}

/// The users holding a role somewhere in `scope`, ordered by username, `limit` of them after `after`.
pub async fn list_in_scope(
    db: &impl ConnectionTrait,
    scope: &Scope,
    after: Option<&str>,
    limit: u64,
) -> ServiceResult<Vec<UserView>> {
    let mut query = app_user::Entity::find().order_by_asc(app_user::Column::Username).limit(limit);
    if !scope.is_install_wide() {
        let granted_here = Query::select()
            .column((role_grant::Entity, role_grant::Column::UserId))
            .from(role_grant::Entity)
            .inner_join(
                org_unit::Entity,
                Expr::col((org_unit::Entity, org_unit::Column::Id))
                    .equals((role_grant::Entity, role_grant::Column::OrgUnitId)),
            )
            .cond_where(scope.condition(org_unit::Column::Path))
            .to_owned();
        query = query.filter(app_user::Column::Id.in_subquery(granted_here));
    }
    if let Some(after) = after {
        query = query.filter(app_user::Column::Username.gt(after));
    }
    let users = query.all(db).await?;
    Ok(with_grants(db, &users).await?.into_iter().map(|(view, _)| view).collect())
}

/// The time zone the actor reads times in: their home Pemda's, or WIB for install-wide accounts.
pub async fn home_timezone(db: &impl ConnectionTrait, actor: &Actor) -> ServiceResult<Timezone> {
    let user = app_user::Entity::find_by_id(actor.user_id.into_uuid()).one(db).await?;
    match user.and_then(|u| u.pemda_id) {
        Some(pemda) => crate::programme::year::pemda_timezone(db, pemda).await,
        None => Ok(Timezone::Wib),
    }
}

/// Whether any active user holds the Administrator role.
pub async fn administrator_exists(db: &impl ConnectionTrait) -> ServiceResult<bool> {
    let count =
        role_grant::Entity::find().filter(role_grant::Column::Role.eq(Role::Administrator.as_str())).count(db).await?;
    Ok(count > 0)
}
