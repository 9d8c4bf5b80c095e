//! The compliance index weights of each Pemda: versioned, so every score can say which weights it used and the
//! audit trail holds every change. Without a version the defaults of the domain brief apply (version 0).

use crate::{
    ServiceError, ServiceResult,
    access::Actor,
    audit::{self, AuditEntry, RequestMeta},
    entity::{index_weights, org_unit},
};
use chrono::{DateTime, Utc};
use domain::{
    access::Action,
    dashboard::{Weights, view::WeightsVersion},
    ids::OrgUnitId,
    locale::Locale,
    org::OrgKind,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use std::collections::HashMap;
use uuid::Uuid;

fn weight(n: i16) -> u8 {
    u8::try_from(n).unwrap_or(0)
}

fn version_of(row: &index_weights::Model, names: &HashMap<Uuid, String>) -> WeightsVersion {
    WeightsVersion {
        pemda_id: OrgUnitId::from_uuid(row.pemda_id),
        version: u32::try_from(row.version).unwrap_or(0),
        weights: Weights {
            institution: weight(row.institution),
            activity: weight(row.activity),
            spread: weight(row.spread),
            reporting: weight(row.reporting),
            results: weight(row.results),
        },
        set_at: Some(row.created_at),
        set_by: names.get(&row.created_by).cloned(),
        editable: false,
    }
}

fn defaults(pemda: Uuid) -> WeightsVersion {
    WeightsVersion {
        pemda_id: OrgUnitId::from_uuid(pemda),
        version: 0,
        weights: Weights::default(),
        set_at: None,
        set_by: None,
        editable: false,
    }
}

/// Whether the actor may set the weights of the Pemda at `path` (a Peninjau or Administrator over it).
pub(crate) fn may_set(actor: &Actor, path: &str) -> bool {
    actor.scope(Action::ConfigureProgramme).is_some_and(|scope| scope.covers(path))
}

/// The weights in force for each of `pemdas`.
pub(crate) async fn in_force(
    db: &impl ConnectionTrait,
    pemdas: &[Uuid],
) -> ServiceResult<HashMap<Uuid, WeightsVersion>> {
    let rows = index_weights::Entity::find()
        .filter(index_weights::Column::PemdaId.is_in(pemdas.iter().copied()))
        .order_by_desc(index_weights::Column::Version)
        .all(db)
        .await?;
    let mut latest: HashMap<Uuid, index_weights::Model> = HashMap::new();
    for row in rows {
        latest.entry(row.pemda_id).or_insert(row);
    }
    let names = crate::access::names::of(db, latest.values().map(|r| r.created_by)).await?;
    Ok(pemdas
        .iter()
        .map(|pemda| (*pemda, latest.get(pemda).map_or_else(|| defaults(*pemda), |row| version_of(row, &names))))
        .collect())
}

/// The Pemda, if the actor's dashboard covers it or one of its OPDs.
async fn visible_pemda(db: &impl ConnectionTrait, actor: &Actor, pemda: OrgUnitId) -> ServiceResult<org_unit::Model> {
    let scope = actor.scope(Action::ViewDashboard).ok_or(ServiceError::NotFound)?;
    let unit = org_unit::Entity::find_by_id(pemda.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    // An OPD head sees the weights their OPD is scored with; a city's reviewer not the province's.
    let grant_units =
        org_unit::Entity::find().filter(org_unit::Column::Path.is_in(scope.roots().iter().cloned())).all(db).await?;
    let inside = grant_units.iter().any(|root| root.pemda_id == unit.id);
    if !(scope.covers(&unit.path) || inside) {
        return Err(ServiceError::NotFound);
    }
    if !unit.kind.parse::<OrgKind>().is_ok_and(OrgKind::is_pemda) {
        return Err(ServiceError::Invalid("Bobot indeks diatur per Pemda; unit ini bukan Pemda.".into()));
    }
    Ok(unit)
}

/// The Pemda's weights in force.
pub async fn get(db: &DatabaseConnection, actor: &Actor, pemda: OrgUnitId) -> ServiceResult<WeightsVersion> {
    let unit = visible_pemda(db, actor, pemda).await?;
    let mut version = in_force(db, &[unit.id]).await?.remove(&unit.id).unwrap_or_else(|| defaults(unit.id));
    version.editable = may_set(actor, &unit.path);
    Ok(version)
}

/// Sets new weights for the Pemda (a Peninjau or Administrator over it): a new version, audited.
pub async fn set(
    db: &DatabaseConnection,
    actor: &Actor,
    pemda: OrgUnitId,
    weights: Weights,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<WeightsVersion> {
    let unit = visible_pemda(db, actor, pemda).await?;
    if !may_set(actor, &unit.path) {
        return Err(ServiceError::Forbidden("Hanya Peninjau yang mengubah bobot indeks Pemda ini.".into()));
    }
    let weights = weights.check().map_err(|err| ServiceError::Invalid(err.message(Locale::Id)))?;
    let txn = db.begin().await?;
    let before = in_force(&txn, &[unit.id]).await?.remove(&unit.id).unwrap_or_else(|| defaults(unit.id));
    let row = index_weights::ActiveModel {
        id: Set(Uuid::now_v7()),
        pemda_id: Set(unit.id),
        version: Set(i32::try_from(before.version).unwrap_or(i32::MAX - 1) + 1),
        institution: Set(weights.institution.into()),
        activity: Set(weights.activity.into()),
        spread: Set(weights.spread.into()),
        reporting: Set(weights.reporting.into()),
        results: Set(weights.results.into()),
        created_by: Set(actor.user_id.into_uuid()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|err| match err.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::Conflict("Bobot baru saja diubah orang lain; muat ulang lalu coba lagi.".into())
        }
        _ => err.into(),
    })?;
    let mut after = version_of(&row, &HashMap::from([(actor.user_id.into_uuid(), actor.view.full_name.clone())]));
    after.editable = true;
    let opds = super::standing::opds_of(&txn, unit.id).await?;
    super::standing::refresh_kept(&txn, &opds, now).await?;
    let mut entry = AuditEntry::by(actor, "index_weights.set", "pemda", unit.id, unit.id);
    entry.before = serde_json::to_value(&before).ok();
    entry.after = serde_json::to_value(&after).ok();
    audit::record(&txn, entry, meta, now).await?;
    txn.commit().await?;
    Ok(after)
}
