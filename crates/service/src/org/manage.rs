//! Org tree administration by Administrators (the whole install) and Peninjau (their subtree): adding,
//! renaming, moving and deactivating nodes. Nodes are never deleted, so an OPD's past data stays; every change
//! is in the node's history.

use super::{PlaceUnit, find_by_code, place_unit, view, within};
use crate::{
    ServiceError, ServiceResult,
    access::{Actor, Scope},
    audit::{self, AuditEntry, RequestMeta},
    dashboard::standing,
    entity::org_unit,
};
use chrono::{DateTime, Utc};
use domain::{
    access::Action,
    field::{Problem, Problems},
    ids::OrgUnitId,
    locale::Locale,
    org::{NewUnitInput, OrgUnitView, UnitChange, check_kind_change, check_move},
    text::{Name, OrgCode},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionTrait,
};

fn manage_scope(actor: &Actor) -> ServiceResult<Scope> {
    actor
        .scope(Action::ManageOrgTree)
        .ok_or_else(|| ServiceError::Forbidden("Peran Anda tidak mengelola struktur organisasi.".into()))
}

/// A node inside `scope`; nodes outside it are "not found".
async fn reachable(db: &impl ConnectionTrait, scope: &Scope, id: OrgUnitId) -> ServiceResult<org_unit::Model> {
    org_unit::Entity::find_by_id(id.into_uuid())
        .one(db)
        .await?
        .filter(|row| scope.covers(&row.path))
        .ok_or(ServiceError::NotFound)
}

/// Every node the actor administers, deactivated ones included, ordered by code.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> ServiceResult<Vec<OrgUnitView>> {
    within(db, &manage_scope(actor)?, false).await
}

/// One node the actor administers.
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, id: OrgUnitId) -> ServiceResult<OrgUnitView> {
    view(reachable(db, &manage_scope(actor)?, id).await?)
}

/// Adds a node under a parent inside the actor's subtree (a root only for an Administrator).
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    input: NewUnitInput,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<OrgUnitView> {
    let scope = manage_scope(actor)?;
    let mut problems = Problems::default();
    let code = problems.check("code", OrgCode::parse(&input.code), Problem::Text);
    let name = problems.check("name", Name::parse(&input.name), Problem::Text);
    let (Some(code), Some(name)) = (code, name) else { return Err(ServiceError::Fields(problems.into_vec())) };
    let parent = match input.parent_id {
        Some(id) => Some(reachable(db, &scope, id).await?),
        None if scope.is_install_wide() => None,
        None => return Err(ServiceError::Forbidden("Hanya Administrator yang menambah unit di akar pohon.".into())),
    };
    if parent.as_ref().is_some_and(|parent| !parent.active) {
        return Err(ServiceError::Conflict("Induk sudah dinonaktifkan; aktifkan dulu atau pilih induk lain.".into()));
    }
    if find_by_code(db, &code).await?.is_some() {
        return Err(ServiceError::Conflict(format!("Kode {code} sudah dipakai unit lain.")));
    }
    let parent_code = parent.map(|row| OrgCode::parse(&row.code)).transpose().map_err(|_| ServiceError::NotFound)?;
    let unit = PlaceUnit { code: code.clone(), parent: parent_code, kind: input.kind, name, timezone: input.timezone };
    let txn = db.begin().await?;
    place_unit(&txn, &unit, now).await?;
    let created = find_by_code(&txn, &code).await?.ok_or(ServiceError::NotFound)?;
    let mut entry = AuditEntry::new(Some(actor), "org_unit.create", "org_unit", Some(created.id.to_string()));
    entry.pemda_id = Some(created.pemda_id.into_uuid());
    entry.after = Some(serde_json::to_value(&created).unwrap_or_default());
    audit::record(&txn, entry, meta, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Renames, re-kinds, moves, deactivates or reactivates a node inside the actor's subtree. A move keeps an
/// agency in its Pemda and needs the new parent inside the subtree too; a node with active units below it
/// is not deactivated.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: OrgUnitId,
    change: UnitChange,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<OrgUnitView> {
    let scope = manage_scope(actor)?;
    let row = reachable(db, &scope, id).await?;
    let before = view(row.clone())?;
    let name = match &change.name {
        Some(raw) => Name::parse(raw).map_err(|e| ServiceError::field("name", Problem::Text(e)))?,
        None => Name::parse(&before.name).map_err(|_| ServiceError::NotFound)?,
    };
    let kind = change.kind.unwrap_or(before.kind);
    check_kind_change(before.kind, kind).map_err(|e| ServiceError::Invalid(e.message(Locale::Id).into()))?;
    let parent = match change.parent_id.or(before.parent_id) {
        Some(parent_id) if Some(parent_id) != before.parent_id => Some(reachable(db, &scope, parent_id).await?),
        Some(parent_id) => org_unit::Entity::find_by_id(parent_id.into_uuid()).one(db).await?,
        None => None,
    };
    if let Some(parent) = &parent {
        if Some(OrgUnitId::from_uuid(parent.id)) != before.parent_id && !parent.active {
            return Err(ServiceError::Conflict("Induk tujuan sudah dinonaktifkan.".into()));
        }
        let to = if kind.is_pemda() { before.pemda_id } else { OrgUnitId::from_uuid(parent.pemda_id) };
        check_move(kind, before.pemda_id, to).map_err(|e| ServiceError::Invalid(e.message(Locale::Id).into()))?;
    }
    let code = OrgCode::parse(&before.code).map_err(|_| ServiceError::NotFound)?;
    let parent_code = parent.map(|row| OrgCode::parse(&row.code)).transpose().map_err(|_| ServiceError::NotFound)?;
    let timezone = change.timezone.or(before.timezone);
    let unit = PlaceUnit { code: code.clone(), parent: parent_code, kind, name, timezone };
    let txn = db.begin().await?;
    place_unit(&txn, &unit, now).await?;
    if let Some(active) = change.active.filter(|active| *active != before.active) {
        set_active(&txn, &row, active, now).await?;
    }
    let after = find_by_code(&txn, &code).await?.ok_or(ServiceError::NotFound)?;
    if after == before {
        return Ok(after);
    }
    let action = match (before.active, after.active) {
        (true, false) => "org_unit.deactivate",
        (false, true) => "org_unit.activate",
        _ => "org_unit.update",
    };
    let mut entry = AuditEntry::new(Some(actor), action, "org_unit", Some(id.to_string()));
    entry.pemda_id = Some(after.pemda_id.into_uuid());
    entry.before = Some(serde_json::to_value(&before).unwrap_or_default());
    entry.after = Some(serde_json::to_value(&after).unwrap_or_default());
    audit::record(&txn, entry, meta, now).await?;
    txn.commit().await?;
    Ok(after)
}

async fn set_active(
    db: &impl ConnectionTrait,
    row: &org_unit::Model,
    active: bool,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    if active {
        let parent = match row.parent_id {
            Some(parent) => org_unit::Entity::find_by_id(parent).one(db).await?,
            None => None,
        };
        if parent.is_some_and(|parent| !parent.active) {
            return Err(ServiceError::Conflict("Induknya nonaktif; aktifkan induknya dulu.".into()));
        }
    } else {
        let below = org_unit::Entity::find()
            .filter(org_unit::Column::ParentId.eq(row.id))
            .filter(org_unit::Column::Active.eq(true))
            .count(db)
            .await?;
        if below > 0 {
            return Err(ServiceError::Conflict(format!(
                "Masih ada {below} unit aktif di bawah unit ini; nonaktifkan atau pindahkan dulu."
            )));
        }
    }
    let mut model: org_unit::ActiveModel = row.clone().into();
    model.active = Set(active);
    model.updated_at = Set(now);
    model.update(db).await?;
    standing::refresh_kept(db, &[row.id], now).await
}

/// The changes to a node the actor administers, newest first.
pub async fn history(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: OrgUnitId,
) -> ServiceResult<Vec<domain::account::AuditEventView>> {
    reachable(db, &manage_scope(actor)?, id).await?;
    audit::history(db, "org_unit", &id.to_string(), 100).await
}
